// `fleet publish FOLDER [--accept ID [--name NOM]]`: one new revision, every account of this
// workstation encrypted to every accepted member (and to the publisher itself), signed with the
// working key; the revision only grows, and no file is ever overwritten.
import { existsSync, readFileSync } from 'node:fs';
import { AppError } from '../failures/errors';
import type { StoredAccount } from '../settings/settings-schema';
import { acceptMembers } from './accept-members';
import type { FleetDependencies } from './fleet-dependencies';
import { boxContentSchema, publicationSchema, type BoxContent, type Publication, type PublishedAccount } from './fleet-formats';
import { fleetEntries } from './fleet-keychain';
import { IgnoredFiles } from './ignored-files';
import { readJoinRequests } from './join-requests';
import { lastPublicationCopyPath, savePublisherRecord, writePrivate } from './local-records';
import { latestPublicationHeader, publicationFileName } from './publication-files';
import { openPublisher, type Publisher } from './publisher-keys';
import { publishedAccounts } from './published-accounts';
import { openSealed, sealTo } from './sealed-box';
import { fleetFormatVersion, readEnvelope, signedFile } from './signed-file';

export interface PublishRequest {
  readonly accounts: readonly StoredAccount[];
  readonly accept?: string;
  readonly name?: string;
}

export interface Published {
  readonly revision: number;
  readonly members: number;
  readonly accounts: number;
  readonly acceptedNow: readonly string[];
  readonly pending: readonly string[];
  readonly warnings: readonly string[];
  readonly ignored: IgnoredFiles;
}

/** The accounts of this publisher's last publication, from its own copy (the box it sealed to itself). */
async function previousAccounts(userDataDir: string, publisher: Publisher): Promise<PublishedAccount[]> {
  const path = lastPublicationCopyPath(userDataDir, publisher.record.fingerprint);
  if (!existsSync(path)) return [];
  const read = readEnvelope(readFileSync(path, 'utf8'), 'publication');
  if (!read.ok) return [];
  const publication = publicationSchema.safeParse(JSON.parse(read.envelope.bytes.toString('utf8')));
  if (!publication.success) return [];
  const box = publication.data.boxes.find((candidate) => candidate.recipients.includes(publisher.selfRecipientId));
  const opened = box ? boxContentSchema.safeParse(await openSealed(box.sealed, publisher.identity)) : undefined;
  return opened?.success ? opened.data.accounts : [];
}

export async function publishFleet(dependencies: FleetDependencies, request: PublishRequest): Promise<Published> {
  const { folder, secrets, clock, logger, userDataDir } = dependencies;
  const publisher = await openPublisher(dependencies);
  const { record, trust } = publisher;
  const ignored = new IgnoredFiles();
  const joins = await readJoinRequests(folder, record.fingerprint, ignored);
  const acceptance = await acceptMembers(dependencies, record, joins, request);
  const accepted = acceptance.members.filter((member) => member.state === 'accepted');
  const accounts = await publishedAccounts(request.accounts, secrets, await previousAccounts(userDataDir, publisher));
  const recipients = [...accepted.map((member) => member.recipient), trust.certificate.publishers.find((entry) => entry.id === publisher.signer)?.recipient ?? ''];
  const latest = await latestPublicationHeader(folder, trust, new IgnoredFiles());
  let revision = Math.max(record.lastRevision, latest?.revision ?? 0) + 1;
  let bytes: Buffer | undefined;
  // A name someone took (a planted file) is skipped, never overwritten: the revision still only grows.
  for (let attempt = 0; attempt < 1000 && bytes === undefined; attempt += 1, revision += 1) {
    const content: BoxContent = { formatVersion: fleetFormatVersion, fleet: record.fingerprint, revision, accounts };
    const publication: Publication = {
      formatVersion: fleetFormatVersion,
      fleet: record.fingerprint,
      revision,
      publishedAt: clock().toISOString(),
      certificate: trust.certificate.sequence,
      members: accepted.map((member) => member.id),
      removed: acceptance.members.filter((member) => member.state === 'removed').map((member) => member.id),
      invitationsUsed: acceptance.invitations.filter((invitation) => invitation.usedBy !== undefined).map((invitation) => invitation.id),
      boxes: [{ recipients: [...accepted.map((member) => member.id), publisher.selfRecipientId], sealed: await sealTo(recipients, content) }],
    };
    const file = signedFile('publication', publisher.signer, publisher.workingKey, publication);
    if (await folder.create('publications', publicationFileName(revision), file)) bytes = file;
  }
  if (bytes === undefined) throw new AppError('FLEET_UNREACHABLE', `${folder.path} : aucun nom de publication libre`);
  revision -= 1;
  await writePrivate(lastPublicationCopyPath(userDataDir, record.fingerprint), bytes);
  // Keys of invitations used or expired are of no more use.
  const now = clock();
  for (const invitation of acceptance.invitations.filter((candidate) => candidate.usedBy !== undefined || new Date(candidate.expiresAt) <= now)) {
    await secrets.delete(fleetEntries.invitationKey(record.fingerprint, invitation.id));
  }
  await savePublisherRecord(userDataDir, { ...record, lastRevision: revision, members: [...acceptance.members], invitations: [...acceptance.invitations] });
  const known = new Set(acceptance.members.map((member) => member.id));
  logger.info('fleet.published', { revision, members: accepted.length, accounts: accounts.length, ignored: ignored.total });
  return {
    revision,
    members: accepted.length,
    accounts: accounts.length,
    acceptedNow: acceptance.acceptedNow,
    pending: joins.filter((join) => !known.has(join.id)).map((join) => join.id),
    warnings: acceptance.warnings,
    ignored,
  };
}
