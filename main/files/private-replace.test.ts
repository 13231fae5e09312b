import { randomUUID } from 'node:crypto';
import { chmodSync, chownSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clearKeychainService } from '../secrets/keytar-secret-store';
import { runCliProcess } from '../../test/support/cli-process';
import { tempDir } from '../../test/support/temp-dirs';

const keychainService = `Chorus Pro Echanges (test export ${randomUUID()})`;
afterAll(() => clearKeychainService(keychainService));
const exportTo = (target: string) =>
  runCliProcess(['export-profile', target, '--json', '--user-data-dir', tempDir('chorus-export-')], keychainService);

/** A folder of a file share every user may write into. */
function sharedFolder(): string {
  const folder = tempDir('chorus-partage-');
  chmodSync(folder, 0o777);
  return folder;
}

describe('an exported profile written into a shared folder', () => {
  // Another owner needs root to be made here; the CI runs as root (.ci/run).
  it.runIf(process.getuid?.() === 0)(
    'over a file another user created beforehand: refused, that file left as it was',
    async () => {
      const target = join(sharedFolder(), 'profil.json');
      writeFileSync(target, 'fichier du voisin');
      chmodSync(target, 0o666);
      chownSync(target, 65534, 65534);
      const run = await exportTo(target);
      expect(run.json).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
        message: expect.stringContaining('appartient à un autre utilisateur') as string,
      });
      expect(readFileSync(target, 'utf8')).toBe('fichier du voisin');
      expect(statSync(target).uid).toBe(65534);
    },
  );

  it('through a symbolic link: refused, what it points to left as it was', async () => {
    const folder = sharedFolder();
    const elsewhere = join(tempDir('chorus-ailleurs-'), 'cible.txt');
    writeFileSync(elsewhere, 'ne pas écraser');
    symlinkSync(elsewhere, join(folder, 'profil.json'));
    const run = await exportTo(join(folder, 'profil.json'));
    expect(run.json).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: expect.stringContaining('lien symbolique') as string,
    });
    expect(readFileSync(elsewhere, 'utf8')).toBe('ne pas écraser');
  });

  it('over the user’s own earlier export left readable by all: a new file, for its owner only', async () => {
    const target = join(sharedFolder(), 'profil.json');
    writeFileSync(target, 'ancien');
    chmodSync(target, 0o644);
    const run = await exportTo(target);
    expect(run.json).toMatchObject({ ok: true });
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(target, 'utf8'))).toMatchObject({ profileVersion: 1 });
  });
});
