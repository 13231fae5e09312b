// `members/<member id>`: the join requests, as the publisher reads them. A request counts only if
// its file is named after the id its own keys give and it is signed by that key: a forged or
// renamed file, or one of another fleet, is ignored and counted.
import type { FleetFolder } from './fleet-folder';
import { joinRequestSchema, type JoinRequest } from './fleet-formats';
import { isMemberId, memberIdOf } from './fleet-identity';
import type { IgnoredFiles } from './ignored-files';
import { readEnvelope, verifiedPayload } from './signed-file';

export interface VerifiedJoin {
  readonly id: string;
  readonly request: JoinRequest;
}

/** Join requests read at most in one pass: a flood of junk costs a bounded time. */
export const maxJoinRequests = 2000;

export async function readJoinRequests(
  folder: FleetFolder,
  fingerprint: string,
  ignored: IgnoredFiles,
  known: ReadonlySet<string> = new Set(),
): Promise<VerifiedJoin[]> {
  const { names, beyondCap } = await folder.list('members');
  if (beyondCap) ignored.beyondCap('members');
  const joins: VerifiedJoin[] = [];
  // Members already known (kept at acceptance) are not read again: a thousand of them cost a listing.
  for (const name of names.filter((candidate) => !known.has(candidate)).slice(0, maxJoinRequests)) {
    if (!isMemberId(name)) {
      ignored.add('malformed');
      continue;
    }
    const text = await folder.read('members', name);
    const read = text === undefined ? undefined : readEnvelope(text, 'adhesion');
    if (!read?.ok) {
      ignored.add(read?.refusal ?? 'unreadable');
      continue;
    }
    if (read.envelope.signer !== name) {
      ignored.add('unknown-signer');
      continue;
    }
    // The key is read from the request to be checked against the file's name, then verified.
    let claimed: { memberKey?: unknown; recipient?: unknown };
    try {
      claimed = JSON.parse(read.envelope.bytes.toString('utf8')) as typeof claimed;
    } catch {
      ignored.add('malformed');
      continue;
    }
    if (
      typeof claimed.memberKey !== 'string' ||
      typeof claimed.recipient !== 'string' ||
      memberIdOf(claimed.memberKey, claimed.recipient) !== name
    ) {
      ignored.add('unknown-signer');
      continue;
    }
    const opened = verifiedPayload(read.envelope, 'adhesion', claimed.memberKey, joinRequestSchema);
    if (!opened.ok) {
      ignored.add(opened.refusal);
      continue;
    }
    if (opened.value.fleet !== fingerprint) {
      ignored.add('wrong-fleet');
      continue;
    }
    joins.push({ id: name, request: opened.value });
  }
  return joins;
}
