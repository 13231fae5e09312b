import { spawnSync } from 'node:child_process';
import { openSync, writeFileSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dirs';

// What standard input is, read by a child Node whose stdin is each kind in turn.
const kindIn = (stdin: 'pipe' | 'ignore' | number): string => {
  const script = `require('tsx/cjs'); const { standardInputKind } = require(${JSON.stringify(join(__dirname, 'standard-input.ts'))}); process.stdout.write(standardInputKind());`;
  const run = spawnSync(process.execPath, ['-e', script], {
    stdio: [stdin, 'pipe', 'pipe'],
    input: stdin === 'pipe' ? 'secret\n' : undefined,
    encoding: 'utf8',
  });
  return run.stdout || run.stderr;
};

describe('standard input as the command line sees it', () => {
  it('is data from a pipe or a file, nothing from a null device', () => {
    expect(kindIn('pipe')).toBe('data');
    const file = join(tempDir('chorus-entree-'), 'secret.txt');
    writeFileSync(file, 'secret\n');
    const fd = openSync(file, 'r');
    try {
      expect(kindIn(fd)).toBe('data');
    } finally {
      closeSync(fd);
    }
    expect(kindIn('ignore')).toBe('none');
  });
});
