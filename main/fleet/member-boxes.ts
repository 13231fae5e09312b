// `fleet assign`'s effect on a publication: one box per set of members that receive the same
// accounts, each sealed to those members only — a member never holds the box of an account it is
// not assigned (a commune is a separate legal entity). Every accepted member gets a box, empty if
// no account is for it, so that it learns it manages none.
import type { Assignment, PublishedAccount, PublishedMember } from './fleet-formats';
import { readableBy } from './publisher-state';

export interface MemberBox {
  /** Member ids: what the box's `recipients` says in clear. */
  readonly members: readonly string[];
  /** Their age recipients: what the box is sealed to. */
  readonly recipients: readonly string[];
  readonly accounts: readonly PublishedAccount[];
}

export function memberBoxes(
  accounts: readonly PublishedAccount[],
  members: readonly PublishedMember[],
  assignments: readonly Assignment[],
): MemberBox[] {
  const groups = new Map<string, { members: string[]; recipients: string[]; accounts: PublishedAccount[] }>();
  for (const member of members) {
    const readable = accounts.filter((account) => readableBy(assignments, account.name, member.id));
    const key = JSON.stringify(readable.map((account) => account.name));
    const group = groups.get(key) ?? { members: [], recipients: [], accounts: readable };
    group.members.push(member.id);
    group.recipients.push(member.recipient);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** What the IT person should hear about the assignments at publication: an account that reaches nobody, a member that is gone. */
export function assignmentWarnings(
  accounts: readonly PublishedAccount[],
  members: readonly PublishedMember[],
  assignments: readonly Assignment[],
): string[] {
  const accepted = new Set(members.map((member) => member.id));
  const warnings: string[] = [];
  for (const assignment of assignments) {
    if (assignment.members === null || !accounts.some((account) => account.name === assignment.account)) continue;
    const reached = assignment.members.filter((id) => accepted.has(id));
    if (reached.length === 0)
      warnings.push(
        `« ${assignment.account} » est réservé à des postes dont aucun n'est accepté : il n'est publié pour aucun poste (fleet assign DOSSIER --account "${assignment.account}" --member ID pour le réserver à d'autres).`,
      );
  }
  return warnings;
}
