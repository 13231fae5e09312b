// Issue 29, S7: what ships is what `npm audit --omit=dev` reads. Every package the bundles of dist/
// contain — esbuild's metafile for main/ and preload/, Vite's modules for the renderer — is in the
// production tree (`npm ls --omit=dev --all`), and every declared dependency ships.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build as esbuild } from 'esbuild';
import { build as viteBuild, type Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';
import { esbuildBundles } from './bundles.mjs';

const root = join(__dirname, '..');
const packageOf = (path: string): string | undefined =>
  /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/u.exec(path)?.[1]?.replace('\\', '/');

async function bundledPackages(): Promise<Set<string>> {
  const found = new Set<string>();
  for (const options of await esbuildBundles()) {
    const { metafile } = await esbuild({ ...options, write: false, metafile: true, logLevel: 'silent' });
    for (const input of Object.keys(metafile.inputs)) {
      const name = packageOf(input);
      if (name) found.add(name);
    }
  }
  const output = (await viteBuild({
    configFile: join(root, 'vite.config.mts'),
    configLoader: 'runner',
    logLevel: 'silent',
    build: { write: false },
  })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
  for (const bundle of [output].flat()) {
    for (const chunk of bundle.output) {
      if (chunk.type !== 'chunk') continue;
      for (const id of chunk.moduleIds) {
        const name = packageOf(id);
        if (name) found.add(name);
      }
    }
  }
  return found;
}

interface NpmTree {
  readonly dependencies?: Readonly<Record<string, NpmTree>>;
}
function productionPackages(): Set<string> {
  const tree = JSON.parse(
    execFileSync('npm', ['ls', '--omit=dev', '--all', '--json'], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    }),
  ) as NpmTree;
  const names = new Set<string>();
  const walk = (node: NpmTree): void => {
    for (const [name, child] of Object.entries(node.dependencies ?? {})) {
      names.add(name);
      walk(child);
    }
  };
  walk(tree);
  return names;
}

describe('the packages that ship', () => {
  it('are all in npm ls --omit=dev --all, so npm audit --omit=dev reads every one of them', async () => {
    const bundled = await bundledPackages();
    const production = productionPackages();
    // The bundles hold the app's libraries: the check is not empty.
    for (const name of [
      'axios',
      'zod',
      'react',
      'react-dom',
      'conf',
      'electron-store',
      'age-encryption',
      'fast-xml-parser',
      'iconv-lite',
    ])
      expect(bundled.has(name), name).toBe(true);
    expect([...bundled].filter((name) => !production.has(name)).sort()).toEqual([]);
    // keytar is loaded from node_modules beside the bundles, and audited with them.
    expect(production.has('keytar')).toBe(true);
  }, 180_000);

  it('are exactly what is declared: each dependency ships (bundled, or keytar beside the bundles)', async () => {
    const bundled = await bundledPackages();
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(manifest.dependencies).filter((name) => name !== 'keytar' && !bundled.has(name))).toEqual([]);
  }, 180_000);
});
