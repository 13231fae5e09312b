import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../failures/errors';
import { secretAccounts } from '../secrets/secret-store';
import { closedAfterEachTest } from '../../test/support/closed-after-each';
import { configuredServices, demoAccount, type CoreFixture } from '../../test/support/core-fixture';
import { closedPort } from '../../test/support/loopback-servers';
import { loadFixture } from '../../e2e/simulator/fixture';
import { startSimulator, type Simulator } from '../../e2e/simulator/simulator';
import { fixedClock } from '../../test/support/settings-fixture';
import { simulatorForTheFile } from '../../test/support/simulator-for-file';
import { createPasswordRenewal } from './password-renewal';
import { maxPasswordBytes } from './password-rules';

const simulator = simulatorForTheFile();
const disposedAfterTest = closedAfterEachTest((fixture: CoreFixture) => fixture.dispose());
const setUp = async (options: Parameters<typeof configuredServices>[1] = {}, chorusPro: Simulator = simulator()) =>
  disposedAfterTest(await configuredServices(chorusPro, { clock: fixedClock('2026-11-27T10:15:00Z'), ...options }));
const closedAfterTest = closedAfterEachTest((running: Simulator) => running.close());
/** A test that has Chorus Pro give the demo account a new password has a Chorus Pro of its own: the file's other tests keep the demo password. */
const chorusProOfItsOwn = async () => closedAfterTest(await startSimulator({ fixture: loadFixture() }));
const settingsText = (fixture: CoreFixture) => readFileSync(join(fixture.userDataDir, 'config.json'), 'utf8');
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'succeeded',
    (error: unknown) => (error instanceof AppError ? error.code : 'not an AppError'),
  );

describe('renewing the technical password', () => {
  it('checks the new password with Chorus Pro, stores it, dates it, and the next test uses it', async () => {
    const chorusPro = await chorusProOfItsOwn();
    const fixture = await setUp({}, chorusPro);
    const newPassword = chorusPro.resetPassword(demoAccount.login);
    const renewal = await fixture.services.renewPassword({
      password: newPassword,
      verify: true,
      surroundingSpacesConfirmed: false,
    });
    // Accepted by Chorus Pro: pushed to its copies (none on this machine without a policy).
    expect(renewal).toEqual({
      stored: true,
      updatedAt: '2026-11-27T10:15:00.000Z',
      verified: true,
      exchange: {
        destinations: [],
        passwordAccepted: true,
        pushedAt: '2026-11-27T10:15:00.000Z',
        allowPrograms: false,
      },
    });
    expect(await fixture.secrets.get(fixture.passwordAccount)).toBe(newPassword);
    expect(fixture.services.settings.read().passwordUpdatedAt).toBe('2026-11-27T10:15:00.000Z');
    await expect(fixture.services.connection.testConnection(fixture.services.settings.read())).resolves.toMatchObject({
      structureCount: 3,
    });
  });

  it('changes nothing when Chorus Pro refuses the new password', async () => {
    const fixture = await setUp();
    const before = settingsText(fixture);
    expect(
      await codeOf(
        fixture.services.renewPassword({
          password: 'faute-de-frappe',
          verify: true,
          surroundingSpacesConfirmed: false,
        }),
      ),
    ).toBe('AUTH_REJECTED');
    expect(await fixture.secrets.get(fixture.passwordAccount)).toBe(demoAccount.password);
    expect(settingsText(fixture)).toBe(before);
  });

  it('offline: refuses to save unchecked unless the user chose so, then saves it', async () => {
    const port = await closedPort();
    const fixture = await setUp();
    const unreachable = {
      apiBaseUrl: `http://127.0.0.1:${port}`,
      tokenUrl: `http://127.0.0.1:${port}/api/oauth/token`,
    };
    fixture.services.settings.update(unreachable);
    await fixture.secrets.set(secretAccounts.clientSecret(unreachable, demoAccount.clientId), demoAccount.clientSecret);
    expect(
      await codeOf(
        fixture.services.renewPassword({ password: 'Nouveau-2027', verify: true, surroundingSpacesConfirmed: false }),
      ),
    ).toBe('CONNECTION_FAILED');
    const renewal = await fixture.services.renewPassword({
      password: 'Nouveau-2027',
      verify: false,
      surroundingSpacesConfirmed: false,
    });
    expect(renewal).toEqual({ stored: true, updatedAt: '2026-11-27T10:15:00.000Z', verified: false });
    expect(fixture.services.settings.read().passwordVerified).toBe(false);
    expect(fixture.logLines).toContainEqual(
      expect.objectContaining({
        event: 'password.renewed',
        fields: { account: 'Compte principal', verified: false, dated: 'now' },
      }),
    );
  });

  it('offline: dates an unchecked password from the day Chorus Pro communicated it, and refuses a day for a checked one', async () => {
    const fixture = await setUp();
    const renewal = await fixture.services.renewPassword({
      password: 'Communique-en-mars',
      verify: false,
      surroundingSpacesConfirmed: false,
      communicatedOn: '2026-03-02',
    });
    expect(new Date(renewal.updatedAt)).toEqual(new Date(2026, 2, 2));
    expect(fixture.services.currentReminder()).toMatchObject({
      known: true,
      dueOn: '2027-03-02',
      expiresOn: '2027-04-30',
      due: false,
    });
    const before = settingsText(fixture);
    expect(
      await codeOf(
        fixture.services.renewPassword({
          password: demoAccount.password,
          verify: true,
          surroundingSpacesConfirmed: false,
          communicatedOn: '2026-03-02',
        }),
      ),
    ).toBe('INVALID_INPUT');
    expect(
      await codeOf(
        fixture.services.renewPassword({
          password: 'Futur',
          verify: false,
          surroundingSpacesConfirmed: false,
          communicatedOn: '2027-01-01',
        }),
      ),
    ).toBe('INVALID_INPUT');
    expect(settingsText(fixture)).toBe(before);
    expect(await fixture.secrets.get(fixture.passwordAccount)).toBe('Communique-en-mars');
  });

  it('an unchecked password is marked until a test succeeds with it; a verified renewal is never marked', async () => {
    const chorusPro = await chorusProOfItsOwn();
    const fixture = await setUp({}, chorusPro);
    // The portal gave a new password, typed here before the workstation could reach Chorus Pro.
    const current = chorusPro.resetPassword(demoAccount.login);
    await fixture.services.renewPassword({ password: current, verify: false, surroundingSpacesConfirmed: false });
    expect(fixture.services.settings.read().passwordVerified).toBe(false);
    await fixture.services.connection.testConnection(fixture.services.settings.read());
    expect(fixture.services.settings.read().passwordVerified).toBe(true);
    expect(fixture.logLines.map((line) => line.event)).toContain('password.verified');
    await fixture.services.renewPassword({
      password: chorusPro.resetPassword(demoAccount.login),
      verify: true,
      surroundingSpacesConfirmed: false,
    });
    expect(fixture.services.settings.read().passwordVerified).toBe(true);
  });

  it('refuses the stored password typed again: its date and the expiry Chorus Pro gave stay (issue 35)', async () => {
    const fixture = await setUp();
    await fixture.services.connection.testConnection(fixture.services.settings.read());
    const before = fixture.services.settings.read();
    expect(before.chorusPasswordExpiresOn).toBe('2027-09-30');
    for (const verify of [true, false]) {
      expect(
        await codeOf(
          fixture.services.renewPassword({ password: demoAccount.password, verify, surroundingSpacesConfirmed: false }),
        ),
      ).toBe('PASSWORD_UNCHANGED');
    }
    const after = fixture.services.settings.read();
    expect(after.passwordUpdatedAt).toBe(before.passwordUpdatedAt);
    expect(after.chorusPasswordExpiresOn).toBe('2027-09-30');
    expect(fixture.logLines.map((line) => line.event)).not.toContain('password.renewed');
  });

  it('refuses what the keychain cannot store, and asks before keeping surrounding spaces', async () => {
    const fixture = await setUp();
    const renew = (password: string, surroundingSpacesConfirmed = false) =>
      fixture.services.renewPassword({ password, verify: false, surroundingSpacesConfirmed });
    expect(await codeOf(renew(''))).toBe('PASSWORD_REFUSED');
    expect(await codeOf(renew('é'.repeat(maxPasswordBytes / 2 + 1)))).toBe('PASSWORD_REFUSED');
    expect(await codeOf(renew(' collé depuis un PDF '))).toBe('CONFIRMATION_REQUIRED');
    expect(await fixture.secrets.get(fixture.passwordAccount)).toBe(demoAccount.password);

    await renew(' collé depuis un PDF ', true);
    expect(await fixture.secrets.get(fixture.passwordAccount)).toBe(' collé depuis un PDF ');
    await renew('é'.repeat(maxPasswordBytes / 2));
    expect(await fixture.secrets.get(fixture.passwordAccount)).toHaveLength(maxPasswordBytes / 2);
  });

  it('puts the previous password back when the date cannot be written', async () => {
    const fixture = await setUp();
    const failingDates = {
      ...fixture.services.settings,
      recordPasswordUpdate: (): never => {
        throw new AppError('SETTINGS_UNWRITABLE');
      },
    };
    const renew = createPasswordRenewal({
      settings: failingDates,
      secrets: fixture.secrets,
      verifyPassword: () => Promise.resolve(),
      clock: fixedClock('2026-11-27T10:15:00Z'),
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    expect(await codeOf(renew({ password: 'jamais-daté', verify: false, surroundingSpacesConfirmed: false }))).toBe(
      'SETTINGS_UNWRITABLE',
    );
    expect(await fixture.secrets.get(fixture.passwordAccount)).toBe(demoAccount.password);

    await fixture.secrets.delete(fixture.passwordAccount);
    expect(await codeOf(renew({ password: 'jamais-daté', verify: false, surroundingSpacesConfirmed: false }))).toBe(
      'SETTINGS_UNWRITABLE',
    );
    expect(await fixture.secrets.get(fixture.passwordAccount)).toBeUndefined();
  });

  it('runs two renewals one after the other: the last one asked is the one kept', async () => {
    const fixture = await setUp();
    const slowCheck = createPasswordRenewal({
      settings: fixture.services.settings,
      secrets: fixture.secrets,
      verifyPassword: () => new Promise((resolve) => setTimeout(resolve, 300)),
      clock: fixedClock('2026-11-27T10:15:00Z'),
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    const first = slowCheck({ password: 'premier', verify: true, surroundingSpacesConfirmed: false });
    const second = slowCheck({ password: 'second', verify: false, surroundingSpacesConfirmed: false });
    await Promise.all([first, second]);
    expect(await fixture.secrets.get(fixture.passwordAccount)).toBe('second');
  });

  it('keeps secrets and date across a restart', async () => {
    const fixture = await setUp();
    await fixture.services.renewPassword({
      password: 'Survit-Au-Redemarrage',
      verify: false,
      surroundingSpacesConfirmed: false,
    });
    const restarted = fixture.restart(fixedClock('2026-12-01T08:00:00Z'));
    expect(await restarted.secrets.get(restarted.passwordAccount)).toBe('Survit-Au-Redemarrage');
    expect(restarted.services.settings.read().passwordUpdatedAt).toBe('2026-11-27T10:15:00.000Z');
  });
});
