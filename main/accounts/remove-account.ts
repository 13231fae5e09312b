import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import { accountList } from '../secrets/settings-accounts';
import { credentialKey } from '../secrets/credential-key';
import type { WorkstationStore } from '../settings/workstation-store';

/**
 * Removes a technical account and its keychain entries. A client secret or a proxy password that
 * another account still uses (the same PISTE application, the same proxy) stays for that one;
 * entries are compared whatever their case, as Windows' Credential Manager compares them.
 *
 * All or nothing: the entries are deleted first, then the account; if either step fails, every
 * deleted entry is put back, so the message "rien n'a été modifié" stays true.
 */
export async function removeAccount(
  workstation: WorkstationStore,
  secrets: SecretStore,
  givenName: string,
  logger: Logger,
): Promise<void> {
  const scoped = workstation.account(givenName);
  const name = scoped.accountName();
  const stillUsed = new Set(
    workstation.accounts
      .list()
      .filter((account) => account.name !== name)
      .flatMap((account) => accountList(account))
      .map((entry) => credentialKey(entry)),
  );
  const entries = accountList(scoped.read()).filter((entry) => !stillUsed.has(credentialKey(entry)));
  const values = await Promise.all(entries.map((entry) => secrets.get(entry)));
  const deleted: { readonly entry: string; readonly value: string }[] = [];
  try {
    for (const [index, entry] of entries.entries()) {
      const value = values[index];
      if (value === undefined) continue;
      await secrets.delete(entry);
      deleted.push({ entry, value });
    }
    workstation.accounts.remove(name);
  } catch (error) {
    for (const { entry, value } of deleted)
      await secrets.set(entry, value).catch(() => logger.error('account.rollback-failed', { account: name }));
    throw error;
  }
  logger.info('account.removed', { account: name, secretsRemoved: deleted.length });
}
