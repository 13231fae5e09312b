import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import keytar from 'keytar';
import { AppError } from '../failures/errors';
import { closedAfterEachTest } from '../../test/support/closed-after-each';
import { configuredServices, demoAccount, type CoreFixture } from '../../test/support/core-fixture';
import { startAnsweringServer, type RunningServer } from '../../test/support/loopback-servers';
import { simulatorForTheFile } from '../../test/support/simulator-for-file';
import { secretAccounts } from './secret-store';

const simulator = simulatorForTheFile();
let lookalike: RunningServer;
const received: { url: string; authorization: string | undefined; account: string | undefined }[] = [];
const disposedAfterTest = closedAfterEachTest((fixture: CoreFixture) => fixture.dispose());

beforeAll(async () => {
  lookalike = await startAnsweringServer((request, response) => {
    received.push({
      url: request.url ?? '',
      authorization: request.headers.authorization,
      account: request.headers['cpro-account'] as string | undefined,
    });
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end('{"codeRetour":0}');
  });
});
afterEach(() => {
  received.splice(0);
});
afterAll(async () => {
  await lookalike.close();
});

const setUp = async () => disposedAfterTest(await configuredServices(simulator()));
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => ({ code: 'succeeded', message: '' }),
    (error: unknown) =>
      error instanceof AppError ? { code: error.code, message: error.message } : { code: String(error), message: '' },
  );

describe('the PISTE client secret, bound to the pair (token host, API host)', () => {
  it('is not used for an API host it was not entered for: no token, no password goes there', async () => {
    const fixture = await setUp();
    const { settings, renewPassword, connection } = fixture.services;
    // The page changes the API address, then asks for a "checked" renewal: no stored password needed.
    settings.update({ apiBaseUrl: lookalike.url.replace('127.0.0.1', 'localhost') });
    const renewal = await failureOf(
      renewPassword({ password: 'Essai-du-piege-1', verify: true, surroundingSpacesConfirmed: false }),
    );
    const test = await failureOf(connection.testConnection(settings.read()));

    expect(renewal.code).toBe('MISSING_SECRET');
    expect(renewal.message).toContain('saisissez-le à nouveau pour cette adresse');
    expect(test.code).toBe('MISSING_SECRET');
    expect(received).toEqual([]);
  });

  it('stored the way version 0.1 stored it, keeps working after the upgrade and is moved to its new name', async () => {
    const fixture = await setUp();
    const { settings } = fixture.services;
    const oldName = `secret-client-piste|${new URL(simulator().tokenUrl).host}|${demoAccount.clientId}`;
    const newName = secretAccounts.clientSecret(settings.read(), demoAccount.clientId);
    await keytar.deletePassword(fixture.keychainService, newName);
    await keytar.setPassword(fixture.keychainService, oldName, demoAccount.clientSecret);

    const upgraded = fixture.restart();
    await expect(upgraded.services.connection.testConnection(upgraded.services.settings.read())).resolves.toMatchObject(
      { structureCount: 3 },
    );
    const entries = (await keytar.findCredentials(fixture.keychainService)).map((entry) => entry.account);
    expect(entries).toContain(newName);
    expect(entries).not.toContain(oldName);
  });

  it('stored the old way, is never moved to an API host chosen after the app opened', async () => {
    const fixture = await setUp();
    const oldName = `secret-client-piste|${new URL(simulator().tokenUrl).host}|${demoAccount.clientId}`;
    await keytar.deletePassword(
      fixture.keychainService,
      secretAccounts.clientSecret(fixture.services.settings.read(), demoAccount.clientId),
    );
    await keytar.setPassword(fixture.keychainService, oldName, demoAccount.clientSecret);

    const upgraded = fixture.restart();
    upgraded.services.settings.update({ apiBaseUrl: lookalike.url.replace('127.0.0.1', 'localhost') });
    expect((await failureOf(upgraded.services.connection.testConnection(upgraded.services.settings.read()))).code).toBe(
      'MISSING_SECRET',
    );
    expect(received).toEqual([]);
    expect(await keytar.getPassword(fixture.keychainService, oldName)).toBe(demoAccount.clientSecret);
  });
});
