// The fleet on the screen: the member's line — kept by the IT department, waiting for acceptance
// (the phrase), or the machine's pointer not followed (main/fleet/fleet-view.ts) — and the
// publisher's « Parc de postes » (main/fleet/fleet-parks.ts, loaded when asked for).
import { fleetView } from '../fleet/fleet-view';
import { platformPointerDistrust } from '../fleet/machine-pointer';
import type { HandlerDependencies, Handlers } from './channel-handlers';

/** How long the screen waits for a fleet's shared folder. */
const parkDeadlineMs = 30_000;

export function fleetHandlers({
  windowAccount,
  secrets,
  clock,
  logger,
  userDataDir,
  machineFleetPath,
}: HandlerDependencies): Pick<Handlers, 'getFleetView' | 'getFleetParks'> {
  return {
    getFleetView: () =>
      Promise.resolve(fleetView(userDataDir, windowAccount.name(), machineFleetPath, platformPointerDistrust)),
    getFleetParks: async () => {
      const [{ fleetParks }, { nodeFleetFolder }, { shareInspector }] = await Promise.all([
        import('../fleet/fleet-parks'),
        import('../fleet/fleet-folder'),
        import('../fleet/share-warnings'),
      ]);
      return {
        fleets: await fleetParks({
          secrets,
          clock,
          logger,
          userDataDir,
          openFolder: nodeFleetFolder,
          inspectShare: shareInspector(process.platform),
          readDeadlineMs: parkDeadlineMs,
        }),
      };
    },
  };
}
