// The window's main process without Electron: the core's services, the window's own account and
// the bridge's handlers behind their dispatcher. The shell and the test harness both call this.
import type { AppInfo } from '../../common/app';
import type { AccountServices } from '../accounts/account-services';
import type { CoreServices } from '../accounts/core-services';
import { createDailyCheckSchedule, systemSchtasks, type DailyCheckSchedule } from '../schedule/daily-check-schedule';
import { registerMachineDailyCheck } from '../schedule/machine-daily-check';
import { createCoreServices, type CoreDependencies } from '../services';
import type { Desktop } from './channel-handlers';
import { createHandlers } from './handlers';
import { createDispatcher, type Dispatch } from './ipc-dispatcher';
import { windowAccount } from './window-account';

export interface MainDependencies extends CoreDependencies {
  readonly appInfo: AppInfo;
  /** Electron's dialogs and shell in the app; a stand-in in the browser harness. */
  readonly desktop: Desktop;
  /** The origin the app's page is served from: `app://chorus` in Electron, a loopback URL in tests. */
  readonly appOrigin: string;
  /** The account to show first (`--account NAME`, a daily-check notification's click), if it exists. */
  readonly selectAccount?: string;
  /** The daily check's task (default: this system's Task Scheduler, for this executable). */
  readonly dailyCheck?: DailyCheckSchedule;
}

/** What the shell (or the test harness) gets: the bridge's dispatcher and what the window's schedule reads. */
export interface MainProcess {
  readonly dispatch: Dispatch;
  readonly allReminders: CoreServices['allReminders'];
  /** The fleets this user is a member of, read at start without holding the window (main/fleet/). */
  readonly syncFleets: CoreServices['syncFleets'];
  /** The machine's fleet pointer, followed at start before the sync. */
  readonly followMachineFleet: CoreServices['followMachineFleet'];
}

/**
 * Builds every main-process service from its parts and returns the bridge's dispatcher and the
 * reminder the schedule checks. The
 * Electron wiring and the test harness both call this: only the transport around it differs.
 */
export function createMainProcess(dependencies: MainDependencies): MainProcess {
  const services = createCoreServices(dependencies);
  const { workstation } = services;
  const asked = dependencies.selectAccount;
  if (asked !== undefined) {
    if (workstation.accounts.list().some((account) => account.name === asked.normalize('NFC')))
      workstation.accounts.select(asked);
    else dependencies.logger.warn('account.unknown-at-start', { account: asked.slice(0, 80) });
  }
  // The file's default, read once: from now on the window keeps its own (ipc/window-account.ts).
  const shown = windowAccount(workstation);
  // One reading of the settings file for both: the account shown, and its services (issue 36's readingOnce).
  const shownAccount = (): AccountServices => workstation.readingOnce(() => services.account(shown.name()));
  const dailyCheck =
    dependencies.dailyCheck ??
    createDailyCheckSchedule({
      platform: process.platform,
      run: systemSchtasks,
      clock: dependencies.clock,
      executable: process.execPath,
    });
  if (services.machineDailyCheckAt !== undefined)
    void registerMachineDailyCheck(dailyCheck, services.machineDailyCheckAt, dependencies.logger);
  const handlers = createHandlers({
    dailyCheck,
    appInfo: dependencies.appInfo,
    desktop: dependencies.desktop,
    userDataDir: dependencies.userDataDir,
    ...(dependencies.machineProfilePath ? { machineProfilePath: dependencies.machineProfilePath } : {}),
    ...(dependencies.machineFleetPath ? { machineFleetPath: dependencies.machineFleetPath } : {}),
    clock: dependencies.clock,
    workstation,
    secrets: services.secrets,
    logger: services.logger,
    windowAccount: shown,
    shownAccount,
  });
  return {
    dispatch: createDispatcher(handlers, dependencies.appOrigin, dependencies.logger),
    allReminders: services.allReminders,
    syncFleets: services.syncFleets,
    followMachineFleet: services.followMachineFleet,
  };
}
