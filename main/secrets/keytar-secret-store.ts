// The only file that imports keytar.
import keytar from 'keytar';
import { AppError } from '../errors';
import type { SecretStore } from './secret-store';

export const defaultKeychainService = 'Chorus Pro Echanges';

async function guarded<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch {
    // keytar's own message names the D-Bus path or the Windows error, never the secret; the user
    // gets the French message only.
    throw new AppError('KEYCHAIN_UNAVAILABLE');
  }
}

export function createKeytarSecretStore(service: string = defaultKeychainService): SecretStore {
  return {
    get: (account) => guarded(async () => (await keytar.getPassword(service, account)) ?? undefined),
    set: (account, secret) => guarded(() => keytar.setPassword(service, account, secret)),
    delete: (account) => guarded(() => keytar.deletePassword(service, account)),
    // One round trip for the whole namespace: `accounts` with 200 communes stays quick.
    list: () => guarded(async () => (await keytar.findCredentials(service)).map((entry) => entry.account)),
  };
}

/** Removes every entry of a keychain service: used to leave no trace of a test namespace. */
export async function clearKeychainService(service: string): Promise<void> {
  const entries = await guarded(() => keytar.findCredentials(service));
  await Promise.all(entries.map((entry) => guarded(() => keytar.deletePassword(service, entry.account))));
}

/**
 * For one run of the command line: the service's entries read in one keychain call when a secret
 * is first needed (a test needs two or three; `test --all` two per account), then served from
 * that copy; writes and removals go to the keychain first, then to the copy. A keychain that
 * cannot be read fails every call of the run alike.
 */
export function createCommandSecretStore(service: string = defaultKeychainService): SecretStore {
  const keychain = createKeytarSecretStore(service);
  let entries: Promise<Map<string, string>> | undefined;
  const read = () => (entries ??= guarded(async () => new Map((await keytar.findCredentials(service)).map((entry) => [entry.account, entry.password]))));
  return {
    get: async (account) => (await read()).get(account),
    set: async (account, secret) => {
      const copy = await read();
      await keychain.set(account, secret);
      copy.set(account, secret);
    },
    delete: async (account) => {
      const copy = await read();
      const removed = await keychain.delete(account);
      copy.delete(account);
      return removed;
    },
    list: async () => [...(await read()).keys()],
  };
}
