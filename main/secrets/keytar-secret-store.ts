// The only file that imports keytar.
import keytar from 'keytar';
import { AppError } from '../failures/errors';
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
 * For one run of the command line: each entry read from the keychain at most once, whatever the
 * number of services asking for it; when the run lists the namespace (`accounts`), that one call
 * (findCredentials) also serves every later read. Reading the whole namespace for a single
 * account's test is not done: measured with the Secret Service, findCredentials of 200 entries
 * took ≈ 575 ms against ≈ 1 ms for the two entries a test reads. Writes and removals go to the
 * keychain first, then to what the run has read.
 */
export function createCommandSecretStore(service: string = defaultKeychainService): SecretStore {
  const keychain = createKeytarSecretStore(service);
  const read = new Map<string, Promise<string | undefined>>();
  let listed: Promise<string[]> | undefined;
  return {
    get: (account) => {
      let value = read.get(account);
      if (!value) {
        value = keychain.get(account);
        read.set(account, value);
      }
      return value;
    },
    set: async (account, secret) => {
      await keychain.set(account, secret);
      read.set(account, Promise.resolve(secret));
      listed = undefined;
    },
    delete: async (account) => {
      const removed = await keychain.delete(account);
      read.set(account, Promise.resolve(undefined));
      listed = undefined;
      return removed;
    },
    list: () =>
      (listed ??= guarded(async () => {
        const entries = await keytar.findCredentials(service);
        for (const entry of entries) read.set(entry.account, Promise.resolve(entry.password));
        return entries.map((entry) => entry.account);
      })),
  };
}
