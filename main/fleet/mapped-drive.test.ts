import { describe, expect, it } from 'vitest';
import { driveOf, mappedDriveRefusal, uncOf } from './mapped-drive';

// What fs.realpathSync.native reports on Windows (GetFinalPathNameByHandleW, VOLUME_NAME_DOS, as
// libuv returns it): not verified on Windows here, the shapes are libuv's (deps/uv/src/win/fs.c).
describe('a mapped network drive', () => {
  it('is refused with the UNC path Windows resolves it to', () => {
    expect(mappedDriveRefusal('Z:\\chorus', '\\\\serveur\\partage\\chorus')).toContain('Z: est un lecteur réseau');
    expect(mappedDriveRefusal('z:\\chorus', '\\\\serveur\\partage\\chorus')).toContain('\\\\serveur\\partage\\chorus');
    expect(mappedDriveRefusal('Z:\\', '\\\\nas-mairie\\Compta\\')).toContain('\\\\nas-mairie\\Compta');
    // An older libuv, or a caller that kept the long-path form.
    expect(mappedDriveRefusal('Y:\\flotte', '\\\\?\\UNC\\srv-cc\\parc\\flotte')).toContain('\\\\srv-cc\\parc\\flotte');
    // A relative path typed from a mapped current folder.
    expect(mappedDriveRefusal('flotte', '\\\\serveur\\partage\\flotte')).toContain(
      'ce dossier est sur un lecteur réseau',
    );
    // A share name with spaces and accents stays whole.
    expect(mappedDriveRefusal('P:\\Parc de postes', '\\\\serveur\\Mairie de Plouër\\Parc de postes')).toContain(
      '\\\\serveur\\Mairie de Plouër\\Parc de postes',
    );
  });

  it('accepts a UNC path as typed, a local folder and a subst drive', () => {
    expect(mappedDriveRefusal('\\\\serveur\\partage\\chorus', '\\\\serveur\\partage\\chorus')).toBeUndefined();
    expect(mappedDriveRefusal('C:\\Partage\\chorus', 'C:\\Partage\\chorus')).toBeUndefined();
    expect(mappedDriveRefusal('S:\\chorus', 'D:\\Donnees\\chorus')).toBeUndefined();
    expect(mappedDriveRefusal('/srv/chorus', '/srv/chorus')).toBeUndefined();
  });

  it('reads the drive letter and the UNC form alone', () => {
    expect(driveOf('z:')).toBe('Z:');
    expect(driveOf('C:/x')).toBe('C:');
    expect(driveOf('\\\\s\\p')).toBeUndefined();
    expect(uncOf('\\\\?\\C:\\x')).toBeUndefined();
    expect(uncOf('\\\\.\\pipe\\x')).toBeUndefined();
  });
});
