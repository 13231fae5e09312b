// What `icacls PATH` prints, read for the fleet's share (issue 32): which entries give a group of
// everyone (Everyone, Users, Authenticated Users, Domain Users — English and French Windows) a
// right to write, on the folder itself or on the files created in it. icacls writes the console's
// OEM code page (CP850 on French Windows) to a pipe: the text is read byte for byte (latin1), and
// the only non-ASCII letter a name here holds (« authentifiés ») is matched by any character.
// Tested on the real outputs of test/windows-samples/icacls; not run on Windows here.

export interface AclEntry {
  /** What precedes the rights (on the first line, the path too). */
  readonly principal: string;
  readonly inheritance: readonly string[];
  readonly rights: readonly string[];
}

const broadGroup = /(?:^|[\s\\])(Everyone|Tout le monde|Users|Utilisateurs|Authenticated Users|Utilisateurs authentifi.s|Domain Users|Utilisateurs du domaine)$/i;
/** Rights that let someone change or replace a file, or add one to a folder. */
const writeRights = new Set(['F', 'M', 'W', 'D', 'DC', 'WD', 'AD', 'WDAC', 'WO', 'GA', 'GW', 'MA']);
const inheritanceFlags = new Set(['I', 'OI', 'CI', 'IO', 'NP']);

/** Every entry of icacls' listing; the summary line and blank lines are skipped. */
export function icaclsEntries(listing: string): AclEntry[] {
  const entries: AclEntry[] = [];
  for (const line of listing.split(/\r?\n/)) {
    const match = /^(.*?):((?:\([^()]*\))+)\s*$/.exec(line.trim());
    if (!match) continue;
    const groups = [...(match[2] ?? '').matchAll(/\(([^()]*)\)/g)].map((group) => group[1] ?? '');
    const inheritance = groups.filter((group) => inheritanceFlags.has(group));
    const rights = groups.filter((group) => !inheritanceFlags.has(group)).flatMap((group) => group.split(','));
    entries.push({ principal: (match[1] ?? '').trim(), inheritance, rights });
  }
  return entries;
}

export interface BroadWriters {
  /** Groups of everyone that may write the folder itself (add, replace or delete its files). */
  readonly onFolder: readonly string[];
  /** Groups of everyone that may write the files created in it (inherited by files: OI). */
  readonly onFiles: readonly string[];
}

export function broadWriters(listing: string): BroadWriters {
  const onFolder = new Set<string>();
  const onFiles = new Set<string>();
  for (const entry of icaclsEntries(listing)) {
    const group = broadGroup.exec(entry.principal)?.[1];
    if (group === undefined || !entry.rights.some((right) => writeRights.has(right))) continue;
    if (!entry.inheritance.includes('IO')) onFolder.add(group);
    if (entry.inheritance.includes('OI')) onFiles.add(group);
  }
  return { onFolder: [...onFolder], onFiles: [...onFiles] };
}
