import type { Logger } from '../logger';
import type { SecretStore } from '../secrets/secret-store';
import { accountList } from '../secrets/settings-accounts';
import type { SettingsStore } from '../settings/settings-store';

/**
 * Removes a technical account and its keychain entries. A client secret or a proxy password that
 * another account still uses (the same PISTE application, the same proxy) stays for that one.
 * The keychain is read before anything changes, so an unreachable one leaves the account in place.
 */
export async function removeAccount(settings: SettingsStore, secrets: SecretStore, name: string, logger: Logger): Promise<void> {
  const entries = accountList(settings.forAccount(name).read());
  const stillUsed = new Set(
    settings.accounts
      .list()
      .filter((account) => account.name !== name)
      .flatMap((account) => accountList(account)),
  );
  const toDelete = entries.filter((entry) => !stillUsed.has(entry));
  const present = await Promise.all(toDelete.map(async (entry) => ((await secrets.get(entry)) === undefined ? undefined : entry)));
  settings.accounts.remove(name);
  for (const entry of present) if (entry !== undefined) await secrets.delete(entry);
  logger.info('account.removed', { secretsRemoved: present.filter(Boolean).length });
}
