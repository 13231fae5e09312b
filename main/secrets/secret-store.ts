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

import { createHash } from 'node:crypto';
import { hostOf } from '../net/host-of';
import { proxyUserName, storedProxy } from '../net/url-policy';

/**
 * Where a PISTE client secret may be used: the token it obtains goes to this API host only, and
 * only over this route (the proxy it was stored with, the extra authority it was stored with).
 */
export interface ClientSecretEndpoints {
  readonly tokenUrl: string;
  readonly apiBaseUrl: string;
  readonly proxyUrl?: string | undefined;
  readonly caCertificatePath?: string | undefined;
}

/**
 * The part of a client secret's name that says which way it travels, when it is not the direct
 * route with the system's authorities: the proxy's scheme, host and port (its user name does not
 * change where the secret goes) and the extra authority's file. Certificates chosen or imported
 * are kept in the private folder under a name made of their SHA-256 (ca-file-copy.ts), so the
 * path names the certificate itself.
 */
function routeOf({ proxyUrl, caCertificatePath }: ClientSecretEndpoints): string {
  const proxy = storedProxy(proxyUrl);
  const via = proxy ? `|proxy:${proxy.protocol}//${proxy.host}` : '';
  const ca = caCertificatePath
    ? `|ca:${createHash('sha256').update(caCertificatePath).digest('hex').slice(0, 16)}`
    : '';
  return `${via}${ca}`;
}

/**
 * Account names carry the host and the login, so qualification and production, or two logins,
 * never overwrite each other's secrets. The client secret is bound to the pair (token host, API
 * host): a token obtained with it never goes to an API host it was not entered for.
 */
/** A proxy's password lives in the keychain, under its host and user name. */
export const proxyAccount = (proxy: URL): string => `proxy|${proxy.host}|${proxyUserName(proxy)}`;

export const secretAccounts = {
  technicalPassword: (apiBaseUrl: string, login: string): string =>
    `mot-de-passe-technique|${hostOf(apiBaseUrl)}|${login}`,
  clientSecret: (endpoints: ClientSecretEndpoints, clientId: string): string =>
    `secret-client-piste|${hostOf(endpoints.tokenUrl)}|${hostOf(endpoints.apiBaseUrl)}|${clientId}${routeOf(endpoints)}`,
  /**
   * The name versions up to this one gave it, whatever the proxy and the authority: read once,
   * at opening, for the accounts that use it then (migratingRouteUnboundClientSecrets).
   */
  routeUnboundClientSecret: ({ tokenUrl, apiBaseUrl }: ClientSecretEndpoints, clientId: string): string =>
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
export function migratingLegacyClientSecrets(
  store: SecretStore,
  trusted: readonly (ClientSecretEndpoints & { readonly clientId: string })[],
): SecretStore {
  const legacyFor = new Map(
    trusted.map((pair) => [
      secretAccounts.clientSecret(pair, pair.clientId),
      secretAccounts.legacyClientSecret(pair.tokenUrl, pair.clientId),
    ]),
  );
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

/**
 * Moves a client secret stored before it was bound to its route (proxy, authority) to the name of
 * the route each account used when the services opened: those routes are the ones it was used
 * over. Once for good (`migrated` records it in the settings file): the accounts added later, by
 * a profile for instance, never inherit a secret this way. The old entry stays only while an
 * account still uses the direct route with the system's authorities, which its old name stands for.
 */
export function migratingRouteUnboundClientSecrets(
  store: SecretStore,
  opened: readonly (ClientSecretEndpoints & { readonly clientId: string })[],
  migrated: () => void,
): { readonly store: SecretStore; readonly migration: () => Promise<void> } {
  const moves = opened.flatMap((account) => {
    const from = secretAccounts.routeUnboundClientSecret(account, account.clientId);
    const to = secretAccounts.clientSecret(account, account.clientId);
    return from === to ? [] : [{ from, to }];
  });
  const stillDirect = new Set(opened.map((account) => secretAccounts.clientSecret(account, account.clientId)));
  let migration: Promise<void> | undefined;
  let done = false;
  const migrate = (): Promise<void> => {
    if (done) return Promise.resolve();
    if (moves.length === 0) {
      migrated();
      done = true;
      return Promise.resolve();
    }
    migration ??= (async () => {
      const present = store.list ? new Set(await store.list()) : undefined;
      const has = async (account: string) =>
        present ? present.has(account) : (await store.get(account)) !== undefined;
      const moved = new Set<string>();
      for (const { from, to } of moves) {
        if (!(await has(from))) continue;
        const secret = await store.get(from);
        if (secret === undefined) continue;
        if (!(await has(to))) await store.set(to, secret);
        moved.add(from);
      }
      for (const from of moved) if (!stillDirect.has(from)) await store.delete(from);
      migrated();
      done = true;
    })().catch((error: unknown) => {
      // A keychain that could not be used this time is tried again at its next use.
      migration = undefined;
      throw error;
    });
    return migration;
  };
  const wrapped: SecretStore = {
    get: async (account) => {
      await migrate();
      return store.get(account);
    },
    set: async (account, secret) => {
      await migrate();
      await store.set(account, secret);
    },
    delete: async (account) => {
      await migrate();
      return store.delete(account);
    },
    ...(store.list
      ? {
          list: async () => {
            await migrate();
            return (await store.list?.()) ?? [];
          },
        }
      : {}),
  };
  return { store: wrapped, migration: migrate };
}
