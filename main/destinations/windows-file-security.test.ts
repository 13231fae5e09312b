import { describe, expect, it } from 'vitest';
import { windowsFileTrust } from './file-trust';
import { sddlTrust } from './windows-file-security';

// No public SDDL sample is in ../shared/windows-samples/: these strings are written after
// Microsoft's SDDL documentation (ACE strings, SID strings, access-right letters) for the cases a
// script destination meets. NOT VERIFIED against a real Windows' Get-Acl output.
const trustedInstaller = 'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464';
const namedUser = 'S-1-5-21-1004336348-1177238915-682003330-1001';

describe('an executable\'s security descriptor (SDDL, Windows)', () => {
  it('trusts a file under Program Files: TrustedInstaller owns it, users read and run it, CREATOR OWNER only for children', () => {
    const sddl = `O:${trustedInstaller}G:${trustedInstaller}D:PAI(A;;FA;;;${trustedInstaller})(A;OICIIO;GA;;;${trustedInstaller})(A;;0x1301bf;;;SY)(A;OICIIO;GA;;;SY)(A;;0x1301bf;;;BA)(A;OICIIO;GA;;;BA)(A;;0x1200a9;;;BU)(A;OICIIO;GXGR;;;BU)(A;OICIIO;GA;;;CO)(A;;0x1200a9;;;AC)`;
    expect(sddlTrust(sddl)).toEqual({ ownerTrusted: true, otherWriters: [] });
  });

  it('trusts an administrators\' file read by users, and a deny entry is never a grant', () => {
    expect(sddlTrust('O:BAG:SYD:PAI(D;;FA;;;WD)(A;;FA;;;SY)(A;;FA;;;BA)(A;;FRFX;;;BU)')).toEqual({ ownerTrusted: true, otherWriters: [] });
  });

  it('finds a named user, Users or Authenticated Users who may write, inherited entries included', () => {
    expect(sddlTrust(`O:BAG:SYD:(A;;FA;;;SY)(A;;FA;;;BA)(A;OICI;FA;;;${namedUser})`)?.otherWriters).toEqual([namedUser]);
    expect(sddlTrust('O:BAG:SYD:AI(A;ID;0x1301bf;;;BU)(A;ID;FA;;;BA)')?.otherWriters).toEqual(['BU']);
    expect(sddlTrust('O:BAG:SYD:(A;;WD;;;AU)')?.otherWriters).toEqual(['AU']);
    // Rights it cannot read count as a write: a doubt never trusts.
    expect(sddlTrust('O:BAG:SYD:(A;;ZZ;;;BU)')?.otherWriters).toEqual(['BU']);
  });

  it('distrusts a file a user owns, and says why', async () => {
    expect(sddlTrust(`O:${namedUser}G:${namedUser}D:(A;;FA;;;${namedUser})`)).toEqual({ ownerTrusted: false, otherWriters: [namedUser] });
    const check = windowsFileTrust(() => Promise.resolve(`O:${namedUser}D:(A;;FA;;;SY)`));
    expect(await check('C:\\Users\\eve\\pousser.exe', 'file')).toEqual({ trusted: false, reason: "n'appartient ni à SYSTEM, ni aux Administrateurs, ni à TrustedInstaller" });
    const unreadable = windowsFileTrust(() => Promise.resolve(undefined));
    expect(await unreadable('C:\\x.exe', 'file')).toMatchObject({ trusted: false });
  });
});
