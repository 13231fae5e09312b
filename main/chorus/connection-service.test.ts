import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixture } from '../../e2e/simulator/fixture';
import { generateCertificates, startSimulator, type Simulator } from '../../e2e/simulator/simulator';
import { AppError } from '../failures/errors';
import { secretAccounts } from '../secrets/secret-store';
import { closedAfterEachTest } from '../../test/support/closed-after-each';
import { configuredServices, demoAccount, type CoreFixture } from '../../test/support/core-fixture';
import { startConnectProxy } from '../../test/support/loopback-servers';
import { simulatorForTheFile } from '../../test/support/simulator-for-file';
import { tempDir } from '../../test/support/temp-dirs';
import { proxyAccount } from '../secrets/secret-store';

const http = simulatorForTheFile();
let https: Simulator;
const disposedAfterTest = closedAfterEachTest((fixture: CoreFixture) => fixture.dispose());
const closedAfterTest = closedAfterEachTest((simulator: Simulator) => simulator.close());
const setUp = async (simulator: Simulator, storePassword = true) =>
  disposedAfterTest(await configuredServices(simulator, { storePassword }));
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => ({ code: 'succeeded', message: '' }),
    (error: unknown) =>
      error instanceof AppError
        ? { code: error.code, message: error.message }
        : { code: 'not an AppError', message: '' },
  );

beforeAll(async () => {
  https = await startSimulator({
    fixture: loadFixture(),
    tls: true,
    certificateNames: ['localhost', 'chorus-simule.test'],
  });
});
afterAll(async () => {
  await https.close();
});

describe('the connection service', () => {
  it('reads the secrets from the keychain at the moment of use', async () => {
    const fixture = await setUp(http());
    const { connection, settings } = fixture.services;
    await expect(connection.testConnection(settings.read())).resolves.toMatchObject({ structureCount: 3 });
    await fixture.secrets.set(fixture.passwordAccount, 'changé-entre-deux');
    expect((await failureOf(connection.testConnection(settings.read()))).code).toBe('AUTH_REJECTED');
  });

  it('keeps the password expiry Chorus Pro reports after a successful test', async () => {
    // Chorus Pro gives a new password here: a simulator of this test's own.
    const chorusPro = closedAfterTest(await startSimulator({ fixture: loadFixture() }));
    const fixture = await setUp(chorusPro);
    const { connection, settings } = fixture.services;
    await connection.testConnection(settings.read());
    expect(settings.read().chorusPasswordExpiresOn).toBe('2027-09-30');
    expect(fixture.services.currentReminder()).toMatchObject({ known: false });
    await fixture.services.renewPassword({
      password: chorusPro.resetPassword(demoAccount.login),
      verify: true,
      surroundingSpacesConfirmed: false,
    });
    expect(settings.read()).not.toHaveProperty('chorusPasswordExpiresOn');
    await connection.testConnection(settings.read(), { recordExpiry: false });
    expect(settings.read()).not.toHaveProperty('chorusPasswordExpiresOn');
    await connection.testConnection(settings.read());
    expect(fixture.services.currentReminder()).toMatchObject({
      known: true,
      expiresOn: '2027-09-30',
      source: 'chorus-pro',
    });
  });

  it('MISSING_SECRET names the secret that is not stored', async () => {
    const fixture = await setUp(http(), false);
    const noPassword = await failureOf(fixture.services.connection.testConnection(fixture.services.settings.read()));
    expect(noPassword.code).toBe('MISSING_SECRET');
    expect(noPassword.message).toContain('mot de passe du compte technique');

    await fixture.secrets.set(fixture.passwordAccount, demoAccount.password);
    await fixture.secrets.delete(
      secretAccounts.clientSecret({ tokenUrl: http().tokenUrl, apiBaseUrl: http().url }, demoAccount.clientId),
    );
    const noClientSecret = await failureOf(
      fixture.services.connection.testConnection(fixture.services.settings.read()),
    );
    expect(noClientSecret).toMatchObject({
      code: 'MISSING_SECRET',
      message: expect.stringContaining('secret client PISTE') as string,
    });
  });

  it('INVALID_INPUT when the login or the PISTE client id is not filled in', async () => {
    const fixture = await setUp(http());
    const settings = fixture.services.settings.read();
    expect((await failureOf(fixture.services.connection.testConnection({ ...settings, login: undefined }))).code).toBe(
      'INVALID_INPUT',
    );
    expect(
      (await failureOf(fixture.services.connection.testConnection({ ...settings, clientId: undefined }))).message,
    ).toContain('Identifiant client PISTE');
  });

  it('trusts the extra authority given as a PEM file, and refuses a file that is not one', async () => {
    const fixture = await setUp(https);
    const { connection, settings } = fixture.services;
    // A client secret serves the route it was stored for: stored again for each authority chosen.
    const chooseCa = async (path: string) => {
      settings.update({ caCertificatePath: path });
      await fixture.secrets.set(
        secretAccounts.clientSecret(settings.read(), demoAccount.clientId),
        demoAccount.clientSecret,
      );
    };
    expect((await failureOf(connection.testConnection(settings.read()))).code).toBe('TLS_UNTRUSTED');

    const folder = tempDir('chorus-ca-');
    writeFileSync(join(folder, 'autorite.pem'), https.caPem!);
    writeFileSync(join(folder, 'pas-un-certificat.pem'), 'bonjour');
    await chooseCa(join(folder, 'autorite.pem'));
    await expect(connection.testConnection(settings.read())).resolves.toMatchObject({ structureCount: 3 });

    await chooseCa(join(folder, 'pas-un-certificat.pem'));
    expect(await failureOf(connection.testConnection(settings.read()))).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining("n'est pas un certificat") as string,
    });
    // Node would read the first certificate and ignore what follows it: the whole file is refused.
    const { ca: other } = await generateCertificates(['autre.test']);
    writeFileSync(join(folder, 'avec-cle.pem'), `${https.caPem!}\n${other.key}`);
    await chooseCa(join(folder, 'avec-cle.pem'));
    expect(await failureOf(connection.testConnection(settings.read()))).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('clé privée') as string,
    });
    await chooseCa(join(folder, 'absent.pem'));
    expect(await failureOf(connection.testConnection(settings.read()))).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('illisible') as string,
    });
  });

  it('tunnels through the configured proxy with the password kept in the keychain', async () => {
    const port = new URL(https.url).port;
    const proxy = await startConnectProxy(Number(port), { credentials: 'agent-mairie:Proxy-Secret-1' });
    try {
      const remote = {
        apiBaseUrl: `https://chorus-simule.test:${port}`,
        tokenUrl: `https://chorus-simule.test:${port}/api/oauth/token`,
      };
      const fixture = await setUp(https);
      const folder = tempDir('chorus-ca-');
      writeFileSync(join(folder, 'autorite.pem'), https.caPem!);
      fixture.services.settings.update({
        ...remote,
        caCertificatePath: join(folder, 'autorite.pem'),
        proxyUrl: `http://agent-mairie@127.0.0.1:${proxy.port}`,
      });
      await fixture.secrets.set(
        secretAccounts.clientSecret(fixture.services.settings.read(), demoAccount.clientId),
        demoAccount.clientSecret,
      );
      await fixture.secrets.set(
        secretAccounts.technicalPassword(remote.apiBaseUrl, demoAccount.login),
        demoAccount.password,
      );

      expect((await failureOf(fixture.services.connection.testConnection(fixture.services.settings.read()))).code).toBe(
        'PROXY_FAILED',
      );
      await fixture.secrets.set(proxyAccount(new URL(`http://agent-mairie@127.0.0.1:${proxy.port}`)), 'Proxy-Secret-1');
      await expect(fixture.services.connection.testConnection(fixture.services.settings.read())).resolves.toMatchObject(
        { structureCount: 3 },
      );
      expect(proxy.requestedHosts.at(-1)).toBe(`chorus-simule.test:${port}`);
    } finally {
      await proxy.close();
    }
  });

  it('runs one connection test at a time: a second request gets the first one’s answer', async () => {
    const slow = await startSimulator({ fixture: loadFixture() });
    try {
      const fixture = await setUp(slow);
      slow.setDelay(300);
      const { connection, settings } = fixture.services;
      const [first, second] = await Promise.all([
        connection.testConnection(settings.read()),
        connection.testConnection(settings.read()),
      ]);
      expect(second).toBe(first);
      expect(slow.requestCounts.get('/cpro/utilisateurs/v1/monCompte/recuperer/rattachements')).toBe(1);
    } finally {
      await slow.close();
    }
  });

  it('logs each operation with its code and duration, never a secret', async () => {
    const fixture = await setUp(http());
    await fixture.services.connection.testConnection(fixture.services.settings.read());
    await failureOf(
      fixture.services.connection.verifyPassword(fixture.services.settings.read(), 'Canari-Verification'),
    );
    expect(fixture.logLines.map((line) => [line.event, line.fields.code])).toEqual([
      ['chorus.connection-test', 'OK'],
      ['chorus.password-check', 'AUTH_REJECTED'],
    ]);
    expect(JSON.stringify(fixture.logLines)).not.toMatch(/Canari|Demo-Chorus|demo-client-secret/);
  });
});
