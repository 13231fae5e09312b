import { storedProxy } from '../net/url-policy';
import { proxyAccount, secretAccounts, type ClientSecretEndpoints } from './secret-store';

/** What of an account's settings names its secrets (the settings' own type lives above, in settings/). */
export interface SecretsRoute extends ClientSecretEndpoints {
  readonly login?: string | undefined;
  readonly clientId?: string | undefined;
}

/** The keychain accounts of the secrets these settings use; absent where a setting is missing. */
export interface SettingsAccounts {
  readonly password?: string;
  readonly clientSecret?: string;
  readonly proxyPassword?: string;
}

export function accountsOf(settings: SecretsRoute): SettingsAccounts {
  const proxy = storedProxy(settings.proxyUrl);
  return {
    ...(settings.login ? { password: secretAccounts.technicalPassword(settings.apiBaseUrl, settings.login) } : {}),
    ...(settings.clientId ? { clientSecret: secretAccounts.clientSecret(settings, settings.clientId) } : {}),
    ...(proxy?.username ? { proxyPassword: proxyAccount(proxy) } : {}),
  };
}

/** The keychain accounts these settings use, as a list. */
export function accountList(settings: SecretsRoute): string[] {
  const { password, clientSecret, proxyPassword } = accountsOf(settings);
  return [password, clientSecret, proxyPassword].filter((account): account is string => account !== undefined);
}
