import type { PasswordReminder } from '../../common/reminder';
import type { BoxContent } from '../fleet/fleet-formats';
import type { PointerOutcome } from '../fleet/follow-machine-pointer';
import type { StatusReported } from '../fleet/report-status';
import type { FleetSync } from '../fleet/sync-fleet';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import type { WorkstationStore } from '../settings/workstation-store';
import type { AccountServices } from './account-services';

/**
 * The core, as the app, the command line and the tests use it (built by main/services.ts). It acts
 * on no account of its own: a caller names the account once (`account(name)`) and works through
 * the services it gets, so that nothing changed elsewhere in between (the command line's
 * `account select` while the window is open) can make one call act on two accounts.
 */
export interface CoreServices {
  /** The account list, the default account, the confirmed hosts, the migrations' flags. */
  readonly workstation: WorkstationStore;
  readonly secrets: SecretStore;
  readonly logger: Logger;
  /**
   * The services of the account of that exact name (INVALID_INPUT if there is none), kept: a test
   * under way is joined, not run twice.
   */
  readonly account: (name: string) => AccountServices;
  /** Every account's reminder, in the accounts' order: the daily check covers them all. */
  readonly allReminders: () => { readonly name: string; readonly reminder: PasswordReminder }[];
  /** Settles once the secrets of an earlier version were moved (or could not be, this time). */
  readonly secretsMigrated: Promise<void>;
  /** The daily check's time the machine profile applied at this (first) start asked for. */
  readonly machineDailyCheckAt: string | undefined;
  /**
   * Every fleet this user is a member of brought up to its highest valid publication
   * (main/fleet/): the command line's `fleet sync`, the daily check (reading bounded), the app at start.
   */
  readonly syncFleets: (readDeadlineMs?: number) => Promise<FleetSync[]>;
  /** This workstation's status written to each of its fleets after the daily check (issue 32); reading bounded like the sync's. */
  readonly reportFleetStatus: (readDeadlineMs?: number) => Promise<StatusReported[]>;
  /**
   * The machine's fleet pointer followed for this user (a user not yet a member joins, nothing
   * typed); reading the folder bounded like the sync's. Loaded only when there is a pointer file.
   */
  readonly followMachineFleet: (readDeadlineMs?: number) => Promise<PointerOutcome>;
  /** A fleet's accounts applied here as a member's sync applies them (the new publisher, after `fleet rotate-key`). */
  readonly applyFleetAccounts: (content: BoxContent) => Promise<readonly string[]>;
  /** What `forget` (issue 34) removes of an account's copies and cached tokens. */
  readonly forgetExchange: (name: string) => Promise<{ readonly tokensRemoved: number }>;
}
