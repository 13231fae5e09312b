import { proxyAccount, secretAccounts, type SecretStore } from '../secrets/secret-store';
import { storedProxy } from '../net/url-policy';
import type { StoredSettings } from '../settings/settings-schema';
import type { SettingsStore } from '../settings/settings-store';

/** The secrets of an account typed apart from its settings (the technical password has its renewal). */
export type AccountSecret = 'clientSecret' | 'proxyPassword';

/** What an account must have before that secret can be saved: a PISTE client id, a proxy address naming its user. */
export type MissingFirst = 'clientId' | 'proxyUser';

/** The keychain entry this account keeps that secret under, or what it lacks to have one. */
export function accountSecretEntry(
  settings: StoredSettings,
  which: AccountSecret,
): { readonly entry: string } | { readonly missing: MissingFirst } {
  if (which === 'clientSecret')
    return settings.clientId
      ? { entry: secretAccounts.clientSecret(settings, settings.clientId) }
      : { missing: 'clientId' };
  const proxy = storedProxy(settings.proxyUrl);
  return proxy?.username ? { entry: proxyAccount(proxy) } : { missing: 'proxyUser' };
}

/**
 * Saves the account's client secret or proxy password in the keychain, under the name its settings
 * give it (the screen's fields, the command line's set-client-secret and set-proxy-password). What
 * the account lacks is refused before the secret is asked for (`refuse`, in the caller's words);
 * `secret` is read only then (a prompt, standard input).
 */
export async function saveAccountSecret(
  account: SettingsStore,
  secrets: SecretStore,
  which: AccountSecret,
  secret: () => Promise<string>,
  refuse: (missing: MissingFirst) => Error,
): Promise<void> {
  const target = accountSecretEntry(account.read(), which);
  if ('missing' in target) throw refuse(target.missing);
  await secrets.set(target.entry, await secret());
}
