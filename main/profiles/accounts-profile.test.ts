import { randomUUID, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterAll, describe, expect, it } from 'vitest';
import { createHttpTransport } from '../chorus/http-transport';
import { AppError } from '../failures/errors';
import { createLogger } from '../logging/logger';
import { clearKeychainService, createKeytarSecretStore } from '../secrets/keytar-secret-store';
import { secretAccounts } from '../secrets/secret-store';
import { createCoreServices } from '../services';
import { selectedServices } from '../../test/support/selected-account';
import { fixedClock, openConfBackend } from '../../test/support/settings-fixture';
import { tempDir } from '../../test/support/temp-dirs';
import {
  buildAccountsProfile,
  describeAccountsProfileChanges,
  importAccountsProfile,
  parseAccountsProfile,
} from './accounts-profile';
import { parseSingleProfile } from './deployment-profile';
import { importProfile } from './profile-transfer';

const services: string[] = [];
afterAll(() => Promise.all(services.map((service) => clearKeychainService(service))));

function workstation() {
  const keychainService = `Chorus Pro Echanges (test comptes ${randomUUID()})`;
  services.push(keychainService);
  const userDataDir = tempDir('chorus-comptes-');
  const core = selectedServices(
    createCoreServices({
      userDataDir,
      openSettingsBackend: openConfBackend,
      secrets: createKeytarSecretStore(keychainService),
      send: createHttpTransport(),
      clock: fixedClock('2026-11-28T08:00:00Z'),
      logger: createLogger(() => undefined),
    }),
  );
  return {
    ...core,
    userDataDir,
    keychainService,
    transfer: {
      workstation: core.workstation,
      settings: core.settings,
      secrets: core.secrets,
      userDataDir,
      logger: core.logger,
    },
  };
}

const api = 'https://chorus.cdg22.example';
const token = 'https://oauth.cdg22.example/token';
const passphrase = 'centre de gestion des Côtes-d’Armor';

/** A centre de gestion: two communes, each with its technical account and password. */
async function centreDeGestion() {
  const source = workstation();
  source.settings.update({
    environment: 'custom',
    apiBaseUrl: api,
    tokenUrl: token,
    login: 'TECH_1_plouer@cpro.fr',
    clientId: 'piste-cdg',
  });
  source.settings.accounts.rename('Compte principal', 'Commune de Plouër');
  source.settings.accounts.add('Commune de Tréméreuc');
  source.settings.forAccount('Commune de Tréméreuc').update({
    environment: 'custom',
    apiBaseUrl: api,
    tokenUrl: token,
    login: 'TECH_1_tremereuc@cpro.fr',
    clientId: 'piste-cdg',
    alertDelayMonths: 6,
  });
  await source.secrets.set(secretAccounts.technicalPassword(api, 'TECH_1_plouer@cpro.fr'), 'mdp-plouer');
  await source.secrets.set(secretAccounts.technicalPassword(api, 'TECH_1_tremereuc@cpro.fr'), 'mdp-tremereuc');
  await source.secrets.set(
    secretAccounts.clientSecret({ tokenUrl: token, apiBaseUrl: api }, 'piste-cdg'),
    'secret-cdg',
  );
  return source;
}

const fingerprint = (pem: string): string => new X509Certificate(pem).fingerprint256;
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'succeeded',
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );

describe('a deployment profile of several accounts', () => {
  it('takes every account and its secrets to another workstation: existing ones updated by name, others added', async () => {
    const source = await centreDeGestion();
    const profile = parseAccountsProfile(
      JSON.parse(
        JSON.stringify(await buildAccountsProfile(source.settings.accounts.list(), source.secrets, passphrase)),
      ),
    );
    expect(JSON.stringify(profile)).not.toContain('mdp-plouer');

    const target = workstation();
    target.settings.accounts.rename('Compte principal', 'Commune de Plouër');
    target.settings.update({ alertDelayMonths: 3 });
    expect(
      describeAccountsProfileChanges(target.settings.accounts.list(), profile).map((change) => change.setting),
    ).toEqual(
      expect.arrayContaining([
        '« Commune de Plouër » — Lien URL',
        '« Commune de Plouër » — Alerte actualisation (mois)',
        '« Commune de Tréméreuc »',
      ]),
    );
    await importAccountsProfile(target.transfer, profile, passphrase);
    expect(
      target.settings.accounts
        .list()
        .map((account) => [account.name, account.login, account.alertDelayMonths, account.passwordVerified]),
    ).toEqual([
      ['Commune de Plouër', 'TECH_1_plouer@cpro.fr', 12, false],
      ['Commune de Tréméreuc', 'TECH_1_tremereuc@cpro.fr', 6, false],
    ]);
    expect(
      await keytar.getPassword(
        target.keychainService,
        secretAccounts.technicalPassword(api, 'TECH_1_tremereuc@cpro.fr'),
      ),
    ).toBe('mdp-tremereuc');
    expect(
      await keytar.getPassword(
        target.keychainService,
        secretAccounts.clientSecret({ tokenUrl: token, apiBaseUrl: api }, 'piste-cdg'),
      ),
    ).toBe('secret-cdg');

    // Imported again once a test verified Plouër's password: the same password stays verified.
    target.settings.forAccount('Commune de Plouër').recordPasswordVerified();
    await importAccountsProfile(target.transfer, profile, passphrase);
    expect(target.settings.accounts.list().map((account) => [account.name, account.passwordVerified])).toEqual([
      ['Commune de Plouër', true],
      ['Commune de Tréméreuc', false],
    ]);
  });

  it('on a fresh workstation, replaces the empty « Compte principal » and selects an imported account', async () => {
    const source = await centreDeGestion();
    const profile = parseAccountsProfile(
      JSON.parse(
        JSON.stringify(await buildAccountsProfile(source.settings.accounts.list(), source.secrets, passphrase)),
      ),
    );
    const fresh = workstation();
    await importAccountsProfile(fresh.transfer, profile, passphrase);
    expect(fresh.settings.accounts.list().map((account) => account.name)).toEqual([
      'Commune de Plouër',
      'Commune de Tréméreuc',
    ]);
    expect(fresh.settings.accounts.selected()).toBe('Commune de Plouër');
    expect(fresh.settings.read().login).toBe('TECH_1_plouer@cpro.fr');

    // A first account the user already changed stays, selected as it was.
    const used = workstation();
    used.settings.update({ alertDelayMonths: 6 });
    await importAccountsProfile(used.transfer, profile, passphrase);
    expect(used.settings.accounts.list().map((account) => account.name)).toEqual([
      'Compte principal',
      'Commune de Plouër',
      'Commune de Tréméreuc',
    ]);
    expect(used.settings.accounts.selected()).toBe('Compte principal');
  });

  it('is refused whole with a wrong passphrase, or when one of its accounts would repeat another one', async () => {
    const source = await centreDeGestion();
    const profile = await buildAccountsProfile(source.settings.accounts.list(), source.secrets, passphrase);
    const target = workstation();
    target.settings.update({
      environment: 'custom',
      apiBaseUrl: api,
      tokenUrl: token,
      login: 'TECH_1_tremereuc@cpro.fr',
    });
    const before = readFileSync(join(target.userDataDir, 'config.json'), 'utf8');

    expect(await codeOf(importAccountsProfile(target.transfer, profile, 'pas la bonne phrase'))).toBe(
      'PROFILE_REFUSED',
    );
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
    expect(target.settings.accounts.list().map((account) => account.name)).toEqual([
      'Commune de Plouër',
      'Commune de Tréméreuc',
    ]);
    expect(await keytar.findCredentials(target.keychainService)).toEqual([]);
  });

  it('never replaces the certificate another account trusts, even with a profile that is refused', async () => {
    const { generateCertificates } = await import('../../e2e/simulator/simulator');
    const [{ ca: first }, { ca: second }] = await Promise.all([
      generateCertificates(['a.example']),
      generateCertificates(['b.example']),
    ]);
    const target = workstation();
    const profileFor = (login: string, pem: string) =>
      parseSingleProfile({
        profileVersion: 1,
        environment: 'custom',
        apiBaseUrl: api,
        tokenUrl: token,
        login,
        alertDelayMonths: 12,
        timeoutSeconds: 30,
        caCertificatePem: pem,
      });
    await importProfile(target.transfer, profileFor('TECH_1_plouer@cpro.fr', first.cert));
    const trusted = target.settings.read().caCertificatePath ?? '';
    expect(fingerprint(readFileSync(trusted, 'utf8'))).toBe(fingerprint(first.cert));

    target.settings.accounts.add('Commune B');
    const other = { ...target.transfer, settings: target.settings.forAccount('Commune B') };
    await importProfile(other, profileFor('TECH_1_b@cpro.fr', second.cert));
    // Refused (the same Chorus Pro account as « Compte principal »), and nothing written for it.
    expect(await codeOf(importProfile(other, profileFor('TECH_1_plouer@cpro.fr', second.cert)))).toBe('INVALID_INPUT');
    expect(fingerprint(readFileSync(trusted, 'utf8'))).toBe(fingerprint(first.cert));
    expect(target.settings.read().caCertificatePath).toBe(trusted);
    expect(fingerprint(readFileSync(other.settings.read().caCertificatePath ?? '', 'utf8'))).toBe(
      fingerprint(second.cert),
    );
  });
});
