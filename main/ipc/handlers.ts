// Every channel of the contract, served by the main-process services: one family of channels a
// file; what two families share (the previewed profile, the network operations) is made here.
import { createDailyCheckSchedule, systemSchtasks } from '../schedule/daily-check-schedule';
import { accountHandlers } from './account-handlers';
import type { HandlerDependencies, Handlers } from './channel-handlers';
import { connectionHandlers } from './connection-handlers';
import { dailyCheckHandlers } from './daily-check-handlers';
import { fleetHandlers } from './fleet-handlers';
import { exchangeHandlers } from './exchange-handlers';
import { createNetworkOperations } from './network-operations';
import { createPendingImportSlot } from './pending-import';
import { profileHandlers } from './profile-handlers';
import { settingsHandlers } from './settings-handlers';
import { supportHandlers } from './support-handlers';

export function createHandlers(dependencies: HandlerDependencies): Handlers {
  const pendingImport = createPendingImportSlot();
  const { clock, dailyCheck } = dependencies;
  return {
    ...supportHandlers(dependencies),
    ...settingsHandlers(dependencies),
    ...accountHandlers(dependencies, pendingImport),
    ...connectionHandlers(dependencies, createNetworkOperations(dependencies)),
    ...profileHandlers(dependencies, pendingImport),
    ...exchangeHandlers(dependencies),
    ...dailyCheckHandlers(
      dailyCheck ??
        createDailyCheckSchedule({
          platform: process.platform,
          run: systemSchtasks,
          clock,
          executable: process.execPath,
        }),
    ),
    ...fleetHandlers(dependencies),
  };
}
