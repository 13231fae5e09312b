import { proxyAccount } from '../chorus/connection-service';
import { storedProxy } from '../net/url-policy';
import type { StoredSettings } from '../settings/settings-schema';
import { secretAccounts } from './secret-store';

/** The keychain accounts of the secrets these settings use; absent where a setting is missing. */
export interface SettingsAccounts {
  readonly password?: string;
  readonly clientSecret?: string;
  readonly proxyPassword?: string;
}

export function accountsOf(settings: Pick<StoredSettings, 'apiBaseUrl' | 'tokenUrl' | 'login' | 'clientId' | 'proxyUrl' | 'caCertificatePath'>): SettingsAccounts {
  const proxy = storedProxy(settings.proxyUrl);
  return {
    ...(settings.login ? { password: secretAccounts.technicalPassword(settings.apiBaseUrl, settings.login) } : {}),
    ...(settings.clientId ? { clientSecret: secretAccounts.clientSecret(settings, settings.clientId) } : {}),
    ...(proxy?.username ? { proxyPassword: proxyAccount(proxy) } : {}),
  };
}

/** The keychain accounts these settings use, as a list. */
export function accountList(settings: Pick<StoredSettings, 'apiBaseUrl' | 'tokenUrl' | 'login' | 'clientId' | 'proxyUrl' | 'caCertificatePath'>): string[] {
  const { password, clientSecret, proxyPassword } = accountsOf(settings);
  return [password, clientSecret, proxyPassword].filter((account): account is string => account !== undefined);
}
