import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterAll, describe, expect, it } from 'vitest';
import { createHttpTransport } from '../chorus/http-transport';
import { AppError } from '../failures/errors';
import { createLogger, type LogLine } from '../logging/logger';
import { clearKeychainService, createKeytarSecretStore } from '../secrets/keytar-secret-store';
import { secretAccounts, type SecretStore } from '../secrets/secret-store';
import { createCoreServices } from '../services';
import { selectedServices } from '../../test/support/selected-account';
import { closedAfterEachTest } from '../../test/support/closed-after-each';
import { configuredServices, demoAccount, type CoreFixture } from '../../test/support/core-fixture';
import { fixedClock, openConfBackend } from '../../test/support/settings-fixture';
import { simulatorForTheFile } from '../../test/support/simulator-for-file';
import { tempDir } from '../../test/support/temp-dirs';
import { readProfile } from './deployment-profile';
import { buildProfile, importProfile, importProfileSecrets } from './profile-transfer';

const passphrase = 'trois communes, une phrase secrète';
const simulator = simulatorForTheFile();
const disposedAfterTest = closedAfterEachTest((fixture: CoreFixture) => fixture.dispose());
const services: string[] = [];

afterAll(async () => {
  await Promise.all(services.map((service) => clearKeychainService(service)));
});

/** Another workstation: a fresh profile folder and keychain namespace, the real services. */
function workstation(options: { secrets?: (real: SecretStore) => SecretStore; machineProfilePath?: string } = {}) {
  const keychainService = `Chorus Pro Echanges (test transfert ${randomUUID()})`;
  services.push(keychainService);
  const userDataDir = tempDir('chorus-transfer-');
  const logLines: LogLine[] = [];
  const real = createKeytarSecretStore(keychainService);
  const core = selectedServices(
    createCoreServices({
      userDataDir,
      openSettingsBackend: openConfBackend,
      secrets: options.secrets ? options.secrets(real) : real,
      send: createHttpTransport(),
      clock: fixedClock('2026-11-28T08:00:00Z'),
      logger: createLogger((line) => logLines.push(line)),
      ...(options.machineProfilePath ? { machineProfilePath: options.machineProfilePath } : {}),
    }),
  );
  return {
    ...core,
    userDataDir,
    keychainService,
    logLines,
    transfer: {
      workstation: core.workstation,
      settings: core.settings,
      secrets: core.secrets,
      userDataDir,
      logger: core.logger,
    },
  };
}

async function source(): Promise<CoreFixture> {
  const fixture = disposedAfterTest(await configuredServices(simulator()));
  fixture.services.settings.recordPasswordUpdate(new Date('2026-06-15T10:00:00Z'), true);
  return fixture;
}

async function exportedFile(fixture: CoreFixture, secret = passphrase): Promise<string> {
  const file = join(tempDir('chorus-transfer-'), 'profil.json');
  writeFileSync(
    file,
    JSON.stringify(await buildProfile(fixture.services.settings.read(), fixture.secrets, secret), null, 2),
  );
  return file;
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'succeeded',
    (error: unknown) => (error instanceof AppError ? error.code : `not an AppError: ${String(error)}`),
  );

describe('a deployment profile that carries the secrets', () => {
  it('takes them to another workstation, not yet verified, dated as on the first; the first test there verifies them', async () => {
    const file = await exportedFile(await source());
    const profile = readProfile(file);
    expect(profile.profileVersion).toBe(2);

    const target = workstation();
    await importProfile(target.transfer, profile, passphrase);
    const settings = target.settings.read();
    expect(settings).toMatchObject({
      login: demoAccount.login,
      apiBaseUrl: simulator().url,
      passwordVerified: false,
      passwordUpdatedAt: '2026-06-15T10:00:00.000Z',
    });
    expect(await target.secrets.get(secretAccounts.technicalPassword(simulator().url, demoAccount.login))).toBe(
      demoAccount.password,
    );
    expect(
      await target.secrets.get(
        secretAccounts.clientSecret(
          { tokenUrl: simulator().tokenUrl, apiBaseUrl: simulator().url },
          demoAccount.clientId,
        ),
      ),
    ).toBe(demoAccount.clientSecret);
    expect(target.logLines).toContainEqual(
      expect.objectContaining({
        event: 'profile.secrets-imported',
        fields: { account: 'Compte principal', password: true, passwordVerified: false },
      }),
    );

    await expect(target.connection.testConnection(target.settings.read())).resolves.toMatchObject({
      structureCount: 3,
    });
    expect(target.settings.read().passwordVerified).toBe(true);
    expect(target.logLines.map((line) => line.event)).toContain('password.verified');
  });

  it('imported again after a successful test, keeps the verified state and Chorus Pro’s expiry; another password never moves that expiry later', async () => {
    const first = await source();
    const file = await exportedFile(first);
    const target = workstation();
    await importProfile(target.transfer, readProfile(file), passphrase);
    await target.connection.testConnection(target.settings.read());
    expect(target.settings.read()).toMatchObject({ passwordVerified: true, chorusPasswordExpiresOn: '2027-09-30' });

    await importProfile(target.transfer, readProfile(file), passphrase);
    expect(target.settings.read()).toMatchObject({
      passwordVerified: true,
      chorusPasswordExpiresOn: '2027-09-30',
      passwordUpdatedAt: '2026-06-15T10:00:00.000Z',
    });
    expect(target.currentReminder()).toMatchObject({ expiresOn: '2027-09-30', source: 'chorus-pro' });

    // Another password for the same account, dated later: its estimate (+424 days) would fall after
    // Chorus Pro's date; the reminder keeps to the earlier one.
    await first.secrets.set(
      secretAccounts.technicalPassword(simulator().url, demoAccount.login),
      'un autre mot de passe',
    );
    first.services.settings.recordPasswordUpdate(new Date('2026-11-20T10:00:00Z'), false);
    await importProfile(target.transfer, readProfile(await exportedFile(first)), passphrase);
    expect(target.settings.read()).toMatchObject({
      passwordVerified: false,
      passwordUpdatedAt: '2026-11-20T10:00:00.000Z',
    });
    expect(target.currentReminder()).toMatchObject({ expiresOn: '2027-09-30' });
  });

  it('holds the secrets only inside the age block: never in clear, never in base64', async () => {
    const fixture = await source();
    const canary = `Canari-${randomUUID()}`;
    await fixture.secrets.set(fixture.passwordAccount, canary);
    const text = readFileSync(await exportedFile(fixture), 'utf8');
    for (const needle of [
      canary,
      demoAccount.clientSecret,
      Buffer.from(canary).toString('base64'),
      Buffer.from(`${demoAccount.login}:${canary}`).toString('base64'),
      passphrase,
    ]) {
      expect(text).not.toContain(needle);
    }
    expect(text).toMatch(/-----BEGIN AGE ENCRYPTED FILE-----/);
  });

  it('opens with the standard age tool and the passphrase, for an IT department that checks it', async () => {
    const profile = readProfile(await exportedFile(await source()));
    if (profile.profileVersion !== 2) throw new Error('expected a version 2 profile');
    const armored = join(tempDir('chorus-transfer-'), 'secrets.age');
    writeFileSync(armored, profile.secrets);
    // age reads a passphrase from its terminal only: script(1) gives it one.
    const output = execFileSync('script', ['-qec', `age -d ${armored}`, '/dev/null'], {
      input: `${passphrase}\n`,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(output).toContain(`"password":"${demoAccount.password}"`);
    expect(output).toContain(`"clientSecret":"${demoAccount.clientSecret}"`);
  });

  /** A change to the secrets block, inside its armored base64 (lines of 64 characters). */
  const alterSecrets = (change: (lines: string[]) => string[]) => (profile: Record<string, unknown>) => {
    const lines = String(profile.secrets).split('\n');
    return { ...profile, secrets: change(lines).join('\n') };
  };
  const flip = (char: string) => (char === 'A' ? 'B' : 'A');

  it.each([
    ['a wrong passphrase', (profile: Record<string, unknown>) => profile, 'une autre phrase secrète'],
    ['a truncated secrets block', alterSecrets((lines) => [...lines.slice(0, 3), lines.at(-1) ?? '']), passphrase],
    [
      'an altered byte in the secrets block',
      alterSecrets((lines) =>
        lines.map((line, index) =>
          index === 4 ? `${line.slice(0, 10)}${flip(line[10] ?? '')}${line.slice(11)}` : line,
        ),
      ),
      passphrase,
    ],
    [
      'the login changed in clear',
      (profile: Record<string, unknown>) => ({ ...profile, login: 'TECH_9_autre@cpro.fr' }),
      passphrase,
    ],
    [
      'the address changed in clear',
      (profile: Record<string, unknown>) => ({ ...profile, apiBaseUrl: 'https://chorus.attaquant.example' }),
      passphrase,
    ],
    [
      'a proxy added in clear',
      (profile: Record<string, unknown>) => ({ ...profile, proxyUrl: 'http://proxy.attaquant.example:3128' }),
      passphrase,
    ],
  ])('with %s is refused whole: settings and keychain untouched', async (_case, alter, given) => {
    const file = await exportedFile(await source());
    const exported = readFileSync(file, 'utf8');
    writeFileSync(file, JSON.stringify(alter(JSON.parse(exported) as Record<string, unknown>), null, 2));
    if (given === passphrase) expect(readFileSync(file, 'utf8')).not.toBe(exported);
    const target = workstation();
    target.settings.update({ login: 'TECH_1_inchange@cpro.fr', alertDelayMonths: 7 });
    const settingsFile = join(target.userDataDir, 'config.json');
    const before = readFileSync(settingsFile, 'utf8');

    expect(await codeOf((async () => importProfile(target.transfer, readProfile(file), given))())).toBe(
      'PROFILE_REFUSED',
    );
    expect(readFileSync(settingsFile, 'utf8')).toBe(before);
    expect(await keytar.findCredentials(target.keychainService)).toEqual([]);
  });

  it('says what is wrong with a wrong passphrase, in French, and never the library’s words', async () => {
    const file = await exportedFile(await source());
    const error = await importProfile(workstation().transfer, readProfile(file), 'pas la bonne phrase').catch(
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as Error).message).toContain('phrase secrète incorrecte');
    expect((error as Error).message).not.toMatch(/identity|recipient/i);
  });

  it('is refused without its passphrase, and a passphrase under 12 characters is refused at export', async () => {
    const fixture = await source();
    expect(await codeOf(buildProfile(fixture.services.settings.read(), fixture.secrets, 'trop courte'))).toBe(
      'INVALID_INPUT',
    );
    const file = await exportedFile(fixture);
    expect(await codeOf(importProfile(workstation().transfer, readProfile(file)))).toBe('PROFILE_REFUSED');
  });

  it('puts every keychain entry back when the keychain fails half-way through the import', async () => {
    const file = await exportedFile(await source());
    let writes = 0;
    const target = workstation({
      // The real keychain, failing on its second write: a keychain full or locked mid-import.
      secrets: (real) => ({
        ...real,
        set: (account, secret) =>
          ++writes === 2 ? Promise.reject(new AppError('KEYCHAIN_UNAVAILABLE')) : real.set(account, secret),
      }),
    });
    const passwordAccount = secretAccounts.technicalPassword(simulator().url, demoAccount.login);
    await keytar.setPassword(target.keychainService, passwordAccount, 'ancien-mot-de-passe');
    writes = 0;
    expect(await codeOf(importProfile(target.transfer, readProfile(file), passphrase))).toBe('KEYCHAIN_UNAVAILABLE');
    expect(await keytar.getPassword(target.keychainService, passwordAccount)).toBe('ancien-mot-de-passe');
    expect(
      await keytar.getPassword(
        target.keychainService,
        secretAccounts.clientSecret(
          { tokenUrl: simulator().tokenUrl, apiBaseUrl: simulator().url },
          demoAccount.clientId,
        ),
      ),
    ).toBeNull();
    expect(target.settings.read().login).toBeUndefined();
  });

  it('as the machine-wide profile: settings at first start, secrets only once the passphrase is given', async () => {
    const file = await exportedFile(await source());
    const target = workstation({ machineProfilePath: file });
    expect(target.settings.read()).toMatchObject({ login: demoAccount.login });
    expect(target.settings.machineProfileSecretsPending()).toBe(true);
    expect(await keytar.findCredentials(target.keychainService)).toEqual([]);

    expect(await codeOf(importProfileSecrets(target.transfer, readProfile(file), 'pas la bonne phrase'))).toBe(
      'PROFILE_REFUSED',
    );
    expect(target.settings.machineProfileSecretsPending()).toBe(true);
    await importProfileSecrets(target.transfer, readProfile(file), passphrase);
    expect(await target.secrets.get(secretAccounts.technicalPassword(simulator().url, demoAccount.login))).toBe(
      demoAccount.password,
    );
    expect(target.settings.read()).toMatchObject({
      passwordVerified: false,
      passwordUpdatedAt: '2026-06-15T10:00:00.000Z',
    });
    expect(target.settings.machineProfileSecretsPending()).toBe(false);
  });

  it('without a passphrase is a settings-only profile (version 1), which still imports', async () => {
    const fixture = await source();
    const profile = await buildProfile(fixture.services.settings.read(), fixture.secrets);
    expect(profile).toMatchObject({ profileVersion: 1, login: demoAccount.login });
    expect(profile).not.toHaveProperty('secrets');
    const target = workstation();
    await importProfile(target.transfer, profile);
    expect(target.settings.read()).toMatchObject({ login: demoAccount.login });
    expect(target.settings.read()).not.toHaveProperty('passwordVerified');
    expect(existsSync(join(target.userDataDir, 'config.json'))).toBe(true);
  });
});
