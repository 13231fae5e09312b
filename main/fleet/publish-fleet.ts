// `fleet publish FOLDER [--accept ID [--name NOM]]`: one new revision — each account encrypted to
// the members it is assigned to (every member when it is not assigned), every account and the
// publishing state to the publishers and the root — signed with the working key; the revision only
// grows, and no file is ever overwritten. A second publisher starts from the latest publication's
// state, so that two IT people publishing in turn keep the same members and assignments.
import { AppError } from '../failures/errors';
import type { StoredAccount } from '../settings/settings-schema';
import { acceptMembers } from './accept-members';
import type { FleetDependencies } from './fleet-dependencies';
import type { BoxContent, Publication, PublishedAccount, PublisherState } from './fleet-formats';
import { fleetEntries } from './fleet-keychain';
import { IgnoredFiles } from './ignored-files';
import { readJoinRequests } from './join-requests';
import { lastPublicationCopyPath, savePublisherRecord, writePrivate } from './local-records';
import { assignmentWarnings, memberBoxes } from './member-boxes';
import { openPublication, publicationFileName } from './publication-files';
import { openPublisher, type Publisher } from './publisher-keys';
import { publisherView } from './publisher-view';
import { publishedAccounts } from './published-accounts';
import { rootRecipientId } from './root-state-key';
import { sealTo } from './sealed-box';
import { fleetFormatVersion, signedFile } from './signed-file';

export interface PublishRequest {
  readonly accounts: readonly StoredAccount[];
  readonly accept?: string;
  readonly name?: string;
}

export interface Published {
  readonly revision: number;
  readonly members: number;
  readonly accounts: number;
  /** How many boxes the accounts went in: more than one when some are assigned to some members. */
  readonly boxes: number;
  readonly acceptedNow: readonly string[];
  readonly pending: readonly string[];
  readonly warnings: readonly string[];
  readonly ignored: IgnoredFiles;
}

async function publishOnce(
  dependencies: FleetDependencies,
  request: PublishRequest,
  publisher: Publisher,
): Promise<Published | 'raced'> {
  const { folder, secrets, clock, logger, userDataDir } = dependencies;
  const { trust } = publisher;
  const start = await publisherView(dependencies, publisher);
  const ignored = new IgnoredFiles();
  const joins = await readJoinRequests(folder, start.record.fingerprint, ignored);
  const acceptance = await acceptMembers(dependencies, start.record, joins, request);
  const accepted = acceptance.members.filter((member) => member.state === 'accepted');
  const accounts = await publishedAccounts(request.accounts, secrets, start.previous);
  const state: PublisherState = { members: [...acceptance.members], assignments: [...start.record.assignments] };
  const boxes = memberBoxes(accounts, accepted, state.assignments);
  const publishers = trust.certificate.publishers;
  const publishersBox = {
    members: [
      ...publishers.map((entry) => `editeur-${entry.id}`),
      ...(trust.certificate.stateRecipient === undefined ? [] : [rootRecipientId]),
    ],
    recipients: [
      ...publishers.map((entry) => entry.recipient),
      ...(trust.certificate.stateRecipient === undefined ? [] : [trust.certificate.stateRecipient]),
    ],
  };
  const dropped = start.previous
    .filter((before) => !accounts.some((account) => account.name === before.name))
    .map((before) => before.name);
  let revision = Math.max(start.record.lastRevision, start.latestRevision) + 1;
  let bytes: Buffer | undefined;
  for (let attempt = 0; attempt < 1000 && bytes === undefined; attempt += 1, revision += 1) {
    const box = (accountsInBox: readonly PublishedAccount[], withState: boolean): BoxContent => ({
      formatVersion: fleetFormatVersion,
      fleet: start.record.fingerprint,
      revision,
      accounts: [...accountsInBox],
      ...(withState ? { state } : {}),
    });
    const publication: Publication = {
      formatVersion: fleetFormatVersion,
      fleet: start.record.fingerprint,
      revision,
      publishedAt: clock().toISOString(),
      certificate: trust.certificate.sequence,
      members: accepted.map((member) => member.id),
      removed: acceptance.members.filter((member) => member.state === 'removed').map((member) => member.id),
      invitationsUsed: acceptance.invitations
        .filter((invitation) => invitation.usedBy !== undefined)
        .map((invitation) => invitation.id),
      boxes: [
        ...(await Promise.all(
          boxes.map(async (group) => ({
            recipients: [...group.members],
            sealed: await sealTo(group.recipients, box(group.accounts, false)),
          })),
        )),
        { recipients: publishersBox.members, sealed: await sealTo(publishersBox.recipients, box(accounts, true)) },
      ],
    };
    const file = signedFile('publication', publisher.signer, publisher.workingKey, publication);
    if (await folder.create('publications', publicationFileName(revision), file)) {
      bytes = file;
      break;
    }
    // Another publisher's valid publication under that name: start again from it, never over it.
    if (await openPublication(folder, { name: publicationFileName(revision), revision }, trust, new IgnoredFiles()))
      return 'raced';
  }
  if (bytes === undefined) throw new AppError('FLEET_UNREACHABLE', `${folder.path} : aucun nom de publication libre`);
  await writePrivate(lastPublicationCopyPath(userDataDir, start.record.fingerprint), bytes);
  // Keys of invitations used or expired are of no more use.
  const now = clock();
  for (const invitation of acceptance.invitations.filter(
    (candidate) => candidate.usedBy !== undefined || new Date(candidate.expiresAt) <= now,
  )) {
    await secrets.delete(fleetEntries.invitationKey(start.record.fingerprint, invitation.id));
  }
  await savePublisherRecord(userDataDir, {
    ...start.record,
    lastRevision: revision,
    members: [...acceptance.members],
    invitations: [...acceptance.invitations],
    assignments: [...state.assignments],
  });
  const known = new Set(acceptance.members.map((member) => member.id));
  logger.info('fleet.published', {
    revision,
    members: accepted.length,
    accounts: accounts.length,
    boxes: boxes.length,
    ignored: ignored.total,
  });
  return {
    revision,
    members: accepted.length,
    accounts: accounts.length,
    boxes: boxes.length,
    acceptedNow: acceptance.acceptedNow,
    pending: joins.filter((join) => !known.has(join.id)).map((join) => join.id),
    warnings: [
      ...start.warnings,
      ...acceptance.warnings,
      ...assignmentWarnings(accounts, accepted, state.assignments),
      ...dropped.map(
        (name) =>
          `« ${name} » était dans la révision précédente et n'est pas sur ce poste : il n'est plus publié (les postes le gardent, sans mise à jour) ; importez-le ici puis publiez à nouveau s'il doit l'être.`,
      ),
    ],
    ignored,
  };
}

export async function publishFleet(dependencies: FleetDependencies, request: PublishRequest): Promise<Published> {
  // Two publishers at the same second: the one that lost the name starts again from the other's publication.
  for (let round = 0; round < 3; round += 1) {
    const outcome = await publishOnce(dependencies, request, await openPublisher(dependencies));
    if (outcome !== 'raced') return outcome;
  }
  throw new AppError(
    'FLEET_UNREACHABLE',
    `${dependencies.folder.path} : un autre poste de publication publie en même temps ; réessayez dans une minute`,
  );
}
