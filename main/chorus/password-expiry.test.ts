import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadFixture, type FixtureStructure, type SimulatorFixture } from '../../e2e/simulator/fixture';
import { startSimulator, type Simulator } from '../../e2e/simulator/simulator';
import { systemClock } from '../dates/clock';
import { AppError } from '../failures/errors';
import { createLogger, type LogLine } from '../logging/logger';
import { clearKeychainService, createKeytarSecretStore } from '../secrets/keytar-secret-store';
import { secretAccounts } from '../secrets/secret-store';
import { defaultSettings, type StoredSettings } from '../settings/settings-schema';
import { closedAfterEachTest } from '../../test/support/closed-after-each';
import { attachmentsPath, createChorusClient, structureDetailsPath, testedAttachments } from './chorus-client';
import { createConnectionService } from './connection-service';
import { createHttpTransport } from './http-transport';
import { expiryReadConcurrency } from './password-expiry';

// The expiry date read from the attached structures (docs/chorus-pro-api.md, "Expiry date"), and
// the inactive accounts, through the connection service with the real keychain.

const many = (count: number): FixtureStructure[] =>
  Array.from({ length: count }, (_, index) => ({
    idStructure: 26000000 + index,
    identifiantStructure: String(21000000000000 + index),
    typeIdentifiantStructure: 'SIRET',
    designationStructure: `COMMUNE N° ${index + 1}`,
    roleUtilisateur: 'GESTIONNAIRE',
    statutRattachementStructure: 'ACTIF',
    // The 7th has the earliest date; the 12th, never read (beyond the bound), an earlier one still.
    dateExpirationMotPasseCompteTech: index === 6 ? '2027-03-01' : index === 11 ? '2027-01-01' : '2027-10-01',
    services: [],
  }));

const closedAfterTest = closedAfterEachTest((simulator: Simulator) => simulator.close());
const clearedAfterTest = closedAfterEachTest((keychain: string) => clearKeychainService(keychain));

async function serviceFor(
  login: string,
  password: string,
  options: { fixture?: SimulatorFixture; clientId?: string; budgetMs?: number } = {},
) {
  const fixture = options.fixture ?? loadFixture();
  const simulator = closedAfterTest(await startSimulator({ fixture }));
  const keychain = clearedAfterTest(`Chorus Pro Echanges (test ${randomUUID()})`);
  const application = fixture.applications.find(
    (candidate) => candidate.clientId === (options.clientId ?? 'demo-client-id'),
  );
  if (!application) throw new Error('application inconnue');
  const secrets = createKeytarSecretStore(keychain);
  const settings: StoredSettings = {
    ...defaultSettings,
    environment: 'custom',
    apiBaseUrl: simulator.url,
    tokenUrl: simulator.tokenUrl,
    login,
    clientId: application.clientId,
  };
  await secrets.set(secretAccounts.clientSecret(settings, application.clientId), application.clientSecret);
  await secrets.set(secretAccounts.technicalPassword(settings.apiBaseUrl, login), password);
  const recorded: { day: string | undefined; structure: string | undefined }[] = [];
  const logLines: LogLine[] = [];
  const service = createConnectionService({
    client: createChorusClient({ send: createHttpTransport(), clock: systemClock }),
    secrets,
    logger: createLogger((line) => logLines.push(line)),
    recordPasswordExpiry: (day, structure) => recorded.push({ day, structure }),
    recordPasswordVerified: () => undefined,
    ...(options.budgetMs !== undefined ? { expiryReadBudgetMs: options.budgetMs } : {}),
  });
  return { simulator, service, settings, recorded, logLines };
}

describe('the password expiry read from the attached structures', () => {
  it('keeps the earliest date of several structures, with the name of the structure it came from', async () => {
    const { service, settings, recorded } = await serviceFor('TECH_6_plusieurs_dates@cpro.fr', 'Plusieurs-Dates-2026');
    await expect(service.testConnection(settings)).resolves.toMatchObject({ structureCount: 3 });
    expect(recorded).toEqual([{ day: '2027-05-31', structure: 'SIVU DES ECOLES DE BOURG-SUR-DEMO' }]);
  });

  it(`reads ${testedAttachments} structures at most, ${expiryReadConcurrency} at a time, from the test's one call`, async () => {
    const fixture = loadFixture();
    const account = fixture.accounts.find((candidate) => candidate.login === 'TECH_1_demo@cpro.fr');
    if (!account) throw new Error('compte de démonstration absent');
    account.structures = many(12);
    const { simulator, service, settings, recorded } = await serviceFor(account.login, account.password, { fixture });
    // Slow enough that the reads overlap whenever they are sent together.
    simulator.setDelay(150, structureDetailsPath);
    await expect(service.testConnection(settings)).resolves.toMatchObject({ structureCount: 12 });
    expect(simulator.requestCounts.get(attachmentsPath)).toBe(1);
    expect(simulator.requestCounts.get(structureDetailsPath)).toBe(testedAttachments);
    expect(simulator.peakInFlight.get(structureDetailsPath)).toBe(expiryReadConcurrency);
    expect(recorded).toEqual([{ day: '2027-03-01', structure: 'COMMUNE N° 7' }]);
  });

  it('gives the verdict without the dates when the structures answer later than the budget: the date known before stays', async () => {
    const { simulator, service, settings, recorded, logLines } = await serviceFor(
      'TECH_6_plusieurs_dates@cpro.fr',
      'Plusieurs-Dates-2026',
      { budgetMs: 300 },
    );
    simulator.setDelay(20_000, structureDetailsPath);
    await expect(service.testConnection(settings)).resolves.toMatchObject({ structureCount: 3 });
    expect(recorded).toEqual([]);
    expect(logLines.some((line) => line.event === 'chorus.password-expiry')).toBe(true);
  });

  it('gives a success when the Structures API refuses the dates (not subscribed): the verdict is the first call’s', async () => {
    const fixture = loadFixture();
    fixture.applications.push({
      clientId: 'utilisateurs-seule',
      clientSecret: 'secret-utilisateurs-seule',
      subscribed: true,
      apis: ['utilisateurs'],
    });
    const { service, settings, recorded } = await serviceFor('TECH_6_plusieurs_dates@cpro.fr', 'Plusieurs-Dates-2026', {
      fixture,
      clientId: 'utilisateurs-seule',
    });
    await expect(service.testConnection(settings)).resolves.toMatchObject({ structureCount: 3 });
    expect(recorded).toEqual([]);
  });
});

describe('inactive accounts', () => {
  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => ({ code: 'succeeded', message: '' }),
      (error: unknown) =>
        error instanceof AppError
          ? { code: error.code, message: error.message }
          : { code: 'not an AppError', message: String(error) },
    );

  it('ACCOUNT_INACTIVE for a technical user whose status is not ACTIF, saying who reactivates it', async () => {
    const { service, settings } = await serviceFor('TECH_4_inactif@cpro.fr', 'Compte-Inactif-2026');
    const failure = await failureOf(service.testConnection(settings));
    expect(failure.code).toBe('ACCOUNT_INACTIVE');
    expect(failure.message).toContain('compte technique au statut INACTIF');
    expect(failure.message).toMatch(/gestionnaire principal.*réactiver le compte technique.*sur le portail Chorus Pro/);
  });

  it('ACCOUNT_INACTIVE when every attachment is inactive; a renewal still accepts the password', async () => {
    const { service, settings } = await serviceFor(
      'TECH_5_rattachements_inactifs@cpro.fr',
      'Rattachements-Inactifs-2026',
    );
    const failure = await failureOf(service.testConnection(settings));
    expect(failure.code).toBe('ACCOUNT_INACTIVE');
    expect(failure.message).toContain('tous inactifs');
    await expect(service.verifyPassword(settings, 'Rattachements-Inactifs-2026')).resolves.toBeUndefined();
  });
});
