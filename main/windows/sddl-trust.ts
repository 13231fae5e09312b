// Who could have written a file or a folder, from its security descriptor: trusted only when its
// owner and everyone who may write it are SYSTEM, Administrators or TrustedInstaller. Any other SID
// with a write right — Users, Authenticated Users, Everyone, CREATOR OWNER, a named user, a domain
// group — is distrust. An inherit-only entry (IO) does not apply to the object itself; a deny entry
// grants nothing.
import { parseSddl, type Ace } from './sddl';

export const trustedSids: ReadonlySet<string> = new Set([
  'S-1-5-18', // SYSTEM
  'S-1-5-32-544', // Administrators
  'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464', // NT SERVICE\TrustedInstaller
]);

/**
 * Every right that changes an object or who may: for a file, writing or appending its data, its
 * extended attributes or attributes, deleting it; for a folder, adding a file or a sub-folder,
 * deleting a child; and for both, changing the ACL or the owner; GENERIC_WRITE and GENERIC_ALL.
 */
export const writeRights = 0x2 | 0x4 | 0x10 | 0x40 | 0x100 | 0x10000 | 0x40000 | 0x80000 | 0x10000000 | 0x40000000;
/** Entries that grant (plain, object and callback allow). */
export const grantingTypes: ReadonlySet<string> = new Set(['A', 'OA', 'XA', 'ZA']);

/** The French names a technician reads in icacls, for the SIDs met most. */
const knownNames: Readonly<Record<string, string>> = {
  'S-1-5-32-545': 'BUILTIN\\Utilisateurs',
  'S-1-5-11': 'AUTORITE NT\\Utilisateurs authentifiés',
  'S-1-1-0': 'Tout le monde',
  'S-1-3-0': 'CREATEUR PROPRIETAIRE',
  'S-1-3-4': 'DROITS DU PROPRIETAIRE',
  'S-1-5-4': 'AUTORITE NT\\INTERACTIF',
  'S-1-5-32-546': 'BUILTIN\\Invités',
  'S-1-5-32-547': 'BUILTIN\\Utilisateurs avec pouvoir',
};
export const sidShown = (sid: string): string => (knownNames[sid] ? `${knownNames[sid]} (${sid})` : sid);

export type SddlVerdict = { readonly trusted: true } | { readonly trusted: false; readonly reason: string };

const appliesToObject = (ace: Ace): boolean => !ace.flags.includes('IO');

/** The verdict on one object's SDDL, with the reason in French when it is not trusted. */
export function sddlVerdict(sddl: string): SddlVerdict {
  const descriptor = parseSddl(sddl);
  if (!descriptor) return { trusted: false, reason: 'ses droits sont illisibles' };
  if (descriptor.owner === undefined) return { trusted: false, reason: 'son propriétaire est illisible' };
  if (!trustedSids.has(descriptor.owner))
    return {
      trusted: false,
      reason: `il appartient à ${sidShown(descriptor.owner)}, ni SYSTEM, ni Administrateurs, ni TrustedInstaller`,
    };
  if (descriptor.dacl === null)
    return { trusted: false, reason: "il n'a aucune liste de droits : tout le monde peut le modifier" };
  const writer = descriptor.dacl.find(
    (ace) =>
      grantingTypes.has(ace.type) &&
      appliesToObject(ace) &&
      (ace.mask & writeRights) !== 0 &&
      !trustedSids.has(ace.sid),
  );
  if (writer) return { trusted: false, reason: `${sidShown(writer.sid)} peut le modifier` };
  return { trusted: true };
}
