// The daily check (`test --all`, the Task Scheduler's morning run): the machine's fleet pointer
// followed, the fleet's folder read first (10 s at most: a share that does not answer is not an
// error for the check, which tests with what it has), then every account tested; after a refused
// password of an account the fleet manages, the folder is read again and that account retested
// only if something new arrived. Last, this workstation's status goes to the folder for the IT
// person's report (issue 32). The command line says it (cli/fleet-daily-check.ts).
import type { CoreServices } from '../accounts/core-services';
import type { PointerOutcome } from '../fleet/follow-machine-pointer';
import { fleetManagedAccounts, readMemberships } from '../fleet/local-records';
import type { StatusReported } from '../fleet/report-status';
import type { FleetSync } from '../fleet/sync-fleet';
import { testAccounts, testAllAccounts, type AccountTestOutcome, type TestAccountsOptions } from './test-accounts';

/** How long the daily check waits for the fleet's folder. */
export const dailyCheckFleetDeadlineMs = 10_000;

/** What the daily check found: the fleet's part only where this user is a member of one. */
export interface DailyCheckOutcome {
  readonly pointer: PointerOutcome;
  readonly outcomes: readonly AccountTestOutcome[];
  /** Accounts a fleet manages: a refused password there is the IT department's to renew. */
  readonly fleetManaged: ReadonlySet<string>;
  readonly fleet?: {
    readonly synced: readonly FleetSync[];
    /** The folder read again after a refused password (empty when none was refused). */
    readonly again: readonly FleetSync[];
    readonly statuses: readonly StatusReported[];
  };
}

const memberOfAFleet = (userDataDir: string): boolean => {
  try {
    return readMemberships(userDataDir).length > 0;
  } catch {
    return false;
  }
};

export async function runDailyCheck(
  services: CoreServices,
  userDataDir: string,
  options: TestAccountsOptions,
): Promise<DailyCheckOutcome> {
  // The machine's pointer first: a user not yet a member joins here too (those who never open the app).
  const pointer = await services.followMachineFleet(dailyCheckFleetDeadlineMs);
  if (!memberOfAFleet(userDataDir))
    return { pointer, outcomes: await testAllAccounts(services, options), fleetManaged: new Set() };
  const synced = await services.syncFleets(dailyCheckFleetDeadlineMs);
  let fleetManaged = fleetManagedAccounts(userDataDir);
  let outcomes = await testAllAccounts(services, options);
  const refused = outcomes
    .filter((outcome) => outcome.ok === false && outcome.code === 'AUTH_REJECTED' && fleetManaged.has(outcome.account))
    .map((outcome) => outcome.account);
  let again: FleetSync[] = [];
  if (refused.length > 0) {
    again = await services.syncFleets(dailyCheckFleetDeadlineMs);
    if (again.some((result) => result.outcome.kind === 'applied')) {
      fleetManaged = fleetManagedAccounts(userDataDir);
      const retested = await testAccounts(services, refused, options);
      outcomes = outcomes.map(
        (outcome) => retested.find((candidate) => candidate.account === outcome.account) ?? outcome,
      );
    }
  }
  // What the IT person's report reads (issue 32): this workstation's status, after the tests.
  const statuses = await services.reportFleetStatus(dailyCheckFleetDeadlineMs);
  return { pointer, outcomes, fleetManaged, fleet: { synced, again, statuses } };
}
