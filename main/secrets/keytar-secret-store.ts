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
