// `fleet members FOLDER` and `fleet remove-member FOLDER ID`, on the publisher: who asked to join,
// with the phrase to compare; who is accepted; who was removed, and what a removal leaves to do.
import { AppError } from '../failures/errors';
import type { StoredAccount } from '../settings/settings-schema';
import type { FleetDependencies } from './fleet-dependencies';
import { phraseOf } from './fleet-identity';
import { IgnoredFiles } from './ignored-files';
import { readJoinRequests } from './join-requests';
import { savePublisherRecord } from './local-records';
import { openPublisher } from './publisher-keys';
import { publisherView } from './publisher-view';
import { readableBy } from './publisher-state';

export interface ListedMember {
  readonly id: string;
  /** Given by the IT person at `--accept --name`; null until then. */
  readonly name: string | null;
  /** Self-declared by the workstation: shown, never trusted. */
  readonly machine: string;
  readonly user: string;
  readonly phrase: string;
  readonly state: 'pending' | 'accepted' | 'removed';
}

export interface MemberList {
  readonly members: readonly ListedMember[];
  /** Phrases two members share: compare them more carefully (one may be a forgery). */
  readonly samePhrase: readonly string[];
  /** Accounts readable only by some members (`fleet assign`); the others go to every member. */
  readonly assignments: readonly { readonly account: string; readonly members: readonly string[] }[];
  readonly ignored: IgnoredFiles;
}

export async function listMembers(dependencies: FleetDependencies): Promise<MemberList> {
  const { record } = await publisherView(dependencies, await openPublisher(dependencies));
  const ignored = new IgnoredFiles();
  const joins = await readJoinRequests(dependencies.folder, record.fingerprint, ignored);
  const members: ListedMember[] = [];
  for (const member of record.members) {
    members.push({
      id: member.id,
      name: member.name ?? null,
      machine: member.machine,
      user: member.user,
      phrase: await phraseOf(member.memberKey, member.recipient),
      state: member.state,
    });
  }
  const known = new Set(record.members.map((member) => member.id));
  for (const join of joins.filter((candidate) => !known.has(candidate.id))) {
    members.push({
      id: join.id,
      name: null,
      machine: join.request.machine,
      user: join.request.user,
      phrase: await phraseOf(join.request.memberKey, join.request.recipient),
      state: 'pending',
    });
  }
  const phrases = members.map((member) => member.phrase);
  const assignments = record.assignments.flatMap((assignment) =>
    assignment.members === null ? [] : [{ account: assignment.account, members: [...assignment.members] }],
  );
  return {
    members,
    samePhrase: [...new Set(phrases.filter((phrase, index) => phrases.indexOf(phrase) !== index))],
    assignments,
    ignored,
  };
}

export interface Removal {
  readonly id: string;
  /** The accounts the removed workstation still holds: their passwords to reset in the portal, their PISTE secrets to renew. */
  readonly accounts: readonly string[];
}

export async function removeMember(
  dependencies: FleetDependencies,
  id: string,
  accounts: readonly StoredAccount[],
): Promise<Removal> {
  const { record } = await publisherView(dependencies, await openPublisher(dependencies));
  const member = record.members.find((candidate) => candidate.id === id);
  if (!member)
    throw new AppError(
      'INVALID_INPUT',
      `aucun poste accepté ne porte l'identifiant ${id} ; fleet members DOSSIER les liste (un poste en attente n'a rien reçu : il n'y a rien à retirer)`,
    );
  if (member.state === 'accepted') {
    const removedAt = dependencies.clock().toISOString();
    await savePublisherRecord(dependencies.userDataDir, {
      ...record,
      members: record.members.map((candidate) =>
        candidate.id === id ? { ...candidate, state: 'removed' as const, removedAt } : candidate,
      ),
    });
    dependencies.logger.info('fleet.member-removed', { member: id });
  }
  // The accounts it could read: those assigned to others only never reached it.
  return {
    id,
    accounts: accounts
      .filter((account) => account.login !== undefined && readableBy(record.assignments, account.name, id))
      .map((account) => account.name),
  };
}
