import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../failures/errors';
import { createLogger } from '../logging/logger';
import { clearKeychainService, createKeytarSecretStore } from '../secrets/keytar-secret-store';
import { secretAccounts, type SecretStore } from '../secrets/secret-store';
import { openTestSettings } from '../../test/support/settings-fixture';
import { tempDir } from '../../test/support/temp-dirs';
import { removeAccount } from './remove-account';

const service = `Chorus Pro Echanges (test suppression ${randomUUID()})`;
afterAll(() => clearKeychainService(service));
const api = 'https://chorus.example.org';

describe('removing a technical account', () => {
  it('is all or nothing: a keychain that fails half-way leaves the account and every entry in place', async () => {
    const directory = tempDir();
    const { store } = openTestSettings(directory);
    store.accounts.add('Commune B');
    const account = store.forAccount('Commune B');
    account.update({
      environment: 'custom',
      apiBaseUrl: api,
      tokenUrl: `${api}/token`,
      login: 'TECH_1_b@cpro.fr',
      clientId: 'piste-b',
    });
    const password = secretAccounts.technicalPassword(api, 'TECH_1_b@cpro.fr');
    const clientSecret = secretAccounts.clientSecret({ tokenUrl: `${api}/token`, apiBaseUrl: api }, 'piste-b');
    await keytar.setPassword(service, password, 'mdp-b');
    await keytar.setPassword(service, clientSecret, 'secret-b');
    const before = readFileSync(join(directory, 'config.json'), 'utf8');

    const real = createKeytarSecretStore(service);
    let deletions = 0;
    // The real keychain, locked between the first and the second deletion.
    const failing: SecretStore = {
      ...real,
      delete: (entry) =>
        ++deletions === 2 ? Promise.reject(new AppError('KEYCHAIN_UNAVAILABLE')) : real.delete(entry),
    };
    const error = await removeAccount(
      store,
      failing,
      'Commune B',
      createLogger(() => undefined),
    ).catch((reason: unknown) => reason);
    expect(error).toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    expect((error as Error).message).toContain("rien n'a été modifié");
    expect(readFileSync(join(directory, 'config.json'), 'utf8')).toBe(before);
    expect(await keytar.getPassword(service, password)).toBe('mdp-b');
    expect(await keytar.getPassword(service, clientSecret)).toBe('secret-b');

    await removeAccount(
      store,
      real,
      'Commune B',
      createLogger(() => undefined),
    );
    expect(store.accounts.list().map((entry) => entry.name)).toEqual(['Compte principal']);
    expect(await keytar.getPassword(service, password)).toBeNull();
  });
});
