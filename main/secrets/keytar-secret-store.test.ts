import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { clearKeychainService, createCommandSecretStore, createKeytarSecretStore } from './keytar-secret-store';
import { secretAccounts } from './secret-store';

// The real keychain: run under scripts/with-keyring.sh on Linux.
const service = `Chorus Pro Echanges (test ${randomUUID()})`;
const store = createKeytarSecretStore(service);
afterAll(() => clearKeychainService(service));

describe('the keychain secret store', () => {
  it('keeps, returns and deletes a secret, exactly as given', async () => {
    const secret = ' Ünïcödé p@ss wörd € ';
    await store.set('compte', secret);
    expect(await store.get('compte')).toBe(secret);
    expect(await store.delete('compte')).toBe(true);
    expect(await store.get('compte')).toBeUndefined();
    expect(await store.delete('compte')).toBe(false);
  });

  it('keeps a secret for another process to read', async () => {
    await store.set('partagé', 'visible-ailleurs');
    const script = `require('keytar').getPassword(process.argv[1], process.argv[2]).then((v) => process.stdout.write(String(v)))`;
    const read = execFileSync(process.execPath, ['-e', script, service, 'partagé'], { encoding: 'utf8' });
    expect(read).toBe('visible-ailleurs');
  });

  it('keeps production and qualification, and two logins, apart', async () => {
    const accounts = [
      secretAccounts.technicalPassword('https://api.piste.gouv.fr', 'TECH_1@cpro.fr'),
      secretAccounts.technicalPassword('https://sandbox-api.piste.gouv.fr', 'TECH_1@cpro.fr'),
      secretAccounts.technicalPassword('https://api.piste.gouv.fr', 'TECH_2@cpro.fr'),
      secretAccounts.clientSecret(
        { tokenUrl: 'https://oauth.piste.gouv.fr/api/oauth/token', apiBaseUrl: 'https://api.piste.gouv.fr' },
        'TECH_1@cpro.fr',
      ),
      secretAccounts.clientSecret(
        { tokenUrl: 'https://oauth.piste.gouv.fr/api/oauth/token', apiBaseUrl: 'https://sandbox-api.piste.gouv.fr' },
        'TECH_1@cpro.fr',
      ),
    ];
    expect(new Set(accounts).size).toBe(accounts.length);
    await Promise.all(accounts.map((account, index) => store.set(account, `secret-${index}`)));
    expect(await Promise.all(accounts.map((account) => store.get(account)))).toEqual([
      'secret-0',
      'secret-1',
      'secret-2',
      'secret-3',
      'secret-4',
    ]);
  });
});

describe('the command line’s keychain store', () => {
  it('reads each entry once per run, and the whole namespace in one call when it lists it; its own writes are read back', async () => {
    const runService = `Chorus Pro Echanges (test une lecture ${randomUUID()})`;
    const keychain = createKeytarSecretStore(runService);
    try {
      await keychain.set('mot-de-passe', 'avant');
      await keychain.set('secret-client', 'secret');
      const run = createCommandSecretStore(runService);
      expect(await run.get('mot-de-passe')).toBe('avant');
      // Changed behind the run's back: the run keeps what it read, and reads no entry twice.
      await keychain.set('mot-de-passe', 'changé ailleurs');
      expect(await run.get('mot-de-passe')).toBe('avant');
      // One listing reads every entry: later reads come from it.
      expect((await run.list?.())?.sort()).toEqual(['mot-de-passe', 'secret-client']);
      await keychain.delete('secret-client');
      expect(await run.get('secret-client')).toBe('secret');
      // What the run writes or removes goes to the keychain and to what it reads next.
      await run.set('mot-de-passe', 'nouveau');
      expect(await run.get('mot-de-passe')).toBe('nouveau');
      expect(await keychain.get('mot-de-passe')).toBe('nouveau');
      expect(await run.delete('mot-de-passe')).toBe(true);
      expect(await run.get('mot-de-passe')).toBeUndefined();
      expect(await keychain.get('mot-de-passe')).toBeUndefined();
    } finally {
      await clearKeychainService(runService);
    }
  });
});
