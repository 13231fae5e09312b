// `fleet join FOLDER --publisher FINGERPRINT [--code-stdin]`: this user's workstation asks to be
// a member. Its keys (an Ed25519 signing key, an age identity) are made here and stay in its
// keychain; its id and phrase come from them. Nothing is written, in the folder or here, unless
// the folder's root is the one whose fingerprint was given (and the code, when given, is open).
import { appVersion } from '../app-version';
import { AppError } from '../failures/errors';
import type { StoredAccount } from '../settings/settings-schema';
import { anyCertificate, readTrust } from './certificates';
import type { FleetDependencies } from './fleet-dependencies';
import type { JoinRequest } from './fleet-formats';
import { memberIdOf, phraseOf, shownFingerprint } from './fleet-identity';
import { readMemberKeys, writeMemberKeys, type MemberKeys } from './fleet-keychain';
import { IgnoredFiles } from './ignored-files';
import { proveInvitation } from './invitations';
import { readMemberships, saveMembership } from './local-records';
import { latestPublicationHeader } from './publication-files';
import { newAgeIdentity, recipientOf } from './sealed-box';
import { fleetFormatVersion, signedFile } from './signed-file';
import { generateSigningKey, publicKeyOf } from './signing-keys';
import { writeMemberStatus, type StatusWritten } from './write-member-status';

export interface JoinInput {
  readonly fingerprint: string;
  /** The root key itself, when it is known (the machine pointer carries it): the folder's certificates must be signed by exactly it. */
  readonly rootKey?: string;
  readonly code?: string;
  /** Self-declared, shown to the IT person beside the phrase; never trusted. */
  readonly machine: string;
  readonly user: string;
  /** This workstation's accounts, for its first status (issue 32); none when not given. */
  readonly accounts?: readonly StoredAccount[];
}

export interface Joined {
  readonly memberId: string;
  readonly phrase: string;
  readonly fingerprint: string;
  /** `code`: accepted at the next publication; `phrase`: waits for `fleet publish --accept`. */
  readonly acceptance: 'code' | 'phrase';
  /** Its status file's place (`status/<id>`): `taken` when another file was there first (the report says so). */
  readonly statusPlace: StatusWritten;
}

/** A self-declared name as a join request carries it: printable, 1 to 128 characters. */
const declared = (name: string): string =>
  name
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .trim()
    .slice(0, 128) || 'inconnu';

export async function joinFleet(dependencies: FleetDependencies, input: JoinInput): Promise<Joined> {
  const { folder, secrets, clock, logger, userDataDir } = dependencies;
  await folder.check();
  const ignored = new IgnoredFiles();
  const trust = await readTrust(
    folder,
    { fingerprint: input.fingerprint, ...(input.rootKey === undefined ? {} : { rootKey: input.rootKey }) },
    ignored,
  );
  if (!trust) {
    if (ignored.newerFormat) throw new AppError('FLEET_NEWER_FORMAT', folder.path);
    const detail = (await anyCertificate(folder))
      ? `le dossier ${folder.path} appartient à un autre parc, ou son certificat est altéré`
      : `le dossier ${folder.path} ne contient aucun parc de postes (fleet create)`;
    throw new AppError('FLEET_FINGERPRINT_MISMATCH', detail);
  }
  const existing = await readMemberKeys(secrets, input.fingerprint);
  const keys: MemberKeys = existing ?? {
    signingKey: generateSigningKey().privateKey,
    identity: (await newAgeIdentity()).identity,
  };
  const memberKey = publicKeyOf(keys.signingKey);
  const recipient = await recipientOf(keys.identity);
  const memberId = memberIdOf(memberKey, recipient);
  let invitationProof: string | undefined;
  if (input.code !== undefined) {
    const latest = await latestPublicationHeader(folder, trust, new IgnoredFiles());
    invitationProof = await proveInvitation(
      folder,
      trust,
      new Set(latest?.invitationsUsed ?? []),
      input.code,
      memberId,
      clock(),
      ignored,
    );
    if (invitationProof === undefined) throw new AppError('FLEET_CODE_REFUSED');
  }
  const request: JoinRequest = {
    formatVersion: fleetFormatVersion,
    fleet: input.fingerprint,
    memberKey,
    recipient,
    machine: declared(input.machine),
    user: declared(input.user),
    requestedAt: clock().toISOString(),
    ...(invitationProof !== undefined ? { invitationProof } : {}),
  };
  if (!existing) await writeMemberKeys(secrets, input.fingerprint, keys);
  await folder.rewrite('members', memberId, signedFile('adhesion', memberId, keys.signingKey, request));
  const previous = readMemberships(userDataDir).find((membership) => membership.fingerprint === input.fingerprint);
  const phrase = await phraseOf(memberKey, recipient);
  const membership = {
    managedAccounts: [],
    disagreements: [],
    ...previous,
    fingerprint: input.fingerprint,
    rootKey: trust.rootKey,
    folder: folder.path,
    memberId,
    joinedAt: previous?.joinedAt ?? clock().toISOString(),
    // Derived from the public keys (anyone holding the request can compute it): kept so that the screen shows it without the keychain.
    phrase,
  };
  await saveMembership(userDataDir, membership);
  // Its status place taken at join, before anyone else can (issue 32).
  const statusPlace = await writeMemberStatus(folder, {
    trust,
    membership,
    keys,
    accounts: input.accounts ?? [],
    appVersion,
    now: clock(),
    occasion: 'join',
  });
  if (statusPlace === 'taken') logger.warn('fleet.status-place-taken', {});
  logger.info('fleet.joined', { withCode: invitationProof !== undefined });
  return {
    memberId,
    phrase,
    fingerprint: shownFingerprint(input.fingerprint),
    acceptance: invitationProof === undefined ? 'phrase' : 'code',
    statusPlace,
  };
}
