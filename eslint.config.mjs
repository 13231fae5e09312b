import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layeringConfig } from './scripts/layers.mjs';

const electronRuntimeImport = {
  name: 'electron',
  allowTypeImports: true,
  message: 'Only the shell (main/shell/) and the preload import Electron at run time: take what you need as an argument.',
};

// Test support lives with the tests (test/support/): the product never reaches it.
const testSupportImport = { group: ['**/test/support/**', '**/test/support'], message: 'Product code does not import test support: test/support/ is for tests.' };
// The shell wires the core to Electron: the core (which the command line and the tests run under
// plain Node) never reaches back into it.
const shellImport = { group: ['**/shell/*', '**/shell'], message: 'Only main/index.ts imports the shell (main/shell/): the core runs without Electron.' };
const keytarImport = { name: 'keytar', message: 'keytar is imported by main/secrets/keytar-secret-store.ts only.' };

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
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
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
          paths: [electronRuntimeImport, { name: 'electron-store', allowTypeImports: true, message: 'electron-store is opened by the shell (main/shell/) only.' }],
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
    rules: { 'no-restricted-imports': ['error', { paths: [keytarImport], patterns: [testSupportImport, shellImport] }] },
  },
  {
    files: ['main/index.ts', 'main/shell/**/*.ts'],
    ignores: ['main/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [keytarImport], patterns: [testSupportImport] }] },
  },
  {
    files: ['main/secrets/keytar-secret-store.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [testSupportImport, shellImport] }] },
  },
  {
    // Shared by the main process and the renderer (French typography): it reaches neither.
    files: ['common/**/*.ts'],
    ignores: ['common/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/test/**', 'node:*', 'electron'], message: 'common/ is plain TypeScript that main and the renderer share: it imports neither, nor Node.' }] },
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
            { group: ['**/preload/contract'], allowTypeImports: true, message: 'The renderer imports types only from the contract.' },
            { group: ['**/main/**', '**/preload/*', '!**/preload/contract'], message: 'The renderer reaches the main process through window.chorus only.' },
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
