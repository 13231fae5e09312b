import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createHttpTransport } from '../../main/chorus/http-transport';
import type { Clock } from '../../main/dates/clock';
import type { FleetDependencies } from '../../main/fleet/fleet-dependencies';
import { nodeFleetFolder } from '../../main/fleet/fleet-folder';
import { createLogger } from '../../main/logging/logger';
import { clearKeychainService, createKeytarSecretStore } from '../../main/secrets/keytar-secret-store';
import { secretAccounts } from '../../main/secrets/secret-store';
import { createCoreServices } from '../../main/services';
import { demoAccount } from './core-fixture';
import { selectedServices, type SelectedServices } from './selected-account';
import { fixedClock, openConfBackend } from './settings-fixture';
import { tempDir } from './temp-dirs';

export interface FleetWorkstation {
  readonly userDataDir: string;
  readonly keychainService: string;
  readonly services: SelectedServices;
  /** What the fleet's use cases take, for the shared folder at `path`. */
  fleet(path: string, clock?: Clock): FleetDependencies;
}

/**
 * Workstations of a fleet, each with its own user-data folder and keychain namespace (as each
 * Windows user has), the real keychain and settings file; their namespaces are cleared after the
 * test file.
 */
export function fleetWorkstations(
  clock: Clock = fixedClock('2026-12-04T08:00:00Z'),
): (label: string) => FleetWorkstation {
  const namespaces: string[] = [];
  afterAll(() => Promise.all(namespaces.map((service) => clearKeychainService(service))));
  return (label) => {
    const keychainService = `Chorus Pro Echanges (test flotte ${label} ${randomUUID()})`;
    namespaces.push(keychainService);
    const userDataDir = tempDir(`chorus-flotte-${label}-`);
    const secrets = createKeytarSecretStore(keychainService);
    const logger = createLogger(() => undefined);
    const services = selectedServices(
      createCoreServices({
        userDataDir,
        openSettingsBackend: openConfBackend,
        secrets,
        send: createHttpTransport(),
        clock,
        logger,
      }),
    );
    return {
      userDataDir,
      keychainService,
      services,
      fleet: (path, at = clock) => ({ folder: nodeFleetFolder(path), secrets, clock: at, logger, userDataDir }),
    };
  };
}

/** A fresh shared folder (what `\\serveur\chorus` is on a town hall's network). */
export const sharedFolder = (): string => join(tempDir('chorus-partage-'), 'flotte');

/** The three communes of the measured journey: three technical accounts the simulator knows, one PISTE application. */
export const fleetCommunes = [
  { name: 'Commune de Lavaur', login: demoAccount.login, password: demoAccount.password },
  { name: 'Commune de Tréméreuc', login: 'TECH_3_sans_structure@cpro.fr', password: 'Sans-Structure-2026' },
  { name: 'SIVOM de la Rance', login: 'TECH_6_plusieurs_dates@cpro.fr', password: 'Plusieurs-Dates-2026' },
] as const;

/** A technical account of the fleet's tests: its name on the workstation, its login and password. */
export interface FleetCommune {
  readonly name: string;
  readonly login: string;
  readonly password: string;
}

/** The publisher's own accounts: the three communes (or those given) on the simulator (or any address), passwords and the client secret stored. */
export async function configureCommunes(
  station: FleetWorkstation,
  target: { readonly url: string; readonly tokenUrl: string },
  communes: readonly FleetCommune[] = fleetCommunes,
): Promise<void> {
  const { services } = station;
  for (const [index, commune] of communes.entries()) {
    if (index === 0) services.settings.accounts.rename('Compte principal', commune.name);
    else services.settings.accounts.add(commune.name);
    services.settings.forAccount(commune.name).update({
      environment: 'custom',
      apiBaseUrl: target.url,
      tokenUrl: target.tokenUrl,
      login: commune.login,
      clientId: demoAccount.clientId,
    });
    await services.secrets.set(secretAccounts.technicalPassword(target.url, commune.login), commune.password);
  }
  await services.secrets.set(
    secretAccounts.clientSecret({ tokenUrl: target.tokenUrl, apiBaseUrl: target.url }, demoAccount.clientId),
    demoAccount.clientSecret,
  );
}
