import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFixture } from '../../e2e/simulator/fixture';
import { startSimulator, type Simulator } from '../../e2e/simulator/simulator';
import { clearKeychainService } from '../secrets/keytar-secret-store';
import { runCliProcess } from '../../test/support/cli-process';
import { closedAfterEachTest } from '../../test/support/closed-after-each';
import { demoAccount } from '../../test/support/core-fixture';
import { tempDir } from '../../test/support/temp-dirs';

// What a script reads with --json when Chorus Pro or PISTE answers as they do on a bad day
// (docs/chorus-pro-api.md), against the simulator, through the real command line.

const keychainService = `Chorus Pro Echanges (test réponses ${randomUUID()})`;
const cli = (args: readonly string[], stdin?: string) =>
  runCliProcess(args, keychainService, stdin === undefined ? {} : { stdin });

const closedAfterTest = closedAfterEachTest((running: Simulator) => running.close());
const simulator = async (): Promise<Simulator> => closedAfterTest(await startSimulator({ fixture: loadFixture() }));
afterAll(async () => {
  await clearKeychainService(keychainService);
});

interface Account {
  readonly login: string;
  readonly password: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly name?: string;
}

/** One account configured on the simulator; its password kept without checking it. */
async function configure(chorus: Simulator, dir: string, account: Account): Promise<void> {
  const named = account.name === undefined ? [] : ['--account', account.name];
  if (account.name !== undefined)
    expect((await cli(['accounts', 'add', account.name, '--user-data-dir', dir])).status).toBe(0);
  const where = ['--user-data-dir', dir, ...named];
  const clientId = account.clientId ?? demoAccount.clientId;
  expect(
    (
      await cli([
        'configure',
        '--url',
        chorus.url,
        '--token-url',
        chorus.tokenUrl,
        '--login',
        account.login,
        '--client-id',
        clientId,
        ...where,
      ])
    ).status,
  ).toBe(0);
  expect(
    (
      await cli(
        ['set-client-secret', '--client-secret-stdin', ...where],
        account.clientSecret ?? demoAccount.clientSecret,
      )
    ).status,
  ).toBe(0);
  expect((await cli(['set-password', '--password-stdin', '--no-verify', ...where], account.password)).status).toBe(0);
}

async function testJson(account: Account, prepare: (chorus: Simulator) => void = () => undefined) {
  const chorus = await simulator();
  const dir = tempDir('chorus-reponses-');
  await configure(chorus, dir, account);
  prepare(chorus);
  return cli(['test', '--json', '--user-data-dir', dir]);
}

describe('test --json on the real service’s bad days', () => {
  it('API_NOT_SUBSCRIBED naming the Utilisateurs API', async () => {
    const run = await testJson({
      ...demoAccount,
      clientId: 'sans-utilisateurs-client-id',
      clientSecret: 'sans-utilisateurs-client-secret',
    });
    expect(run.status).toBe(1);
    expect(run.json).toMatchObject({
      ok: false,
      code: 'API_NOT_SUBSCRIBED',
      message: expect.stringContaining('API « Utilisateurs » non souscrite') as string,
    });
  });

  it('RATE_LIMITED with the seconds in the message and retryAfterSeconds', async () => {
    const run = await testJson(demoAccount, (chorus) => chorus.throttleFor(7));
    expect(run.status).toBe(1);
    expect(run.json).toMatchObject({
      ok: false,
      code: 'RATE_LIMITED',
      retryAfterSeconds: 7,
      message: expect.stringContaining('réessayez dans 7 secondes') as string,
    });
  });

  it('OAUTH_UNAVAILABLE, saying indisponible, when the token endpoint is down', async () => {
    const run = await testJson(demoAccount, (chorus) => chorus.failTokenNext(503));
    expect(run.status).toBe(1);
    expect(run.json).toMatchObject({
      ok: false,
      code: 'OAUTH_UNAVAILABLE',
      message: expect.stringContaining('indisponible') as string,
    });
    expect(run.json.message).toContain('ni configure, ni set-client-secret');
  });

  it('ACCOUNT_INACTIVE for a technical user Chorus Pro no longer holds active', async () => {
    const run = await testJson({ login: 'TECH_4_inactif@cpro.fr', password: 'Compte-Inactif-2026' });
    expect(run.status).toBe(1);
    expect(run.json).toMatchObject({
      ok: false,
      code: 'ACCOUNT_INACTIVE',
      message: expect.stringContaining('gestionnaire principal') as string,
    });
  });
});

describe('set-password when Chorus Pro cannot check the password', () => {
  it('PISTE down: says so, keeps nothing, and offers --no-verify', async () => {
    const chorus = await simulator();
    const dir = tempDir('chorus-reponses-');
    const where = ['--user-data-dir', dir];
    expect(
      (
        await cli([
          'configure',
          '--url',
          chorus.url,
          '--token-url',
          chorus.tokenUrl,
          '--login',
          demoAccount.login,
          '--client-id',
          demoAccount.clientId,
          ...where,
        ])
      ).status,
    ).toBe(0);
    expect((await cli(['set-client-secret', '--client-secret-stdin', ...where], demoAccount.clientSecret)).status).toBe(
      0,
    );
    chorus.failTokenNext(503);
    const run = await cli(['set-password', '--password-stdin', '--json', ...where], demoAccount.password);
    expect(run.status).toBe(1);
    expect(run.json).toMatchObject({
      code: 'OAUTH_UNAVAILABLE',
      message: expect.stringContaining('--no-verify') as string,
    });
    expect((await cli(['status', '--json', ...where])).json).toMatchObject({ secrets: { password: false } });
  });
});

describe('test --all and PISTE’s quota', () => {
  it('waits out a 429’s Retry-After before the next account, which then succeeds', async () => {
    const chorus = await simulator();
    const dir = tempDir('chorus-reponses-');
    await configure(chorus, dir, demoAccount);
    await configure(chorus, dir, {
      name: 'Commune de Tréméreuc',
      login: 'TECH_3_sans_structure@cpro.fr',
      password: 'Sans-Structure-2026',
    });
    chorus.throttleFor(2);
    const run = await cli(['test', '--all', '--json', '--user-data-dir', dir]);
    expect(run.json).toMatchObject({
      ok: false,
      results: [
        { account: 'Compte principal', ok: false, code: 'RATE_LIMITED', retryAfterSeconds: 2, waitedSeconds: 2 },
        { account: 'Commune de Tréméreuc', ok: true, structureCount: 0 },
      ],
    });
    chorus.throttleFor(1);
    const human = await cli(['test', '--all', '--user-data-dir', dir]);
    expect(human.stdout).toContain('pause de 1 s avant le compte suivant, comme demandé par PISTE');
    expect(human.stdout).toContain('OK      Commune de Tréméreuc');
  });

  it('sends a refused password once, though the second account finds the shared client’s token in memory', async () => {
    const chorus = await simulator();
    const dir = tempDir('chorus-reponses-');
    await configure(chorus, dir, demoAccount);
    await configure(chorus, dir, {
      name: 'SIVOM de la Rance',
      login: 'TECH_3_sans_structure@cpro.fr',
      password: 'pas-le-bon',
    });
    const run = await cli(['test', '--all', '--json', '--user-data-dir', dir]);
    expect(run.json).toMatchObject({
      results: [{ ok: true }, { account: 'SIVOM de la Rance', ok: false, code: 'AUTH_REJECTED' }],
    });
    expect(chorus.requestCounts.get('/api/oauth/token')).toBe(1);
    expect(chorus.passwordChecks.get('TECH_3_sans_structure@cpro.fr')).toBe(1);
  });
});

describe('the expiry date of several structures', () => {
  it('status names the structure whose date is the earliest, for a person and with --json', async () => {
    const chorus = await simulator();
    const dir = tempDir('chorus-reponses-');
    const where = ['--user-data-dir', dir];
    expect(
      (
        await cli([
          'configure',
          '--url',
          chorus.url,
          '--token-url',
          chorus.tokenUrl,
          '--login',
          'TECH_6_plusieurs_dates@cpro.fr',
          '--client-id',
          demoAccount.clientId,
          ...where,
        ])
      ).status,
    ).toBe(0);
    expect((await cli(['set-client-secret', '--client-secret-stdin', ...where], demoAccount.clientSecret)).status).toBe(
      0,
    );
    // Checked by Chorus Pro: the password's day is known, so the reminder is.
    expect((await cli(['set-password', '--password-stdin', ...where], 'Plusieurs-Dates-2026')).status).toBe(0);
    expect((await cli(['test', ...where])).status).toBe(0);
    const status = await cli(['status', '--json', ...where]);
    expect(status.json).toMatchObject({
      reminder: { expiresOn: '2027-05-31', source: 'chorus-pro', expiryStructure: 'SIVU DES ECOLES DE BOURG-SUR-DEMO' },
    });
    const human = await cli(['status', ...where]);
    expect(human.stdout).toContain('Expiration du mot de passe : 31/05/2027 (date communiquée par Chorus Pro)');
    expect(human.stdout).toContain(
      'Date lue sur la structure « SIVU DES ECOLES DE BOURG-SUR-DEMO » : la plus proche parmi les structures rattachées.',
    );
  });
});

describe('the decommissioned *.aife.economie.gouv.fr hosts', () => {
  it('refused on the command line (exit 2, nothing saved) and in a profile (PROFILE_REFUSED), naming the PISTE pair', async () => {
    const dir = tempDir('chorus-reponses-');
    const configureOld = await cli([
      'configure',
      '--url',
      'https://chorus-pro.aife.economie.gouv.fr',
      '--token-url',
      'https://oauth.aife.economie.gouv.fr/api/oauth/token',
      '--json',
      '--user-data-dir',
      dir,
    ]);
    expect(configureOld.status).toBe(2);
    expect(configureOld.json).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining(
        'Lien URL https://api.piste.gouv.fr et URL du jeton https://oauth.piste.gouv.fr/api/oauth/token',
      ) as string,
    });
    const status = await cli(['status', '--json', '--user-data-dir', dir]);
    expect(status.json).toMatchObject({ settings: { apiBaseUrl: 'https://api.piste.gouv.fr' } });

    const testOld = await cli([
      'test',
      '--url',
      'https://chorus-pro.aife.economie.gouv.fr',
      '--json',
      '--user-data-dir',
      dir,
    ]);
    expect(testOld.status).toBe(2);

    const profile = join(dir, 'ancien-profil.json');
    writeFileSync(
      profile,
      JSON.stringify({
        profileVersion: 1,
        environment: 'custom',
        apiBaseUrl: 'https://chorus-pro.aife.economie.gouv.fr',
        tokenUrl: 'https://oauth.aife.economie.gouv.fr/api/oauth/token',
        alertDelayMonths: 12,
        timeoutSeconds: 30,
      }),
    );
    const before = readFileSync(join(dir, 'config.json'), 'utf8');
    const imported = await cli(['import-profile', profile, '--json', '--user-data-dir', dir]);
    expect(imported.status).toBe(2);
    expect(imported.json).toMatchObject({
      code: 'PROFILE_REFUSED',
      message: expect.stringContaining('https://sandbox-api.piste.gouv.fr') as string,
    });
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(before);
  });
});
