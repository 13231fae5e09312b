// The member's side of issue 32: its status written to `status/<member id>`, first at join (so that
// nobody takes its place first: the file is created, never written through one already there),
// then after each daily check (the same regular file rewritten, a link never followed). Signed by
// the member's key, sealed to every publisher the trusted certificate lists (a rotation changes
// them: the next status follows).
import type { StoredAccount } from '../settings/settings-schema';
import { passwordReminder } from '../reminder/password-reminder';
import type { Trust } from './certificates';
import type { FleetFolder } from './fleet-folder';
import type { MemberKeys } from './fleet-keychain';
import type { Membership } from './local-records';
import { sealTo } from './sealed-box';
import { fleetFormatVersion, readEnvelope, signedFile, verifiedPayload } from './signed-file';
import { publicKeyOf } from './signing-keys';
import { maxStatusAccounts, statusEnvelopeSchema, type AccountStatus, type StatusContent } from './status-formats';

/** What the member says of one account: read from its own settings and its fleet record. */
export function accountStatus(
  account: StoredAccount,
  membership: Pick<Membership, 'managedAccounts' | 'disagreements' | 'appliedAt'>,
  now: Date,
): AccountStatus {
  const reminder = passwordReminder(account, now);
  const disagreement = [...membership.disagreements].reverse().find((candidate) => candidate.account === account.name);
  const managed = membership.managedAccounts.includes(account.name);
  // A password set here after the fleet's last publication was applied (set-password, the
  // screen's renewal), or kept against the fleet's: renewed locally.
  const setAfterFleet =
    managed &&
    account.passwordUpdatedAt !== undefined &&
    membership.appliedAt !== undefined &&
    account.passwordUpdatedAt > membership.appliedAt;
  return {
    name: account.name,
    lastCheck: account.lastCheck
      ? {
          at: account.lastCheck.at,
          ok: account.lastCheck.ok,
          code:
            account.lastCheck.code !== null && /^[A-Z][A-Z0-9_]{0,63}$/.test(account.lastCheck.code)
              ? account.lastCheck.code
              : null,
        }
      : null,
    dueOn: reminder.known ? reminder.dueOn : null,
    expiresOn: reminder.known ? reminder.expiresOn : null,
    localRenewal: setAfterFleet || disagreement?.kept === 'local',
    disagreement: disagreement
      ? { revision: disagreement.revision, at: disagreement.at, kept: disagreement.kept }
      : null,
  };
}

export interface StatusInput {
  readonly trust: Trust;
  readonly membership: Membership;
  readonly keys: MemberKeys;
  readonly accounts: readonly StoredAccount[];
  readonly appVersion: string;
  readonly now: Date;
  readonly occasion: 'join' | 'check';
}

/** The status file's bytes: content sealed to the certified publishers, the whole signed by the member. */
export async function memberStatusFile(input: StatusInput): Promise<Buffer> {
  const { trust, membership, now } = input;
  const writtenAt = now.toISOString();
  const content: StatusContent = {
    formatVersion: fleetFormatVersion,
    fleet: trust.fingerprint,
    member: membership.memberId,
    writtenAt,
    appVersion: /^[0-9A-Za-z.+-]{1,40}$/.test(input.appVersion) ? input.appVersion : '0',
    revision: membership.appliedRevision ?? null,
    accounts: input.accounts.slice(0, maxStatusAccounts).map((account) => accountStatus(account, membership, now)),
  };
  const sealed = await sealTo(
    trust.certificate.publishers.map((publisher) => publisher.recipient),
    content,
  );
  return signedFile('statut', membership.memberId, input.keys.signingKey, {
    formatVersion: fleetFormatVersion,
    fleet: trust.fingerprint,
    member: membership.memberId,
    writtenAt,
    occasion: input.occasion,
    sealed,
  });
}

/** Whether the file at this member's place is its own status (signed by its key). */
async function isOwnStatus(folder: FleetFolder, memberId: string, keys: MemberKeys): Promise<boolean> {
  const text = await folder.read('status', memberId);
  if (text === undefined) return false;
  const read = readEnvelope(text, 'statut');
  return (
    read.ok &&
    read.envelope.signer === memberId &&
    verifiedPayload(read.envelope, 'statut', publicKeyOf(keys.signingKey), statusEnvelopeSchema).ok
  );
}

/**
 * Where the status went: `written`; `taken` when, at join, another file held this member's place
 * (kept as it is, and the report says the place was not created by join).
 */
export type StatusWritten = 'written' | 'taken';

export async function writeMemberStatus(folder: FleetFolder, input: StatusInput): Promise<StatusWritten> {
  const bytes = await memberStatusFile(input);
  const id = input.membership.memberId;
  if (input.occasion === 'join') {
    if (await folder.create('status', id, bytes)) return 'written';
    // Joining again: its own earlier status is replaced; anything else is left for the report to show.
    if (!(await isOwnStatus(folder, id, input.keys))) return 'taken';
  }
  await folder.rewrite('status', id, bytes);
  return 'written';
}
