import { describe, expect, it } from 'vitest';
import { windowsFileTrust } from './file-trust';

// No public SDDL sample is in ../shared/windows-samples/: these strings are written after
// Microsoft's SDDL documentation (ACE strings, SID strings, access-right letters) for the cases a
// script destination meets; the rule is the machine profile's (main/windows/sddl-trust.ts, issue
// 29). NOT VERIFIED against a real Windows' Get-Acl output.
const trustedInstaller = 'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464';
const namedUser = 'S-1-5-21-1004336348-1177238915-682003330-1001';
const verdictOn = (sddl: string | undefined) =>
  windowsFileTrust(() => Promise.resolve(sddl))('C:\\Program Files\\Compta\\pousser.exe', 'file');

describe("an executable's security descriptor (SDDL, Windows)", () => {
  it('trusts a file under Program Files: TrustedInstaller owns it, users read and run it, CREATOR OWNER only for children', async () => {
    const sddl = `O:${trustedInstaller}G:${trustedInstaller}D:PAI(A;;FA;;;${trustedInstaller})(A;OICIIO;GA;;;${trustedInstaller})(A;;0x1301bf;;;SY)(A;OICIIO;GA;;;SY)(A;;0x1301bf;;;BA)(A;OICIIO;GA;;;BA)(A;;0x1200a9;;;BU)(A;OICIIO;GXGR;;;BU)(A;OICIIO;GA;;;CO)(A;;0x1200a9;;;AC)`;
    expect(await verdictOn(sddl)).toEqual({ trusted: true });
  });

  it("trusts an administrators' file read by users, and a deny entry is never a grant", async () => {
    expect(await verdictOn('O:BAG:SYD:PAI(D;;FA;;;WD)(A;;FA;;;SY)(A;;FA;;;BA)(A;;FRFX;;;BU)')).toEqual({
      trusted: true,
    });
  });

  it('finds a named user, Users or Authenticated Users who may write, inherited entries included, and names them', async () => {
    expect(await verdictOn(`O:BAG:SYD:(A;;FA;;;SY)(A;;FA;;;BA)(A;OICI;FA;;;${namedUser})`)).toEqual({
      trusted: false,
      reason: `n'est pas sûr : ${namedUser} peut le modifier`,
    });
    expect(await verdictOn('O:BAG:SYD:AI(A;ID;0x1301bf;;;BU)(A;ID;FA;;;BA)')).toMatchObject({
      trusted: false,
      reason: expect.stringContaining('BUILTIN\\Utilisateurs (S-1-5-32-545) peut le modifier') as string,
    });
    expect(await verdictOn('O:BAG:SYD:(A;;WD;;;AU)')).toMatchObject({
      trusted: false,
      reason: expect.stringContaining('S-1-5-11') as string,
    });
  });

  it('distrusts a file a user owns, or whose rights cannot be read, and says why', async () => {
    expect(await verdictOn(`O:${namedUser}D:(A;;FA;;;SY)`)).toMatchObject({
      trusted: false,
      reason: expect.stringContaining(`il appartient à ${namedUser}`) as string,
    });
    expect(await verdictOn(undefined)).toEqual({
      trusted: false,
      reason: "n'est pas sûr : ses droits sont illisibles (Get-Acl)",
    });
    expect(await verdictOn('pas du SDDL')).toMatchObject({ trusted: false });
  });
});
