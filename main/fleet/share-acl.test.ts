import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { icaclsToSddl } from '../../test/support/icacls-to-sddl';
import { windowsSample } from '../../test/support/windows-samples';
import { consoleText } from '../windows/console-text';
import { broadWriters } from './share-acl';
import { shareInspector } from './share-warnings';

// The team's published icacls listings (real encodings, CP850 for the French ones), said again in
// SDDL as Get-Acl gives it (test/support/icacls-to-sddl.ts), and SDDL written from Microsoft's docs.
const fromListing = (name: string): string =>
  icaclsToSddl(consoleText(readFileSync(windowsSample(`icacls/${name}`)), 850));
const sddlSample = (name: string): string => readFileSync(windowsSample(`sddl/${name}`), 'utf8');

describe("the share's rights, from each folder's security descriptor", () => {
  it('says a folder where Users may add files (ProgramData by default) is writable by everyone, not its files', () => {
    expect(broadWriters(fromListing('S1-programdata-default-folder.en.txt'))).toEqual({
      onFolder: ['BUILTIN\\Utilisateurs (S-1-5-32-545)'],
      onFiles: [],
    });
    expect(broadWriters(sddlSample('D1-programdata-default-folder.sddl'))).toEqual({
      onFolder: ['BUILTIN\\Utilisateurs (S-1-5-32-545)'],
      onFiles: [],
    });
  });

  it('reads the French listing captured in CP850 the same way', () => {
    expect(broadWriters(fromListing('S7-fr-folder-users-ad-wd.fr.cp850.bin'))).toEqual({
      onFolder: ['BUILTIN\\Utilisateurs (S-1-5-32-545)'],
      onFiles: [],
    });
  });

  it('finds nothing to say of a hardened folder, a named user aside, nor of inherit-only entries for the creator', () => {
    for (const name of [
      'S4-hardened-admin-folder.en.txt',
      'S5-named-user-write.en.txt',
      'S10-programfiles-style-folder.en.txt',
      'S8-fr-admin-file.fr.cp850.bin',
      'S2-admin-file.en.txt',
    ]) {
      expect(broadWriters(fromListing(name)), name).toEqual({ onFolder: [], onFiles: [] });
    }
  });

  it('says the files are writable by everyone when a group of everyone holds a write right inherited by files, Domain Users included', () => {
    const opened = 'O:BAD:(A;OICI;0x1301bf;;;WD)(A;OICIIO;0x100116;;;AU)(A;CI;0x100004;;;S-1-5-21-1-2-3-513)';
    expect(broadWriters(opened)).toEqual({
      onFolder: ['Tout le monde (S-1-1-0)', 'S-1-5-21-1-2-3-513'],
      onFiles: ['Tout le monde (S-1-1-0)', 'AUTORITE NT\\Utilisateurs authentifiés (S-1-5-11)'],
    });
    expect(broadWriters('O:BAD:NO_ACCESS_CONTROL')?.onFiles).toEqual(['Tout le monde (S-1-1-0)']);
    expect(broadWriters('pas un descripteur')).toBeUndefined();
  });

  it('warns in French of a share folder everyone may change, and when the rights could not be read', async () => {
    const read = async (paths: readonly string[]) =>
      paths.map((path) =>
        path.endsWith('invitations')
          ? sddlSample('D1-programdata-default-folder.sddl')
          : sddlSample('D2-hardened-by-guide-folder.sddl'),
      );
    const warnings = await shareInspector('win32', read)('\\\\srv\\chorus', []);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^Partage : le dossier invitations est modifiable par BUILTIN\\Utilisateurs \(S-1-5-32-545\) ; seul le service informatique/u,
      ),
    ]);
    expect(await shareInspector('win32', async () => undefined)('\\\\srv\\chorus', [])).toEqual([
      expect.stringContaining("n'ont pas pu être lus"),
    ]);
  });
});
