import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { broadWriters, icaclsEntries } from './share-acl';

// The team's published samples, kept byte for byte in the repository (test/windows-samples/README.md).
const samples = join(import.meta.dirname, '..', '..', 'test', 'windows-samples', 'icacls');
/** As the app reads icacls' pipe: byte for byte. */
const listing = (file: string): string => readFileSync(join(samples, file)).toString('latin1');

describe("the share's rights as icacls prints them (real outputs, their real encodings)", () => {
  it('reads every entry of an English listing, the path of the first line aside', () => {
    const entries = icaclsEntries(listing('S1-programdata-default-folder.en.txt'));
    expect(entries).toHaveLength(5);
    expect(entries[0]?.principal.endsWith('NT AUTHORITY\\SYSTEM')).toBe(true);
    expect(entries[4]).toEqual({ principal: 'BUILTIN\\Users', inheritance: ['I', 'CI'], rights: ['WD', 'AD', 'WEA', 'WA'] });
  });

  it('says a folder where Users may add files (ProgramData by default) is writable by everyone, not its files', () => {
    expect(broadWriters(listing('S1-programdata-default-folder.en.txt'))).toEqual({ onFolder: ['Users'], onFiles: [] });
  });

  it('reads the French listing in CP850 as Windows writes it to a pipe', () => {
    expect(broadWriters(listing('S7-fr-folder-users-ad-wd.fr.cp850.bin'))).toEqual({ onFolder: ['Utilisateurs'], onFiles: [] });
  });

  it('finds nothing to say of a hardened folder, a named user aside, nor of inherit-only read rights', () => {
    for (const file of ['S4-hardened-admin-folder.en.txt', 'S5-named-user-write.en.txt', 'S10-programfiles-style-folder.en.txt', 'S8-fr-admin-file.fr.cp850.bin', 'S2-admin-file.en.txt']) {
      expect(broadWriters(listing(file)), file).toEqual({ onFolder: [], onFiles: [] });
    }
  });

  it('says the files of a folder are writable by everyone when a group of everyone holds an inherited write right', () => {
    const opened = 'C:\\partage\\chorus\\status Tout le monde:(OI)(CI)(M)\r\n                      AUTORITE NT\\Utilisateurs authentifi\x82s:(OI)(CI)(IO)(W)\r\n\r\n1 fichiers correctement trait\x82s';
    expect(broadWriters(opened)).toEqual({ onFolder: ['Tout le monde'], onFiles: ['Tout le monde', 'Utilisateurs authentifi\x82s'] });
  });
});
