/**
 * Where secrets live: the OS keychain in the app and in tests. Stores that need a secret receive
 * one of these; nothing else in the main process knows where secrets are kept.
 * Every method throws an AppError `KEYCHAIN_UNAVAILABLE` when the keychain cannot be used.
 */
export interface SecretStore {
  get(account: string): Promise<string | undefined>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * Account names carry the host and the login, so qualification and production, or two logins,
 * never overwrite each other's secrets.
 */
export const secretAccounts = {
  technicalPassword: (apiBaseUrl: string, login: string): string =>
    `mot-de-passe-technique|${hostOf(apiBaseUrl)}|${login}`,
  clientSecret: (tokenUrl: string, clientId: string): string =>
    `secret-client-piste|${hostOf(tokenUrl)}|${clientId}`,
};
