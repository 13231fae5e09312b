import { randomUUID } from 'node:crypto';
import type { Simulator } from '../../e2e/simulator/simulator';
import { createHttpTransport } from '../../main/chorus/http-transport';
import type { Clock } from '../../main/dates/clock';
import { createLogger, type LogLine } from '../../main/logging/logger';
import { clearKeychainService, createKeytarSecretStore } from '../../main/secrets/keytar-secret-store';
import { secretAccounts, type SecretStore } from '../../main/secrets/secret-store';
import { policyFileReader } from '../../main/destinations/policy-source';
import { createCoreServices, type CoreDependencies } from '../../main/services';
import { selectedServices, type SelectedServices } from './selected-account';
import { fixedClock, openConfBackend } from './settings-fixture';
import { tempDir } from './temp-dirs';

export const demoAccount = {
  login: 'TECH_1_demo@cpro.fr',
  password: 'Demo-Chorus-2026!',
  clientId: 'demo-client-id',
  clientSecret: 'demo-client-secret',
} as const;

export interface CoreFixture {
  readonly userDataDir: string;
  readonly keychainService: string;
  readonly secrets: SecretStore;
  readonly logLines: LogLine[];
  readonly services: SelectedServices;
  readonly passwordAccount: string;
  /** Opens the services again on the same profile and keychain: an app restart. */
  restart(clock?: Clock): CoreFixture;
  dispose(): Promise<void>;
}

/** What a test may give the services beyond the fixture's own parts: a machine policy, the fleet's rule. */
export type CoreExtras = Partial<Pick<CoreDependencies, 'machinePolicy' | 'shouldPush' | 'checkTrust' | 'caller'>>;

function open(
  userDataDir: string,
  keychainService: string,
  clock: Clock,
  apiBaseUrl: string,
  extras: CoreExtras = {},
): CoreFixture {
  const secrets = createKeytarSecretStore(keychainService);
  const logLines: LogLine[] = [];
  const services = selectedServices(
    createCoreServices({
      userDataDir,
      openSettingsBackend: openConfBackend,
      secrets,
      send: createHttpTransport(),
      clock,
      logger: createLogger((line) => logLines.push(line)),
      // No machine policy unless the test gives one, whatever the host has.
      machinePolicy: policyFileReader('/nonexistent/chorus-pro-echanges-policy.json'),
      ...extras,
    }),
  );
  return {
    userDataDir,
    keychainService,
    secrets,
    logLines,
    services,
    passwordAccount: secretAccounts.technicalPassword(apiBaseUrl, demoAccount.login),
    restart: (nextClock = clock) => open(userDataDir, keychainService, nextClock, apiBaseUrl, extras),
    dispose: () => clearKeychainService(keychainService),
  };
}

/**
 * The real services (conf settings file, keychain, HTTP) in a fresh profile, configured for the
 * simulator's demo account, with its client secret and, unless told otherwise, its password stored.
 */
export async function configuredServices(
  simulator: Pick<Simulator, 'url' | 'tokenUrl'>,
  options: { clock?: Clock; storePassword?: boolean; extras?: CoreExtras } = {},
): Promise<CoreFixture> {
  const fixture = open(
    tempDir('chorus-core-'),
    `Chorus Pro Echanges (test ${randomUUID()})`,
    options.clock ?? fixedClock('2026-11-27T09:30:00Z'),
    simulator.url,
    options.extras,
  );
  fixture.services.settings.update({
    environment: 'custom',
    apiBaseUrl: simulator.url,
    tokenUrl: simulator.tokenUrl,
    login: demoAccount.login,
    clientId: demoAccount.clientId,
  });
  await fixture.secrets.set(
    secretAccounts.clientSecret({ tokenUrl: simulator.tokenUrl, apiBaseUrl: simulator.url }, demoAccount.clientId),
    demoAccount.clientSecret,
  );
  if (options.storePassword ?? true) await fixture.secrets.set(fixture.passwordAccount, demoAccount.password);
  return fixture;
}
