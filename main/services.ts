import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppInfo } from '../preload/contract';
import { applyMachineProfileAtFirstStart } from './profiles/machine-profile';
import { createChorusClient } from './chorus/chorus-client';
import { createConnectionService } from './chorus/connection-service';
import type { HttpSend } from './chorus/http-transport';
import type { ResolveSystemProxy } from './chorus/proxy-resolution';
import type { Clock } from './clock';
import { createPasswordRenewal } from './credentials/password-renewal';
import { createHandlers, type Desktop } from './handlers';
import { passwordReminder } from './reminder/password-reminder';
import { createDispatcher, type Dispatch } from './ipc-dispatcher';
import type { Logger } from './logger';
import { migratingLegacyClientSecrets, type SecretStore } from './secrets/secret-store';
import { knownEnvironments } from './settings/environments';
import type { StoredSettings } from './settings/settings-schema';
import { openSettingsStore, settingsFileName, type OpenSettingsBackend } from './settings/settings-store';

export interface CoreDependencies {
  readonly userDataDir: string;
  readonly openSettingsBackend: OpenSettingsBackend;
  readonly secrets: SecretStore;
  readonly send: HttpSend;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly resolveSystemProxy?: ResolveSystemProxy;
  /** The machine-wide deployment profile, applied at first start (none in tests unless given). */
  readonly machineProfilePath?: string;
}

/**
 * Where a client secret stored under its old name (token host only) may be moved: the pair the
 * settings held when the services opened (the one it was used with) and the known environments'.
 */
function trustedClientSecretPairs(opened: StoredSettings) {
  const { clientId } = opened;
  if (!clientId) return [];
  return [opened, ...Object.values(knownEnvironments)].map(({ tokenUrl, apiBaseUrl }) => ({ tokenUrl, apiBaseUrl, clientId }));
}

/** The services themselves, as the app, the command line and the tests use them. */
export function createCoreServices(dependencies: CoreDependencies) {
  const { clock, logger } = dependencies;
  const firstStart = !existsSync(join(dependencies.userDataDir, settingsFileName));
  const settings = openSettingsStore(dependencies.userDataDir, dependencies.openSettingsBackend, clock, logger);
  applyMachineProfileAtFirstStart(firstStart, dependencies.machineProfilePath, settings, dependencies.userDataDir, logger);
  const secrets = migratingLegacyClientSecrets(dependencies.secrets, trustedClientSecretPairs(settings.read()));
  const client = createChorusClient({ send: dependencies.send, clock });
  const connection = createConnectionService({
    client,
    secrets,
    logger,
    recordPasswordExpiry: (day) => settings.recordChorusExpiry(day),
    recordPasswordVerified: () => {
      if (settings.read().passwordVerified === false) {
        settings.recordPasswordVerified();
        logger.info('password.verified', { passwordVerified: true });
      }
    },
    ...(dependencies.resolveSystemProxy ? { resolveSystemProxy: dependencies.resolveSystemProxy } : {}),
  });
  const renewPassword = createPasswordRenewal({
    settings,
    secrets,
    verifyPassword: (current, password, cancel) => connection.verifyPassword(current, password, cancel),
    clock,
    logger,
  });
  const currentReminder = () => passwordReminder(settings.read(), clock());
  return { settings, secrets, connection, renewPassword, currentReminder, logger };
}
export type CoreServices = ReturnType<typeof createCoreServices>;

export interface MainDependencies extends CoreDependencies {
  readonly appInfo: AppInfo;
  /** Electron's dialogs and shell in the app; a stand-in in the browser harness. */
  readonly desktop: Desktop;
  /** The origin the app's page is served from: `app://chorus` in Electron, a loopback URL in tests. */
  readonly appOrigin: string;
}

/**
 * Builds every main-process service from its parts and returns the bridge's dispatcher and the
 * reminder the schedule checks. The
 * Electron wiring and the test harness both call this: only the transport around it differs.
 */
export function createMainProcess(dependencies: MainDependencies): { dispatch: Dispatch; currentReminder: CoreServices['currentReminder'] } {
  const services = createCoreServices(dependencies);
  const handlers = createHandlers({
    appInfo: dependencies.appInfo,
    desktop: dependencies.desktop,
    userDataDir: dependencies.userDataDir,
    ...(dependencies.machineProfilePath ? { machineProfilePath: dependencies.machineProfilePath } : {}),
    clock: dependencies.clock,
    ...services,
  });
  return { dispatch: createDispatcher(handlers, dependencies.appOrigin, dependencies.logger), currentReminder: services.currentReminder };
}
