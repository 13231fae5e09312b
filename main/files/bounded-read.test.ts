import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { openSync, closeSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clearKeychainService } from '../secrets/keytar-secret-store';
import { runCliProcess } from '../../test/support/cli-process';
import { tempDir } from '../../test/support/temp-dirs';

// POSIX special files; Windows has no FIFO in its file system, and its devices are refused the same
// way (not a regular file).
const keychainService = `Chorus Pro Echanges (test fichiers ${randomUUID()})`;
afterAll(() => clearKeychainService(keychainService));
// Killed past this: before the fix, reading a named pipe blocked for ever.
const cli = (args: readonly string[]) => runCliProcess(args, keychainService, { timeoutMs: 20_000 });

function namedPipe(): string {
  const path = join(tempDir('chorus-tube-'), 'profil.json');
  execFileSync('mkfifo', [path]);
  return path;
}

/** A 300 MB file that takes no room on the disk. */
function hugeSparseFile(name: string): string {
  const path = join(tempDir('chorus-enorme-'), name);
  const descriptor = openSync(path, 'w');
  ftruncateSync(descriptor, 300 * 1024 * 1024);
  closeSync(descriptor);
  return path;
}

describe('files named by the user are regular files, read with a size limit', () => {
  it('a profile that is a named pipe or a device is refused at once, with what it is', async () => {
    const dir = tempDir('chorus-fichiers-');
    for (const file of [namedPipe(), '/dev/zero']) {
      const run = await cli(['import-profile', file, '--json', '--user-data-dir', dir]);
      expect(run.status).toBe(2);
      expect(run.json).toMatchObject({
        ok: false,
        code: 'PROFILE_REFUSED',
        message: expect.stringContaining('pas un fichier ordinaire') as string,
      });
    }
  });

  it('an authority file that is huge, a named pipe or a device is refused, and nothing is saved', async () => {
    const dir = tempDir('chorus-fichiers-');
    for (const [file, reason] of [
      [hugeSparseFile('autorite.pem'), 'trop gros'],
      [namedPipe(), 'pas un fichier ordinaire'],
      ['/dev/zero', 'pas un fichier ordinaire'],
    ] as const) {
      const run = await cli(['configure', '--ca-file', file, '--json', '--user-data-dir', dir]);
      expect(run.status).toBe(2);
      expect(run.json).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
        message: expect.stringContaining(reason) as string,
      });
    }
    expect((await cli(['status', '--json', '--user-data-dir', dir])).json).toMatchObject({
      settings: { caCertificatePath: null },
    });
  });
});
