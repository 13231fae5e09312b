// The Windows side of the machine profile's and the fleet pointer's trust: what `icacls` prints,
// read as the app reads it through a pipe (the console's OEM code page decoded as UTF-8), on real
// outputs others published (/work/shared/windows-samples/icacls, copied into test/windows-samples).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { windowsListingSecurity } from './machine-profile-trust';

const sample = (name: string): string => readFileSync(join(__dirname, '..', '..', 'test', 'windows-samples', 'icacls', name), 'utf8');

describe('the trust read from icacls', () => {
  it.each([
    ['S1-programdata-default-folder.en.txt', 'a folder created under %ProgramData% by hand: Users create files, CREATOR OWNER gets full control'],
    ['S7-fr-folder-users-ad-wd.fr.cp850.bin', 'the same on a French Windows, read in its OEM code page'],
    ['S7-fr-folder-users-ad-wd.fr.txt', 'the same, transcribed in UTF-8'],
  ])('refuses %s (%s)', (name) => {
    expect(windowsListingSecurity(sample(name))).toEqual({ ownerTrusted: true, writableByOthers: true });
  });

  it.each([
    ['S4-hardened-admin-folder.en.txt', 'a folder only SYSTEM and Administrators may change, as the installer makes it'],
    ['S4f-hardened-admin-file.en.txt', 'a file inside it'],
    ['S2-admin-file.en.txt', 'a file only administrators may change'],
    ['S8-fr-admin-file.fr.cp850.bin', 'the same on a French Windows, read in its OEM code page'],
    ['S8-fr-admin-file.fr.txt', 'the same, transcribed in UTF-8'],
  ])('accepts %s (%s)', (name) => {
    expect(windowsListingSecurity(sample(name))).toEqual({ ownerTrusted: true, writableByOthers: false });
  });
});
