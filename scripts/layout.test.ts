// The house as a newcomer reads it by its folder names (issue 23): imports go one way, the top of
// main/ holds only the entries and the composition root, no room is too big to read, and every
// file in the product folders is product (test support lives in test/support/).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import madge from 'madge';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..');
const tracked = (...folders: string[]): string[] =>
  execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', ...folders], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean);
const isProductSource = (file: string): boolean => /\.tsx?$/.test(file) && !/\.test\.tsx?$|\.d\.ts$/.test(file);
const productEntries = [
  'main/index.ts',
  'main/cli.ts',
  'main/cli-commands.ts',
  'preload/index.ts',
  'preload/secret-prompt.ts',
  'renderer/src/main.tsx',
];
const graphOf = (paths: string[]) =>
  madge(paths, { baseDir: root, fileExtensions: ['ts', 'tsx'], tsConfig: join(root, 'tsconfig.json') });

describe('the layout of the code', () => {
  it('has no import circle, type imports included', async () => {
    const graph = await graphOf(
      ['common', 'main', 'preload', 'renderer/src', 'test'].map((folder) => join(root, folder)),
    );
    const imports = graph.obj();
    // The graph is read at all, relative imports resolved, type-only ones included: otherwise an
    // empty graph would have no circle either.
    expect(Object.keys(imports).length).toBeGreaterThan(100);
    expect(imports['main/ipc/main-process.ts']).toContain('main/ipc/handlers.ts');
    expect(imports['main/ipc/channel-handlers.ts']).toContain('main/accounts/account-services.ts');
    expect(graph.circular()).toEqual([]);
  });

  it('has no circle between the folders of main/ either, its top-level files each a room of their own', async () => {
    const graph = (await graphOf([join(root, 'main')])).obj();
    // main/chorus/x.ts is the room main/chorus; main/services.ts is a room of its own, as in scripts/layers.mjs.
    const folderOf = (file: string): string => file.split('/').slice(0, 2).join('/');
    const folderImports = new Map<string, Set<string>>();
    for (const [file, imported] of Object.entries(graph)) {
      if (!isProductSource(file)) continue;
      const from = folderOf(file);
      for (const target of imported.filter((path) => isProductSource(path) && folderOf(path) !== from)) {
        folderImports.set(from, (folderImports.get(from) ?? new Set()).add(folderOf(target)));
      }
    }
    expect(folderImports.size).toBeGreaterThan(15);
    // A circle is a folder reaching itself through others: every pair of folders that reach each other.
    const reaches = (from: string, to: string, seen = new Set<string>()): boolean =>
      [...(folderImports.get(from) ?? [])].some(
        (next) => next === to || (!seen.has(next) && reaches(next, to, seen.add(next))),
      );
    const circles = [...folderImports.keys()].filter((folder) => reaches(folder, folder)).sort();
    const edges = circles.map(
      (folder) =>
        `${folder} → ${[...(folderImports.get(folder) ?? [])].filter((next) => circles.includes(next)).join(', ')}`,
    );
    expect(circles, edges.join('\n')).toEqual([]);
  });

  it('keeps at the top of main/ only the entries and the composition root (6 files at most)', () => {
    const topLevel = tracked('main').filter((file) => file.split('/').length === 2);
    expect(topLevel.length, topLevel.join(', ')).toBeLessThanOrEqual(6);
    expect(topLevel).toEqual(expect.arrayContaining(['main/index.ts', 'main/services.ts']));
  });

  it('has no product file over 300 lines in common/, main/, preload/ or renderer/ but the contract', () => {
    const long = tracked('common', 'main', 'preload', 'renderer')
      .filter((file) => isProductSource(file) && file !== 'preload/contract.ts')
      .map((file) => ({ file, lines: readFileSync(join(root, file), 'utf8').trimEnd().split('\n').length }))
      .filter(({ lines }) => lines > 300);
    expect(long).toEqual([]);
  });

  it('has no product line over 140 characters but one holding a single string literal (Prettier wraps at 120)', () => {
    const singleLiteral =
      /^\s*(?:[\w$.[\]'"]+\s*[:=]\s*|return\s+|\+\s*|\?\s*|:\s*)?(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`)\s*[,;)+]*\s*$/;
    // A template whose `${…}` holds a condition or a list turned into text is code, not a literal: it is split.
    const computedPart = /\$\{[^}]*(\?|\.(map|join|filter|slice)\()/;
    const long = tracked('common', 'main', 'preload', 'renderer')
      .filter(isProductSource)
      .flatMap((file) =>
        readFileSync(join(root, file), 'utf8')
          .split('\n')
          .flatMap((line, index) =>
            line.length > 140 && !(singleLiteral.test(line) && !computedPart.test(line))
              ? [`${file}:${index + 1}`]
              : [],
          ),
      );
    expect(long).toEqual([]);
  });

  it('ships every source file of common/, main/, preload/ and renderer/: each is reached from an entry, none is test support', async () => {
    const reached = new Set(Object.keys((await graphOf(productEntries.map((entry) => join(root, entry)))).obj()));
    const notReached = tracked('common', 'main', 'preload', 'renderer').filter(
      (file) => isProductSource(file) && !reached.has(file),
    );
    expect(notReached).toEqual([]);
  });
});
