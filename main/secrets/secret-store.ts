/**
 * Where secrets live: the OS keychain in the app and in tests. Stores that need a secret receive
 * one of these; nothing else in the main process knows where secrets are kept.
 * Every method throws an AppError `KEYCHAIN_UNAVAILABLE` when the keychain cannot be used.
 */
export interface SecretStore {
  get(account: string): Promise<string | undefined>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
  /** Every account name the store holds, in one call, where the keychain can list them. */
  list?(): Promise<string[]>;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Where a PISTE client secret may be used: the token it obtains goes to this API host only. */
export interface ClientSecretEndpoints {
  readonly tokenUrl: string;
  readonly apiBaseUrl: string;
}

/**
 * Account names carry the host and the login, so qualification and production, or two logins,
 * never overwrite each other's secrets. The client secret is bound to the pair (token host, API
 * host): a token obtained with it never goes to an API host it was not entered for.
 */
export const secretAccounts = {
  technicalPassword: (apiBaseUrl: string, login: string): string =>
    `mot-de-passe-technique|${hostOf(apiBaseUrl)}|${login}`,
  clientSecret: ({ tokenUrl, apiBaseUrl }: ClientSecretEndpoints, clientId: string): string =>
    `secret-client-piste|${hostOf(tokenUrl)}|${hostOf(apiBaseUrl)}|${clientId}`,
  /** The name versions up to 0.1 gave it, bound to the token host only: read once, to migrate. */
  legacyClientSecret: (tokenUrl: string, clientId: string): string =>
    `secret-client-piste|${hostOf(tokenUrl)}|${clientId}`,
};

/**
 * Moves a client secret stored under its old name (token host only) to its new one, on first use.
 * Only to a pair it was surely used with: the one the settings held when the app or the command
 * opened, or a known environment's own pair. The old entry is then deleted, so it can never be
 * moved again to an API host chosen later.
 */
export function migratingLegacyClientSecrets(store: SecretStore, trusted: readonly (ClientSecretEndpoints & { readonly clientId: string })[]): SecretStore {
  const legacyFor = new Map(trusted.map((pair) => [secretAccounts.clientSecret(pair, pair.clientId), secretAccounts.legacyClientSecret(pair.tokenUrl, pair.clientId)]));
  const done = new Map<string, Promise<void>>();
  const migrate = (account: string): Promise<void> => {
    const legacy = legacyFor.get(account);
    if (legacy === undefined) return Promise.resolve();
    let migration = done.get(account);
    if (migration === undefined) {
      migration = (async () => {
        const old = await store.get(legacy);
        if (old === undefined) return;
        if ((await store.get(account)) === undefined) await store.set(account, old);
        await store.delete(legacy);
      })().catch((error: unknown) => {
        // A keychain that could not be used this time is tried again next time.
        done.delete(account);
        throw error;
      });
      done.set(account, migration);
    }
    return migration;
  };
  return {
    get: async (account) => {
      await migrate(account);
      return store.get(account);
    },
    set: async (account, secret) => {
      await migrate(account);
      await store.set(account, secret);
    },
    ...(store.list ? { list: store.list.bind(store) } : {}),
    delete: async (account) => {
      await migrate(account);
      return store.delete(account);
    },
  };
}
