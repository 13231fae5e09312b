// What every publisher of a fleet must know to publish after another — the members (with the
// names the IT person gave them) and the accounts' assignments — carried in the publishers' box of
// each publication, sealed to every certified publisher and to the root. A second publisher takes
// it from the latest publication; a rotation with the root file recovers it when the PC is gone.
import type { PublisherRecord } from './local-records';
import {
  boxContentSchema,
  type Assignment,
  type BoxContent,
  type Publication,
  type PublishedMember,
  type PublisherState,
} from './fleet-formats';
import { openSealed, type AgeIdentity } from './sealed-box';

export const stateOf = (record: PublisherRecord): PublisherState => ({
  members: [...record.members],
  assignments: [...record.assignments],
});

/** When a member's state last changed, by the publisher that changed it. */
const changedAt = (member: PublishedMember): string =>
  member.state === 'removed' ? (member.removedAt ?? member.acceptedAt) : member.acceptedAt;

/**
 * Two publishers' states as one: for each member and each account, the latest change wins (an
 * acceptance after a removal brings a member back; a removal after an acceptance takes it out).
 * At the same instant a removal wins. Timestamps come from the publishers' clocks: two IT people
 * changing the same member within the drift of their clocks is the one case this may decide the
 * other way.
 */
export function mergePublisherState(local: PublisherState, other: PublisherState): PublisherState {
  const members = new Map<string, PublishedMember>();
  for (const member of [...other.members, ...local.members]) {
    const known = members.get(member.id);
    if (!known) {
      members.set(member.id, member);
      continue;
    }
    // At the same instant, a removal wins: keeping a workstation out is the safe side.
    const tie = changedAt(member) === changedAt(known);
    const later = tie
      ? member.state === 'removed'
        ? member
        : known.state === 'removed'
          ? known
          : member
      : changedAt(member) > changedAt(known)
        ? member
        : known;
    const name = later.name ?? (later === member ? known.name : member.name);
    members.set(member.id, name === undefined ? later : { ...later, name });
  }
  const assignments = new Map<string, Assignment>();
  for (const assignment of [...other.assignments, ...local.assignments]) {
    const known = assignments.get(assignment.account);
    if (!known || assignment.assignedAt >= known.assignedAt) assignments.set(assignment.account, assignment);
  }
  return { members: [...members.values()], assignments: [...assignments.values()] };
}

/** The publishers' box of a publication, opened with this identity (a publisher's, or the root's); undefined when it cannot be. */
export async function openPublishersBox(
  publication: Publication,
  recipientId: string,
  identity: AgeIdentity,
): Promise<BoxContent | undefined> {
  const box = publication.boxes.find((candidate) => candidate.recipients.includes(recipientId));
  if (!box) return undefined;
  const parsed = boxContentSchema.safeParse(await openSealed(box.sealed, identity));
  if (!parsed.success || parsed.data.fleet !== publication.fleet || parsed.data.revision !== publication.revision)
    return undefined;
  return parsed.data;
}

/** Whether an account goes to this member: unassigned accounts go to every member. */
export function readableBy(assignments: readonly Assignment[], account: string, member: string): boolean {
  const assignment = assignments.find((candidate) => candidate.account === account);
  return assignment?.members == null || assignment.members.includes(member);
}
