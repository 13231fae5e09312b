import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layeringConfig } from './scripts/layers.mjs';

const electronRuntimeImport = {
  name: 'electron',
  allowTypeImports: true,
  message:
    'Only the shell (main/shell/) and the preload import Electron at run time: take what you need as an argument.',
};

// Test support lives with the tests (test/support/): the product never reaches it.
const testSupportImport = {
  group: ['**/test/support/**', '**/test/support'],
  message: 'Product code does not import test support: test/support/ is for tests.',
};
// The shell wires the core to Electron: the core (which the command line and the tests run under
// plain Node) never reaches back into it.
const shellImport = {
  group: ['**/shell/*', '**/shell'],
  message: 'Only main/index.ts imports the shell (main/shell/): the core runs without Electron.',
};
const keytarImport = { name: 'keytar', message: 'keytar is imported by main/secrets/keytar-secret-store.ts only.' };
// The channels' schemas are the IPC's: the core owns its types (common/ and its own folders), and
// only the IPC handlers (main/ipc/) translate the bridge's calls.
const contractImport = {
  group: ['**/preload/contract'],
  message:
    "Only main/ipc/ imports the channels' schemas (preload/contract.ts): import the types from common/, the schemas from the core.",
};

export default tseslint.config(
  { ignores: ['dist/', 'release/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './tsconfig.web.json', './tsconfig.e2e.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-console': 'error',
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/shell/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            electronRuntimeImport,
            {
              name: 'electron-store',
              allowTypeImports: true,
              message: 'electron-store is opened by the shell (main/shell/) only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['preload/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [testSupportImport] }] },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [keytarImport], patterns: [testSupportImport, shellImport, contractImport] },
      ],
    },
  },
  {
    files: ['main/ipc/**/*.ts'],
    ignores: ['main/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [keytarImport], patterns: [testSupportImport, shellImport] }],
    },
  },
  {
    files: ['main/**/*.test.ts'],
    ignores: ['main/ipc/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [contractImport] }] },
  },
  {
    files: ['main/index.ts', 'main/shell/**/*.ts'],
    ignores: ['main/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [keytarImport], patterns: [testSupportImport, contractImport] }],
    },
  },
  {
    files: ['main/secrets/keytar-secret-store.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [testSupportImport, shellImport, contractImport] }] },
  },
  {
    // Shared by the main process and the renderer (the domain's plain types and constants, the
    // bridge's type, French typography): it reaches neither, nor any package.
    files: ['common/**/*.ts'],
    ignores: ['common/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\./)|\\.\\.',
              message:
                'common/ is plain TypeScript that main and the renderer share: it imports only common/, no package, no Node.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer is sandboxed: it talks to window.chorus only.' }],
          patterns: [
            {
              group: ['**/main/**', '**/preload/**', '**/e2e/**', '**/scripts/**'],
              message:
                'The renderer reaches the main process through window.chorus only; what it shares with it is in common/.',
            },
            { group: ['node:*'], message: 'No Node in the renderer.' },
          ],
        },
      ],
    },
  },
  // A folder of the core imports only from its own layer or below (scripts/layers.mjs).
  layeringConfig,
  {
    files: ['main/logging/logger.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.test.ts', 'e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/require-await': 'off',
      'no-empty-pattern': 'off',
    },
  },
  {
    files: ['**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node, parserOptions: { project: false, projectService: false } },
    rules: { 'no-console': 'off' },
  },
);
