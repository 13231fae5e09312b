// One-time invitation codes: 12 characters (60 bits), one use, valid 72 hours. The code never
// reaches the folder: a slow derivation of it (scrypt) gives a verifier, published in a signed
// invitation file so that a member can check its code before joining, and a key, kept in the
// publisher's keychain, with which the member's join request proves it knew the code.
import { createHmac, scrypt, timingSafeEqual } from 'node:crypto';
import { addHours } from 'date-fns';
import { certifiedPublisher, type Trust } from './certificates';
import type { FleetDependencies } from './fleet-dependencies';
import type { FleetFolder } from './fleet-folder';
import { invitationSchema, type Invitation } from './fleet-formats';
import { fleetEntries } from './fleet-keychain';
import { newFileId, newInvitationCode, shownCode } from './fleet-identity';
import type { IgnoredFiles } from './ignored-files';
import { readPublisherRecords, savePublisherRecord } from './local-records';
import type { Publisher } from './publisher-keys';
import { fleetFormatVersion, readEnvelope, signedFile, verifiedPayload } from './signed-file';

export const invitationLifetimeHours = 72;
export const invitationFileName = (id: string): string => `invitation-${id}`;
const namePattern = /^invitation-([0-9A-HJKMNP-TV-Z]{8})$/;

/**
 * scrypt at 2^15 (32 MB): guessing a 60-bit code from a published verifier costs 2^59 scrypt runs
 * on average, far beyond the 72 hours it lives. Salted with the fleet, so one table serves no other.
 */
function codeSecrets(code: string, fingerprint: string): Promise<{ verifier: string; proofKey: Buffer }> {
  return new Promise((resolve, reject) => {
    scrypt(
      code,
      `chorus-pro-echanges-flotte/1/invitation/${fingerprint}`,
      64,
      { N: 2 ** 15, r: 8, p: 1, maxmem: 128 * 1024 * 1024 },
      (error, derived) => {
        if (error) reject(error);
        else resolve({ verifier: derived.subarray(0, 32).toString('base64'), proofKey: derived.subarray(32) });
      },
    );
  });
}

/** What a join request carries: the member id authenticated with the code's key. */
export const invitationProof = (proofKey: Buffer, memberId: string): string =>
  createHmac('sha256', proofKey).update(`chorus-pro-echanges-flotte/1/adhesion/${memberId}`).digest('base64');

export function sameProof(a: string, b: string): boolean {
  const left = Buffer.from(a, 'base64');
  const right = Buffer.from(b, 'base64');
  return left.length === right.length && timingSafeEqual(left, right);
}

export interface NewInvitation {
  readonly code: string;
  readonly expiresAt: string;
}

/** `fleet invite FOLDER`: a code, its signed invitation in the folder, its key in the keychain. */
export async function inviteMember(dependencies: FleetDependencies, publisher: Publisher): Promise<NewInvitation> {
  const { folder, secrets, clock, logger, userDataDir } = dependencies;
  const code = newInvitationCode();
  const id = newFileId();
  const fingerprint = publisher.record.fingerprint;
  const { verifier, proofKey } = await codeSecrets(code, fingerprint);
  const expiresAt = addHours(clock(), invitationLifetimeHours).toISOString();
  const invitation: Invitation = { formatVersion: fleetFormatVersion, fleet: fingerprint, id, expiresAt, verifier };
  await secrets.set(fleetEntries.invitationKey(fingerprint, id), proofKey.toString('base64'));
  if (
    !(await folder.create(
      'invitations',
      invitationFileName(id),
      signedFile('invitation', publisher.signer, publisher.workingKey, invitation),
    ))
  ) {
    await secrets.delete(fleetEntries.invitationKey(fingerprint, id));
    throw new Error('nom d’invitation déjà pris');
  }
  // Read again: the record may have changed since the publisher's keys were opened.
  const record =
    readPublisherRecords(userDataDir).find((candidate) => candidate.fingerprint === fingerprint) ?? publisher.record;
  await savePublisherRecord(userDataDir, { ...record, invitations: [...record.invitations, { id, expiresAt }] });
  logger.info('fleet.invited', { expiresAt });
  return { code: shownCode(code), expiresAt };
}

/** The invitations of the folder signed by a certified publisher, still valid and not used. */
async function openInvitations(
  folder: FleetFolder,
  trust: Trust,
  used: ReadonlySet<string>,
  now: Date,
  ignored: IgnoredFiles,
): Promise<Invitation[]> {
  const { names, beyondCap } = await folder.list('invitations');
  if (beyondCap) ignored.beyondCap('invitations');
  const open: Invitation[] = [];
  for (const name of names.filter((candidate) => namePattern.test(candidate)).slice(0, 500)) {
    const text = await folder.read('invitations', name);
    const read = text === undefined ? undefined : readEnvelope(text, 'invitation');
    if (!read?.ok) {
      ignored.add(read?.refusal ?? 'unreadable');
      continue;
    }
    const publisher = certifiedPublisher(trust, read.envelope.signer);
    if (!publisher) {
      ignored.add('unknown-signer');
      continue;
    }
    const opened = verifiedPayload(read.envelope, 'invitation', publisher.signingKey, invitationSchema);
    if (!opened.ok) ignored.add(opened.refusal);
    else if (
      opened.value.fleet === trust.fingerprint &&
      `invitation-${opened.value.id}` === name &&
      !used.has(opened.value.id) &&
      new Date(opened.value.expiresAt) > now
    )
      open.push(opened.value);
  }
  return open;
}

/**
 * The member's side: the proof for its id when the code matches an open invitation of the folder;
 * undefined when the code is unknown, expired or used (the publisher checks again at publication).
 */
export async function proveInvitation(
  folder: FleetFolder,
  trust: Trust,
  used: ReadonlySet<string>,
  code: string,
  memberId: string,
  now: Date,
  ignored: IgnoredFiles,
): Promise<string | undefined> {
  const invitations = await openInvitations(folder, trust, used, now, ignored);
  if (invitations.length === 0) return undefined;
  const { verifier, proofKey } = await codeSecrets(code, trust.fingerprint);
  return invitations.some((invitation) => sameProof(invitation.verifier, verifier))
    ? invitationProof(proofKey, memberId)
    : undefined;
}
