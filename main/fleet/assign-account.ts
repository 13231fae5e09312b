// `fleet assign FOLDER --account NOM --member ID…`: an account readable only by these members from
// the next publication on (one box per set of members: member-boxes.ts); `--all-members` gives it
// back to every member. A member that loses an account keeps what it received: said, with what to do.
import { AppError } from '../failures/errors';
import type { StoredAccount } from '../settings/settings-schema';
import type { FleetDependencies } from './fleet-dependencies';
import { IgnoredFiles } from './ignored-files';
import { readJoinRequests } from './join-requests';
import { savePublisherRecord } from './local-records';
import { openPublisher } from './publisher-keys';
import { readableBy } from './publisher-state';
import { publisherView } from './publisher-view';

export interface AssignRequest {
  readonly account: string;
  /** null: every member. */
  readonly members: readonly string[] | null;
}

export interface Assigned {
  readonly account: string;
  readonly members: readonly string[] | null;
  /** Accepted members that could read it and no longer will: they keep the password they received. */
  readonly losing: readonly string[];
}

export async function assignAccount(
  dependencies: FleetDependencies,
  request: AssignRequest,
  accounts: readonly StoredAccount[],
): Promise<Assigned> {
  const { record } = await publisherView(dependencies, await openPublisher(dependencies));
  const account = accounts.find((candidate) => candidate.name === request.account.normalize('NFC'));
  if (!account)
    throw new AppError(
      'INVALID_INPUT',
      `--account : aucun compte « ${request.account} » sur ce poste de publication ; accounts les liste (le nom exact, majuscules comprises)`,
    );
  const members = request.members === null ? null : [...new Set(request.members)];
  if (members !== null) {
    const pending = new Set(
      (await readJoinRequests(dependencies.folder, record.fingerprint, new IgnoredFiles())).map((join) => join.id),
    );
    for (const id of members) {
      const known = record.members.find((member) => member.id === id);
      if (known?.state === 'removed')
        throw new AppError('INVALID_INPUT', `--member ${id} : ce poste a été retiré du parc ; rien n'a été modifié`);
      if (!known && !pending.has(id))
        throw new AppError(
          'INVALID_INPUT',
          `--member ${id} : aucun poste de ce parc ne porte cet identifiant (fleet members DOSSIER les liste) ; rien n'a été modifié`,
        );
    }
  }
  const next = { account: account.name, members, assignedAt: dependencies.clock().toISOString() };
  const losing = record.members
    .filter(
      (member) =>
        member.state === 'accepted' &&
        readableBy(record.assignments, account.name, member.id) &&
        !readableBy([next], account.name, member.id),
    )
    .map((member) => member.id);
  await savePublisherRecord(dependencies.userDataDir, {
    ...record,
    assignments: [...record.assignments.filter((assignment) => assignment.account !== account.name), next],
  });
  dependencies.logger.info('fleet.assigned', {
    account: account.name,
    members: members?.length ?? 'tous',
    losing: losing.length,
  });
  return { account: account.name, members, losing };
}
