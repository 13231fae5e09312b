// The fleet's line on the screen: kept by the IT department, waiting for acceptance (the phrase),
// or the machine's pointer not followed (main/fleet/fleet-view.ts).
import { fleetView } from '../fleet/fleet-view';
import { platformPointerDistrust } from '../fleet/machine-pointer';
import type { HandlerDependencies, Handlers } from './channel-handlers';

export function fleetHandlers({ settings, userDataDir, machineFleetPath }: HandlerDependencies): Pick<Handlers, 'getFleetView'> {
  return {
    getFleetView: () => Promise.resolve(fleetView(userDataDir, settings.accountName(), machineFleetPath, platformPointerDistrust)),
  };
}
