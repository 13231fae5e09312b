// The publisher reads its members' status files (`status/<member id>`). Every file is untrusted:
// only the place of a known member is read (a flood of other names costs one capped listing and a
// count, never a crowding out), within the folder's size cap, signed by that member's own key
// (kept at acceptance), its box opened with this publisher's identity and bound to its fleet,
// member and time. Everything else is counted, and a member's place held by anything but its own
// status is said.
import type { FleetFolder } from './fleet-folder';
import type { PublishedMember } from './fleet-formats';
import { isMemberId } from './fleet-identity';
import type { IgnoredFiles } from './ignored-files';
import { openSealed } from './sealed-box';
import { readEnvelope, verifiedPayload } from './signed-file';
import { statusContentSchema, statusEnvelopeSchema, type StatusContent } from './status-formats';

export type StatusRead =
  | { readonly kind: 'read'; readonly content: StatusContent; readonly occasion: 'join' | 'check' }
  | { readonly kind: 'absent' }
  /** A file holds the member's place that is not its valid status: planted, replaced, altered, too large. */
  | { readonly kind: 'not-its-own'; readonly why: string }
  /**
   * Its own status, signed, but sealed to publisher keys this publisher does not hold (written
   * before a rotation, or for another publisher): when it was written is known, not its content.
   */
  | { readonly kind: 'sealed-elsewhere'; readonly writtenAt: string };

export interface StatusesRead {
  readonly byMember: ReadonlyMap<string, StatusRead>;
  /** Names of the folder's `status/` that are no known member's place (junk, or a place left by a pending one). */
  readonly strangers: number;
}

export async function readStatuses(
  folder: FleetFolder,
  fingerprint: string,
  members: readonly PublishedMember[],
  pendingIds: ReadonlySet<string>,
  identity: string,
  ignored: IgnoredFiles,
): Promise<StatusesRead> {
  const { names, beyondCap } = await folder.list('status');
  if (beyondCap) ignored.beyondCap('status');
  const listed = new Set(names);
  const known = new Set(members.map((member) => member.id));
  let strangers = 0;
  for (const name of names) {
    if (known.has(name) || pendingIds.has(name)) continue;
    strangers += 1;
    ignored.add(isMemberId(name) ? 'not-a-member' : 'malformed');
  }
  const byMember = new Map<string, StatusRead>();
  const readOne = async (member: PublishedMember): Promise<StatusRead> => {
    const refused = (refusal: Parameters<IgnoredFiles['add']>[0], why: string): StatusRead => {
      ignored.add(refusal);
      return { kind: 'not-its-own', why };
    };
    // Past the listing's cap a member's file may not be listed: its place is read all the same.
    if (!listed.has(member.id) && !beyondCap) return { kind: 'absent' };
    const text = await folder.read('status', member.id);
    if (text === undefined)
      return listed.has(member.id)
        ? refused('unreadable', 'fichier illisible, trop gros ou qui n’est pas un fichier ordinaire')
        : { kind: 'absent' };
    const read = readEnvelope(text, 'statut');
    if (!read.ok) return refused(read.refusal, 'fichier mal formé');
    if (read.envelope.signer !== member.id) return refused('unknown-signer', 'signé par un autre que ce poste');
    const opened = verifiedPayload(read.envelope, 'statut', member.memberKey, statusEnvelopeSchema);
    if (!opened.ok)
      return refused(
        opened.refusal,
        opened.refusal === 'bad-signature' ? 'signature invalide : pas écrit par ce poste' : 'contenu invalide',
      );
    const envelope = opened.value;
    if (envelope.fleet !== fingerprint || envelope.member !== member.id)
      return refused('wrong-fleet', 'écrit pour un autre parc ou un autre poste');
    const box = await openSealed(envelope.sealed, identity);
    if (box === undefined) return { kind: 'sealed-elsewhere', writtenAt: envelope.writtenAt };
    const content = statusContentSchema.safeParse(box);
    if (
      !content.success ||
      content.data.fleet !== fingerprint ||
      content.data.member !== member.id ||
      content.data.writtenAt !== envelope.writtenAt
    ) {
      return refused('invalid-content', 'contenu chiffré illisible pour ce poste de publication');
    }
    return { kind: 'read', content: content.data, occasion: envelope.occasion };
  };
  // A few at once: one file's read (a share's round trip) overlaps another's decryption.
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < members.length) {
      const member = members[next];
      next += 1;
      if (member) byMember.set(member.id, await readOne(member));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrentReads, members.length) }, worker));
  return { byMember, strangers };
}

/**
 * Status files read at once: one file's read overlaps another's decryption. Measured by the
 * bench's fleet-report-1000 row on the shared 2-core machine (06/12/2026): 8 at once 1.45, 1 and 2
 * at once within the noise of each other (1.19–1.45); 2 kept for a share's latency (age's
 * decryption runs on the same small thread pool as non-blocking reads).
 */
const concurrentReads = 2;
