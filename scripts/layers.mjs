// The core's layers, in VS Code's manner (its `code-layering` rule): every folder of main/ has a
// place in this order, and a product file imports only from its own layer or from a layer below.
// The command line and the window are translations at the top; the plain types sit at the bottom.
// docs/developer/architecture.md says the same order in words.
import { existsSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/**
 * From the bottom up. A name is a folder of main/ (`chorus`), `common` (the top-level folder main
 * and the renderer share), or one of main/'s top-level files (`main/services.ts`).
 */
export const layers = [
  ['common'],
  ['text', 'dates', 'types', 'files', 'failures', 'logging', 'windows', 'main/app-version.ts'],
  ['net', 'secrets', 'settings', 'hosts'],
  ['chorus', 'credentials', 'reminder', 'schedule', 'profiles'],
  ['accounts', 'fleet', 'destinations', 'handoff', 'forget', 'daily-check'],
  ['main/services.ts'],
  ['ipc', 'cli', 'main/cli-commands.ts', 'preload'],
  ['shell', 'main/cli.ts', 'main/index.ts'],
];

const levelOf = new Map(layers.flatMap((names, level) => names.map((name) => [name, level])));

/** The layer's name of a file (a path from the project's root), or undefined outside the layering. */
export function unitOf(path) {
  const parts = path.split('/');
  if (parts[0] === 'common') return 'common';
  if (parts[0] === 'preload') return 'preload';
  if (parts[0] !== 'main') return undefined;
  // `from '..'` names the folder main/ itself: Node reads its index.ts.
  if (parts.length === 1) return 'main/index.ts';
  return parts.length === 2 ? path : parts[1];
}

/** The contract (the IPC's side of the bridge) is for main/ipc/ alone: the core states its types in common/. */
const contractReaders = new Set(['preload', 'ipc']);
const isContract = (path) => path.replace(/\.ts$/, '') === 'preload/contract';

/** The text of an import's path, when it is written out (a string, or a template with nothing computed). */
const writtenPath = (node) => {
  if (node?.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0)
    return node.quasis[0]?.value.cooked ?? undefined;
  if (node?.type === 'TSLiteralType') return writtenPath(node.literal);
  return undefined;
};

/** The file a relative import names, as a path from the project's root. */
const target = (fromFile, source) => {
  const absolute = resolve(dirname(fromFile), source);
  const path = relative(root, absolute).split('\\').join('/');
  const isFolder = existsSync(absolute) && statSync(absolute).isDirectory();
  return isFolder || /\.[cm]?[jt]sx?$/.test(path) || path.split('/').length > 2 || !path.startsWith('main/')
    ? path
    : `${path}.ts`;
};

const importsFromBelow = {
  meta: {
    type: 'problem',
    docs: { description: 'A folder of the core imports only from its own layer or a lower one (scripts/layers.mjs).' },
    schema: [],
    messages: {
      higher:
        '{{from}} (layer {{fromLevel}}) imports {{to}} (layer {{toLevel}}): a layer imports only from itself or below. Move the shared piece down, or take it as an argument (scripts/layers.mjs).',
      unplaced: '{{unit}} has no layer: give it its place in scripts/layers.mjs and in docs/developer/architecture.md.',
      outside:
        '{{from}} imports {{path}}, outside the core (common/, main/, preload/): the product never reaches renderer/, e2e/, test/ or scripts/.',
      contract: '{{from}} imports the contract ({{path}}): only main/ipc/ does; the core takes its types from common/.',
      computed: 'An import whose path is computed cannot be checked against the layers: write the path out.',
    },
  },
  create(context) {
    const file = relative(root, context.filename).split('\\').join('/');
    const from = unitOf(file);
    if (from === undefined) return {};
    const check = (sourceNode) => {
      const source = writtenPath(sourceNode);
      if (source === undefined) {
        context.report({ node: sourceNode, messageId: 'computed' });
        return;
      }
      if (!source.startsWith('.')) return;
      const path = target(context.filename, source);
      const to = unitOf(path);
      if (to === undefined) {
        if (/^(renderer|e2e|test|scripts)\//.test(path))
          context.report({ node: sourceNode, messageId: 'outside', data: { from, path } });
        return;
      }
      if (to === from) return;
      for (const unit of [from, to]) {
        if (!levelOf.has(unit)) {
          context.report({ node: sourceNode, messageId: 'unplaced', data: { unit } });
          return;
        }
      }
      if (isContract(path) && !contractReaders.has(from)) {
        context.report({ node: sourceNode, messageId: 'contract', data: { from, path } });
        return;
      }
      const fromLevel = levelOf.get(from);
      const toLevel = levelOf.get(to);
      if (toLevel > fromLevel)
        context.report({ node: sourceNode, messageId: 'higher', data: { from, to, fromLevel, toLevel } });
    };
    const checkGiven = (sourceNode) => {
      if (sourceNode) check(sourceNode);
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => checkGiven(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      // `type T = import('../x').T` and `import x = require('../x')`: imports too.
      TSImportType: (node) => check(node.argument),
      TSExternalModuleReference: (node) => check(node.expression),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length > 0)
          check(node.arguments[0]);
      },
    };
  },
};

export const layeringPlugin = { rules: { 'imports-from-below': importsFromBelow } };

/** The lint's block: product files of main/, common/ and preload/, type-only and dynamic imports included. */
export const layeringConfig = {
  files: ['main/**/*.ts', 'common/**/*.ts', 'preload/**/*.ts'],
  ignores: ['**/*.test.ts', '**/*.d.ts'],
  plugins: { layers: layeringPlugin },
  rules: { 'layers/imports-from-below': 'error' },
};
