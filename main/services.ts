import type { AppInfo } from '../preload/contract';
import type { Clock } from './clock';
import { createHandlers } from './handlers';
import { createDispatcher, type Dispatch } from './ipc-dispatcher';
import type { Logger } from './logger';
import type { SecretStore } from './secrets/secret-store';
import { openSettingsStore, type OpenSettingsBackend } from './settings/settings-store';

export interface MainDependencies {
  readonly appInfo: AppInfo;
  readonly userDataDir: string;
  readonly openSettingsBackend: OpenSettingsBackend;
  readonly secrets: SecretStore;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The origin the app's page is served from: `app://chorus` in Electron, a loopback URL in tests. */
  readonly appOrigin: string;
}

/**
 * Builds every main-process service from its parts and returns the bridge's dispatcher. The
 * Electron wiring and the test harness both call this: only the transport around it differs.
 */
export function createMainProcess(dependencies: MainDependencies): Dispatch {
  const settings = openSettingsStore(
    dependencies.userDataDir,
    dependencies.openSettingsBackend,
    dependencies.clock,
    dependencies.logger,
  );
  const handlers = createHandlers({
    appInfo: dependencies.appInfo,
    settings,
    secrets: dependencies.secrets,
  });
  return createDispatcher(handlers, dependencies.appOrigin, dependencies.logger);
}
