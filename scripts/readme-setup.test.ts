import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const ci = readFileSync(join(root, '.ci', 'run'), 'utf8');

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

describe('the README’s Linux set-up', () => {
  it('is exactly what CI runs, ending with the README’s test command', () => {
    const section = readme.slice(readme.indexOf('### Linux set-up'));
    const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
    const ciBlock = /# >>> README: Linux set-up\n([\s\S]*?)# <<< README: Linux set-up/.exec(ci)?.[1];
    expect(block).toBeDefined();
    expect(ciBlock).toBeDefined();
    expect(lines(ciBlock!)).toEqual(lines(block!));
    expect(lines(block!).at(-1)).toBe('npm test');
    // What .ci/run does outside the block only prepares the shell, it installs nothing.
    const outside = lines(ci.replace(ciBlock!, '')).filter((line) => !line.startsWith('#'));
    expect(outside).toEqual(['set -euo pipefail', 'cd "$(dirname "$0")/.."', 'export DEBIAN_FRONTEND=noninteractive']);
  });

  it('builds and tests on a maintained Node LTS: engines, @types/node and the Node CI installs agree, Node 20 is refused', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      engines: { node: string };
      devDependencies: Record<string, string>;
    };
    const lowest = /^>=(\d+)\.(\d+)\.\d+$/.exec(manifest.engines.node);
    expect(lowest, 'engines.node is one lower bound').not.toBeNull();
    const major = Number(lowest?.[1]);
    // Node 20 ended in April 2026, 22 ends in April 2027; Electron's tooling asks for ≥ 22.12.
    expect(major).toBeGreaterThanOrEqual(24);
    expect(manifest.devDependencies['@types/node']).toMatch(new RegExp(`^\\^${String(major)}\\.`));
    expect(ci).toContain(`>= ${String(major)} ? 0 : 1`);
    expect(ci).toContain(`"$node_package@${String(major)}"`);
    expect(readme).toContain(`**Node.js ${String(major)} LTS**`);
  });

  it('lists in « What `npm test` runs » every step of `npm test`, in its order', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { test: string } };
    const steps = manifest.scripts.test.split('&&').map((step) => step.trim().replace(/^npm run /, ''));
    const section = readme.slice(readme.indexOf('## What `npm test` runs'), readme.indexOf('## Trying it'));
    expect([...section.matchAll(/^\d+\. `([^`]+)`/gm)].map((match) => match[1])).toEqual(steps);
    expect(steps).toContain('audit');
  });
});
