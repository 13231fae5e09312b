// What the fleet's use cases are given: the folder, the keychain, the clock, the log and the
// user-data folder; the command line and the app wire them (the core never reaches for them).
import type { Clock } from '../dates/clock';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import type { FleetFolder } from './fleet-folder';

export interface FleetBase {
  readonly secrets: SecretStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly userDataDir: string;
}

export interface FleetDependencies extends FleetBase {
  readonly folder: FleetFolder;
}
