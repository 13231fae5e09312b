// `fleet status`: what this workstation is in each of its fleets — its id and phrase (to compare
// while it waits to be accepted), the revision applied, and the accounts the fleet manages here,
// a received password shown as such until a test verifies it.
import type { SecretStore } from '../secrets/secret-store';
import type { StoredAccount } from '../settings/settings-schema';
import { phraseOf, shownFingerprint } from './fleet-identity';
import { readMemberKeys } from './fleet-keychain';
import { readMemberships } from './local-records';
import { recipientOf } from './sealed-box';
import { publicKeyOf } from './signing-keys';

export interface ManagedAccount {
  readonly name: string;
  /** « reçu du service informatique, non vérifié » until the next successful test. */
  readonly verified: boolean;
}

export interface MemberStatus {
  readonly fingerprint: string;
  readonly folder: string;
  readonly memberId: string;
  readonly phrase: string | null;
  readonly appliedRevision: number | null;
  readonly appliedAt: string | null;
  readonly accounts: readonly ManagedAccount[];
}

export async function memberStatus(
  secrets: SecretStore,
  userDataDir: string,
  accounts: readonly StoredAccount[],
): Promise<MemberStatus[]> {
  const statuses: MemberStatus[] = [];
  for (const membership of readMemberships(userDataDir)) {
    const keys = await readMemberKeys(secrets, membership.fingerprint);
    statuses.push({
      fingerprint: shownFingerprint(membership.fingerprint),
      folder: membership.folder,
      memberId: membership.memberId,
      phrase: keys ? await phraseOf(publicKeyOf(keys.signingKey), await recipientOf(keys.identity)) : null,
      appliedRevision: membership.appliedRevision ?? null,
      appliedAt: membership.appliedAt ?? null,
      accounts: membership.managedAccounts.map((name) => ({
        name,
        verified: accounts.find((account) => account.name === name)?.passwordVerified !== false,
      })),
    });
  }
  return statuses;
}
