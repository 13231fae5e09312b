// A publication's accounts applied to this workstation the way a deployment profile's are: checked
// whole first, then the certificates (named after their content), the keychain, and the settings
// in one write; a failure half-way puts every keychain entry back. Passwords received are marked
// not verified (« reçu du service informatique, non vérifié ») until the next test, dates kept.
import type { Logger } from '../logging/logger';
import { confirmedBy } from '../hosts/host-confirmation';
import { profileChange, writeProfileCertificate } from '../profiles/deployment-profile';
import { writeSecretsThen, type SecretWrite } from '../profiles/profile-transfer';
import type { SecretStore } from '../secrets/secret-store';
import { accountsOf } from '../secrets/settings-accounts';
import { checkAccountName } from '../settings/account-rules';
import type { ImportedAccount } from '../settings/imported-accounts';
import { applySettingsChange } from '../settings/settings-change';
import { defaultSettings } from '../settings/settings-schema';
import type { WorkstationStore } from '../settings/workstation-store';
import { decidePassword, settleConflict, type CheckPassword, type ConflictOutcome } from './conflict-rule';
import type { BoxContent } from './fleet-formats';

export interface ApplyDependencies {
  readonly workstation: WorkstationStore;
  readonly secrets: SecretStore;
  readonly logger: Logger;
  readonly userDataDir: string;
  readonly checkPassword: CheckPassword;
}

export interface AppliedPublication {
  /** The accounts of the publication now on this workstation, by name. */
  readonly accounts: readonly string[];
  /** Accounts whose password came from the fleet this time: not verified until the next test. */
  readonly received: readonly string[];
  readonly conflicts: readonly { readonly account: string; readonly kept: ConflictOutcome }[];
  /** Accounts left out, with why (a name refused by this version's rules). */
  readonly skipped: readonly string[];
}

export async function applyPublication(
  { workstation, secrets, logger, userDataDir, checkPassword }: ApplyDependencies,
  content: BoxContent,
): Promise<AppliedPublication> {
  const entries: ImportedAccount[] = [];
  const writes: SecretWrite[] = [];
  const received: string[] = [];
  const conflicts: { account: string; kept: ConflictOutcome }[] = [];
  const skipped: string[] = [];
  const accepted: BoxContent['accounts'] = [];
  const existingAccounts = workstation.accounts.list();
  for (const account of content.accounts) {
    try {
      checkAccountName(account.name);
    } catch {
      skipped.push(account.name);
      continue;
    }
    accepted.push(account);
    const existing = existingAccounts.find((candidate) => candidate.name === account.name);
    const { name: _name, ...before } = existing ?? { name: account.name, ...defaultSettings };
    const change = profileChange(account.settings, userDataDir, account.trustForOfficialHosts);
    const target = applySettingsChange(before, change);
    const keychain = accountsOf(target);
    const extra = new Map<string, string>();
    if (keychain.clientSecret !== undefined && account.clientSecret !== undefined)
      extra.set(keychain.clientSecret, account.clientSecret);
    if (keychain.proxyPassword !== undefined && account.proxyPassword !== undefined)
      extra.set(keychain.proxyPassword, account.proxyPassword);
    for (const [entry, value] of extra) writes.push({ account: entry, value });
    const local = keychain.password === undefined ? undefined : await secrets.get(keychain.password);
    const decision = decidePassword(local, account);
    let takePublished = decision.kind === 'install' || decision.kind === 'replace';
    if (decision.kind === 'conflict' && local !== undefined && account.password !== undefined) {
      // Tested with the published route: its certificate must be where the settings will say.
      writeProfileCertificate(account.settings, userDataDir);
      const kept = await settleConflict(checkPassword, target, local, account.password, extra);
      conflicts.push({ account: account.name, kept });
      takePublished = kept === 'published';
    }
    if (takePublished && keychain.password !== undefined && account.password !== undefined) {
      writes.push({ account: keychain.password, value: account.password });
      received.push(account.name);
      entries.push({
        name: account.name,
        change,
        importedPassword: { updatedAt: account.passwordUpdatedAt, sameAsStored: false },
      });
    } else {
      entries.push({ name: account.name, change });
    }
  }
  // Checked whole before anything is written, the other accounts of this workstation included.
  workstation.accounts.checkImport(entries);
  for (const account of accepted) writeProfileCertificate(account.settings, userDataDir);
  // A secret the keychain already holds as published is not written again (the keychain is the slow part).
  const changed: SecretWrite[] = [];
  for (const write of writes) if ((await secrets.get(write.account)) !== write.value) changed.push(write);
  await writeSecretsThen(secrets, changed, logger, () => workstation.accounts.importAccounts(entries));
  // The IT person's signed publication confirms its hosts, as an imported profile does.
  workstation.addConfirmedHosts(
    confirmedBy(
      workstation.accounts.list().filter((stored) => accepted.some((account) => account.name === stored.name)),
    ),
  );
  return { accounts: accepted.map((account) => account.name), received, conflicts, skipped };
}
