// The published icacls listings (test/windows-samples/icacls/, English and French Windows, CP850
// decoded) said again in SDDL, so that the app's SID-based rule can be run on what those real
// folders held. Written from Microsoft's icacls documentation (the simple and specific rights, the
// inheritance flags) and the well-known SIDs; icacls never prints the owner: the caller gives it.
// A name outside the table is a named account: it becomes a domain user's SID.

const namedAccountSid = 'S-1-5-21-1882866539-4086113214-3650236343-1105';

/** Well-known accounts as English and French Windows print them, and their SIDs. */
const sids: Readonly<Record<string, string>> = {
  'NT AUTHORITY\\SYSTEM': 'S-1-5-18',
  'AUTORITE NT\\SYSTÈME': 'S-1-5-18',
  'BUILTIN\\ADMINISTRATORS': 'S-1-5-32-544',
  'BUILTIN\\ADMINISTRATEURS': 'S-1-5-32-544',
  'BUILTIN\\USERS': 'S-1-5-32-545',
  'BUILTIN\\UTILISATEURS': 'S-1-5-32-545',
  'NT AUTHORITY\\AUTHENTICATED USERS': 'S-1-5-11',
  'AUTORITE NT\\UTILISATEURS AUTHENTIFIÉS': 'S-1-5-11',
  'CREATOR OWNER': 'S-1-3-0',
  'CREATEUR PROPRIETAIRE': 'S-1-3-0',
  EVERYONE: 'S-1-1-0',
  'TOUT LE MONDE': 'S-1-1-0',
  'NT SERVICE\\TRUSTEDINSTALLER': 'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464',
  'APPLICATION PACKAGE AUTHORITY\\ALL APPLICATION PACKAGES': 'S-1-15-2-1',
  "AUTORITÉ DE PACKAGE D'APPLICATION\\TOUS LES PACKAGES D'APPLICATION": 'S-1-15-2-1',
  'APPLICATION PACKAGE AUTHORITY\\ALL RESTRICTED APP PACKAGES': 'S-1-15-2-2',
  "AUTORITÉ DE PACKAGE D'APPLICATION\\TOUS LES PACKAGES D'APPLICATION RESTREINTS": 'S-1-15-2-2',
};

/** icacls' simple rights and their masks (icacls /? and its documentation). */
const simpleRights: Readonly<Record<string, number>> = {
  F: 0x1f01ff,
  M: 0x1301bf,
  RX: 0x1200a9,
  R: 0x120089,
  W: 0x100116,
  D: 0x10000,
  N: 0,
};
/** icacls' specific rights. */
const specificRights: Readonly<Record<string, number>> = {
  DE: 0x10000,
  RC: 0x20000,
  WDAC: 0x40000,
  WO: 0x80000,
  S: 0x100000,
  AS: 0x1000000,
  MA: 0x2000000,
  GR: 0x80000000,
  GW: 0x40000000,
  GE: 0x20000000,
  GA: 0x10000000,
  RD: 0x1,
  WD: 0x2,
  AD: 0x4,
  REA: 0x8,
  WEA: 0x10,
  X: 0x20,
  DC: 0x40,
  RA: 0x80,
  WA: 0x100,
};
const inheritance: Readonly<Record<string, string>> = { I: 'ID', OI: 'OI', CI: 'CI', IO: 'IO', NP: 'NP' };

function aceOf(entry: string): string {
  const split = entry.indexOf(':(');
  const name = entry.slice(0, split).trim();
  const groups = [...entry.slice(split + 1).matchAll(/\(([^)]*)\)/gu)].map((match) => match[1] ?? '');
  let type = 'A';
  const flags: string[] = [];
  let mask = 0;
  for (const group of groups) {
    if (group === 'DENY') type = 'D';
    else if (inheritance[group] !== undefined) flags.push(inheritance[group]);
    else if (simpleRights[group] !== undefined) mask |= simpleRights[group];
    else for (const right of group.split(',')) mask |= specificRights[right] ?? 0;
  }
  const sid = sids[name.toUpperCase().replace(/’/gu, "'")] ?? namedAccountSid;
  return `(${type};${flags.join('')};0x${(mask >>> 0).toString(16)};;;${sid})`;
}

/** The listing's entries, as SDDL with the owner given (icacls does not print it). */
export function icaclsToSddl(listing: string, owner = 'BA'): string {
  const lines = listing.split(/\r?\n/u);
  const continuation = lines[1] ?? '';
  const column = continuation.length - continuation.trimStart().length;
  const entries = [
    lines[0]?.slice(column) ?? '',
    ...lines
      .slice(1)
      .filter((line) => line.startsWith(' ') && line.trim() !== '')
      .map((line) => line.trim()),
  ];
  return `O:${owner}D:${entries.map(aceOf).join('')}`;
}
