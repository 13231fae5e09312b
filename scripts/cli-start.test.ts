import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { usage } from '../main/cli/usage';

const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist/main/cli.js');

// Run after `npm run build` (npm test builds first), like installer-config.test.ts.
describe('the built command line', () => {
  it('prints its usage for --help from a small file that holds no HTTP client, no keychain, no zod', () => {
    expect(execFileSync(process.execPath, [cli, '--help'], { encoding: 'utf8' })).toBe(`${usage.join('\n')}\n`);
    const source = readFileSync(cli, 'utf8');
    expect(statSync(cli).size).toBeLessThan(20 * 1024);
    for (const heavy of ['axios', 'keytar', 'ZodError']) expect(source).not.toContain(heavy);
  });

  it('still runs a command, loaded from its second file', () => {
    const dir = join(root, 'dist');
    const failure = (() => {
      try {
        execFileSync(process.execPath, [cli, 'commande-inconnue', '--user-data-dir', dir], {
          encoding: 'utf8',
          stdio: 'pipe',
        });
        return undefined;
      } catch (error) {
        return error as { status: number; stderr: string };
      }
    })();
    expect(failure?.status).toBe(2);
    expect(failure?.stderr).toContain('commande inconnue');
  });
});
