// A profile of several accounts (version 3) as the machine applies it: at a user's first start,
// every account's settings at once (nothing read from the keychain, nothing asked); later, when
// the user types the passphrase on the screen, their secrets. A centre de gestion's communes are
// on every workstation from the first start.
import type { SecretStore } from '../secrets/secret-store';
import { accountsOf } from '../secrets/settings-accounts';
import type { ImportedAccount } from '../settings/imported-accounts';
import { applySettingsChange } from '../settings/settings-change';
import type { WorkstationStore } from '../settings/workstation-store';
import { openAccountsProfileSecrets, type AccountsProfile } from './accounts-profile';
import { profileChange, writeProfileCertificate } from './deployment-profile';
import { holdsPassword, writeSecretsThen, type SecretWrite, type TransferDependencies } from './profile-transfer';

/** Every account's settings, checked whole before anything is written (a refused profile leaves no trace). */
export function applyAccountsProfileSettings(
  workstation: WorkstationStore,
  profile: AccountsProfile,
  userDataDir: string,
): void {
  const entries: ImportedAccount[] = profile.accounts.map((account) => ({
    name: account.name,
    change: profileChange(account, userDataDir, profile.trustForOfficialHosts),
  }));
  workstation.accounts.checkImport(entries);
  for (const account of profile.accounts) writeProfileCertificate(account, userDataDir);
  workstation.accounts.importAccounts(entries);
}

/** Whether a secret may be written: only for an account still at the profile's address and login. */
async function secretsOf(
  secrets: SecretStore,
  workstation: WorkstationStore,
  profile: AccountsProfile,
  userDataDir: string,
  carried: Awaited<ReturnType<typeof openAccountsProfileSecrets>>,
) {
  const writes: SecretWrite[] = [];
  const entries: ImportedAccount[] = [];
  for (const account of profile.accounts) {
    const carriedSecrets = carried.accounts.find((candidate) => candidate.name === account.name);
    const stored = workstation.accounts.list().find((candidate) => candidate.name === account.name);
    if (!carriedSecrets || !stored) continue;
    const { name: _name, ...current } = stored;
    const target = applySettingsChange(current, profileChange(account, userDataDir, profile.trustForOfficialHosts));
    // The user changed the address or the login since the first start: that account's secrets are not the profile's to set.
    if (target.apiBaseUrl !== current.apiBaseUrl || target.login !== current.login) continue;
    const keychain = accountsOf(current);
    const pairs: [string | undefined, string | undefined][] = [
      [keychain.password, carriedSecrets.password],
      [keychain.clientSecret, carriedSecrets.clientSecret],
      [keychain.proxyPassword, carriedSecrets.proxyPassword],
    ];
    for (const [entry, value] of pairs)
      if (entry !== undefined && value !== undefined) writes.push({ account: entry, value });
    if (carriedSecrets.password !== undefined) {
      const sameAsStored = await holdsPassword(secrets, current, carriedSecrets.password);
      entries.push({
        name: account.name,
        change: {},
        importedPassword: { updatedAt: carriedSecrets.passwordUpdatedAt, sameAsStored },
      });
    }
  }
  return { writes, entries };
}

/**
 * The secrets of a machine profile of several accounts whose settings the first start applied:
 * all or nothing (a keychain failing half-way gets every entry back); passwords marked not verified.
 */
export async function importAccountsProfileSecrets(
  { workstation, secrets, userDataDir, logger }: TransferDependencies,
  profile: AccountsProfile & { readonly secrets: string },
  passphrase: string,
): Promise<void> {
  const carried = await openAccountsProfileSecrets(profile, passphrase);
  const { writes, entries } = await secretsOf(secrets, workstation, profile, userDataDir, carried);
  await writeSecretsThen(secrets, writes, logger, () => workstation.accounts.importAccounts(entries));
  workstation.markMachineProfileSecrets(false);
  logger.info('profile.secrets-imported', { accounts: entries.length, passwordVerified: false });
}
