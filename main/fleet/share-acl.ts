// The fleet share's rights, read for `fleet report` (issue 32): which entries give a group of
// everyone — Everyone, Users, Authenticated Users, Domain Users — a right to write, on the folder
// itself or on the files created in it. Read from the security descriptor in SDDL (Get-Acl:
// windows/acl-reader.ts), SIDs whatever the language of the file server; the rights and the entry
// types are the trust rule's (windows/sddl-trust.ts). Tested on the published icacls listings said
// again in SDDL; not run on Windows here.
import { parseSddl } from '../windows/sddl';
import { grantingTypes, sidShown, writeRights } from '../windows/sddl-trust';

/** Everyone, Users, Authenticated Users; Domain Users is any domain's RID 513. */
const everyoneSids: ReadonlySet<string> = new Set(['S-1-1-0', 'S-1-5-32-545', 'S-1-5-11']);
const isEveryone = (sid: string): boolean => everyoneSids.has(sid) || /^S-1-5-21-\d+-\d+-\d+-513$/u.test(sid);

export interface BroadWriters {
  /** Groups of everyone that may write the folder itself (add, replace or delete its files). */
  readonly onFolder: readonly string[];
  /** Groups of everyone that may write the files created in it (an entry inherited by files: OI). */
  readonly onFiles: readonly string[];
}

/** The groups of everyone that may write, from a folder's SDDL; undefined when it cannot be read. */
export function broadWriters(sddl: string): BroadWriters | undefined {
  const descriptor = parseSddl(sddl);
  if (!descriptor) return undefined;
  // A NULL DACL: everyone may do anything, to the folder and to its files.
  if (descriptor.dacl === null) return { onFolder: [sidShown('S-1-1-0')], onFiles: [sidShown('S-1-1-0')] };
  const onFolder = new Set<string>();
  const onFiles = new Set<string>();
  for (const ace of descriptor.dacl) {
    if (!grantingTypes.has(ace.type) || (ace.mask & writeRights) === 0 || !isEveryone(ace.sid)) continue;
    if (!ace.flags.includes('IO')) onFolder.add(sidShown(ace.sid));
    if (ace.flags.includes('OI')) onFiles.add(sidShown(ace.sid));
  }
  return { onFolder: [...onFolder], onFiles: [...onFiles] };
}
