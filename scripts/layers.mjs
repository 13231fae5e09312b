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
  return parts.length === 2 ? path : parts[1];
}

const relativeSource = (node) =>
  node?.type === 'Literal' && typeof node.value === 'string' && node.value.startsWith('.') ? node.value : undefined;

/** The file a relative import names, as a path from the project's root, without extension. */
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
    },
  },
  create(context) {
    const file = relative(root, context.filename).split('\\').join('/');
    const from = unitOf(file);
    if (from === undefined) return {};
    const check = (sourceNode) => {
      const source = relativeSource(sourceNode);
      if (source === undefined) return;
      const to = unitOf(target(context.filename, source));
      if (to === undefined || to === from) return;
      for (const unit of [from, to]) {
        if (!levelOf.has(unit)) {
          context.report({ node: sourceNode, messageId: 'unplaced', data: { unit } });
          return;
        }
      }
      const fromLevel = levelOf.get(from);
      const toLevel = levelOf.get(to);
      if (toLevel > fromLevel)
        context.report({ node: sourceNode, messageId: 'higher', data: { from, to, fromLevel, toLevel } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};

export const layeringPlugin = { rules: { 'imports-from-below': importsFromBelow } };

/** The lint's block: product files of main/ and common/, type-only imports included. */
export const layeringConfig = {
  files: ['main/**/*.ts', 'common/**/*.ts'],
  ignores: ['**/*.test.ts', '**/*.d.ts'],
  plugins: { layers: layeringPlugin },
  rules: { 'layers/imports-from-below': 'error' },
};
