import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterAll, describe, expect, it } from 'vitest';
import { createHttpTransport } from '../chorus/http-transport';
import { AppError } from '../errors';
import { createLogger } from '../logger';
import { clearKeychainService, createKeytarSecretStore } from '../secrets/keytar-secret-store';
import { secretAccounts } from '../secrets/secret-store';
import { createCoreServices } from '../services';
import { fixedClock, openConfBackend, tempDir } from '../test-support/settings-fixture';
import { buildAccountsProfile, describeAccountsProfileChanges, importAccountsProfile, parseAccountsProfile } from './accounts-profile';

const services: string[] = [];
afterAll(() => Promise.all(services.map((service) => clearKeychainService(service))));

function workstation() {
  const keychainService = `Chorus Pro Echanges (test comptes ${randomUUID()})`;
  services.push(keychainService);
  const userDataDir = tempDir('chorus-comptes-');
  const core = createCoreServices({
    userDataDir,
    openSettingsBackend: openConfBackend,
    secrets: createKeytarSecretStore(keychainService),
    send: createHttpTransport(),
    clock: fixedClock('2026-11-28T08:00:00Z'),
    logger: createLogger(() => undefined),
  });
  return { ...core, userDataDir, keychainService, transfer: { settings: core.settings, secrets: core.secrets, userDataDir, logger: core.logger } };
}

const api = 'https://chorus.cdg22.example';
const token = 'https://oauth.cdg22.example/token';
const passphrase = 'centre de gestion des Côtes-d’Armor';

/** A centre de gestion: two communes, each with its technical account and password. */
async function centreDeGestion() {
  const source = workstation();
  source.settings.update({ environment: 'custom', apiBaseUrl: api, tokenUrl: token, login: 'TECH_1_plouer@cpro.fr', clientId: 'piste-cdg' });
  source.settings.accounts.rename('Compte principal', 'Commune de Plouër');
  source.settings.accounts.add('Commune de Tréméreuc');
  source.settings.forAccount('Commune de Tréméreuc').update({ environment: 'custom', apiBaseUrl: api, tokenUrl: token, login: 'TECH_1_tremereuc@cpro.fr', clientId: 'piste-cdg', alertDelayMonths: 6 });
  await source.secrets.set(secretAccounts.technicalPassword(api, 'TECH_1_plouer@cpro.fr'), 'mdp-plouer');
  await source.secrets.set(secretAccounts.technicalPassword(api, 'TECH_1_tremereuc@cpro.fr'), 'mdp-tremereuc');
  await source.secrets.set(secretAccounts.clientSecret({ tokenUrl: token, apiBaseUrl: api }, 'piste-cdg'), 'secret-cdg');
  return source;
}

const codeOf = (promise: Promise<unknown>) => promise.then(() => 'succeeded', (error: unknown) => (error instanceof AppError ? error.code : String(error)));

describe('a deployment profile of several accounts', () => {
  it('takes every account and its secrets to another workstation: existing ones updated by name, others added', async () => {
    const source = await centreDeGestion();
    const profile = parseAccountsProfile(JSON.parse(JSON.stringify(await buildAccountsProfile(source.settings.accounts.list(), source.secrets, passphrase))));
    expect(JSON.stringify(profile)).not.toContain('mdp-plouer');

    const target = workstation();
    target.settings.accounts.rename('Compte principal', 'Commune de Plouër');
    target.settings.update({ alertDelayMonths: 3 });
    expect(describeAccountsProfileChanges(target.settings.accounts.list(), profile).map((change) => change.setting)).toEqual(
      expect.arrayContaining(['« Commune de Plouër » — Lien URL', '« Commune de Plouër » — Alerte actualisation (mois)', '« Commune de Tréméreuc »']),
    );
    await importAccountsProfile(target.transfer, profile, passphrase);
    expect(target.settings.accounts.list().map((account) => [account.name, account.login, account.alertDelayMonths, account.passwordVerified])).toEqual([
      ['Commune de Plouër', 'TECH_1_plouer@cpro.fr', 12, false],
      ['Commune de Tréméreuc', 'TECH_1_tremereuc@cpro.fr', 6, false],
    ]);
    expect(await keytar.getPassword(target.keychainService, secretAccounts.technicalPassword(api, 'TECH_1_tremereuc@cpro.fr'))).toBe('mdp-tremereuc');
    expect(await keytar.getPassword(target.keychainService, secretAccounts.clientSecret({ tokenUrl: token, apiBaseUrl: api }, 'piste-cdg'))).toBe('secret-cdg');
  });

  it('is refused whole with a wrong passphrase, or when one of its accounts would repeat another one', async () => {
    const source = await centreDeGestion();
    const profile = await buildAccountsProfile(source.settings.accounts.list(), source.secrets, passphrase);
    const target = workstation();
    target.settings.update({ environment: 'custom', apiBaseUrl: api, tokenUrl: token, login: 'TECH_1_tremereuc@cpro.fr' });
    const before = readFileSync(join(target.userDataDir, 'config.json'), 'utf8');

    expect(await codeOf(importAccountsProfile(target.transfer, profile, 'pas la bonne phrase'))).toBe('PROFILE_REFUSED');
    // « Compte principal » here is Tréméreuc's account under another name: one Chorus Pro account, two dates.
    expect(await codeOf(importAccountsProfile(target.transfer, profile, passphrase))).toBe('INVALID_INPUT');
    expect(readFileSync(join(target.userDataDir, 'config.json'), 'utf8')).toBe(before);
    expect(await keytar.findCredentials(target.keychainService)).toEqual([]);
  });

  it('without a passphrase carries the settings only, and still imports', async () => {
    const source = await centreDeGestion();
    const profile = await buildAccountsProfile(source.settings.accounts.list(), source.secrets);
    expect(profile).not.toHaveProperty('secrets');
    const target = workstation();
    await importAccountsProfile(target.transfer, profile);
    expect(target.settings.accounts.list().map((account) => account.name)).toEqual(['Compte principal', 'Commune de Plouër', 'Commune de Tréméreuc']);
    expect(await keytar.findCredentials(target.keychainService)).toEqual([]);
  });
});
