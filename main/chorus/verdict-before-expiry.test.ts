import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFixture } from '../../e2e/simulator/fixture';
import { startSimulator, type Simulator } from '../../e2e/simulator/simulator';
import { clearKeychainService } from '../secrets/keytar-secret-store';
import { settingsFileName } from '../settings/settings-backend';
import { closedAfterEachTest } from '../../test/support/closed-after-each';
import { configuredServices, demoAccount, type CoreFixture } from '../../test/support/core-fixture';
import { inProcessCli } from '../../test/support/in-process-cli';
import { fixedClock } from '../../test/support/settings-fixture';
import { tempDir } from '../../test/support/temp-dirs';
import { structureDetailsPath } from './chorus-client';

// Issue 36: the verdict (the screen's success message, `test`'s) comes when Chorus Pro accepted the
// credentials; the password's expiry, read from the structures' cards, follows it. Here the cards
// answer a second late: what is shown at the verdict is checked against what is recorded then.

const cardDelayMs = 1000;
const closedAfterTest = closedAfterEachTest((simulator: Simulator) => simulator.close());
const disposedAfterTest = closedAfterEachTest((fixture: CoreFixture) => fixture.dispose());
const slowCards = async (): Promise<Simulator> => {
  const simulator = closedAfterTest(await startSimulator({ fixture: loadFixture() }));
  simulator.setDelay(cardDelayMs, structureDetailsPath);
  return simulator;
};

const keychains: string[] = [];
afterAll(async () => {
  await Promise.all(keychains.map((keychain) => clearKeychainService(keychain)));
});

describe('the verdict before the expiry', () => {
  it('answers at the verdict, then records the expiry the cards give (the screen and `test`)', async () => {
    const fixture = disposedAfterTest(await configuredServices(await slowCards()));
    const { connection, settings } = fixture.services;
    await expect(connection.testConnection(settings.read(), { expiry: 'after-verdict' })).resolves.toMatchObject({
      structureCount: 3,
    });
    // The verdict is in: the last check says so, the expiry is still on its way.
    expect(settings.read().lastCheck).toMatchObject({ ok: true });
    expect(settings.read()).not.toHaveProperty('chorusPasswordExpiresOn');
    await connection.passwordExpiryRead();
    expect(settings.read().chorusPasswordExpiresOn).toBe('2027-09-30');
    // The next test opens the three cards' connections from its start (cards-connections.test.ts).
    expect(settings.read().structuresReadForExpiry).toBe(3);
  });

  it('waits for the expiry by default (test --all and the daily check judge the reminder on it)', async () => {
    const fixture = disposedAfterTest(await configuredServices(await slowCards()));
    const { connection, settings } = fixture.services;
    await connection.testConnection(settings.read());
    expect(settings.read().chorusPasswordExpiresOn).toBe('2027-09-30');
  });

  it('`test` prints the verdict before the expiry is read, and the expiry before it ends', async () => {
    const simulator = await slowCards();
    const keychain = `Chorus Pro Echanges (test verdict ${randomUUID()})`;
    keychains.push(keychain);
    const dir = tempDir('chorus-verdict-');
    // What the settings file held when each line was printed.
    const printed: { line: string; expiryRecorded: boolean }[] = [];
    const print = (line: string): void => {
      printed.push({
        line,
        expiryRecorded: readFileSync(join(dir, settingsFileName), 'utf8').includes('chorusPasswordExpiresOn'),
      });
    };
    const cli = inProcessCli(() => keychain, fixedClock('2026-11-27T09:30:00Z'));
    const common = ['--user-data-dir', dir, '--json'];
    expect(
      (
        await cli([
          'configure',
          '--url',
          simulator.url,
          '--token-url',
          simulator.tokenUrl,
          '--login',
          demoAccount.login,
          '--client-id',
          demoAccount.clientId,
          ...common,
        ])
      ).status,
    ).toBe(0);
    expect(
      (await cli(['set-client-secret', '--client-secret-stdin', ...common], { stdin: demoAccount.clientSecret }))
        .status,
    ).toBe(0);
    expect((await cli(['set-password', '--password-stdin', ...common], { stdin: demoAccount.password })).status).toBe(
      0,
    );

    const run = await cli(['test', '--user-data-dir', dir], { print });
    expect(run.status).toBe(0);
    expect(printed[0]).toMatchObject({
      line: expect.stringContaining('La connexion a été établie') as string,
      expiryRecorded: false,
    });
    expect(printed[1]).toEqual({
      line: 'Expiration du mot de passe : 30/09/2027 (date communiquée par Chorus Pro, structure « COMMUNE DE SAINT-DEMO »)',
      expiryRecorded: true,
    });

    // With --json, the one line carries the expiry too.
    const json = await cli(['test', ...common]);
    expect(json.json).toMatchObject({ ok: true, structureCount: 3, passwordExpiresOn: '2027-09-30' });
  });
});
