// `test --all` on a member of a fleet: the fleet's folder read first (10 s at most: a share that
// does not answer is not an error for the check, which tests with what it has and says so), then
// every account tested; after a refused password of an account the fleet manages, the folder is
// read again and that account retested only if something new arrived. Last, this workstation's
// status goes to the folder for the IT person's report (issue 32).
import { fleetManagedAccounts, readMemberships } from '../fleet/local-records';
import type { FleetSync } from '../fleet/sync-fleet';
import type { CoreServices } from '../accounts/core-services';
import type { CommandResult } from './command-result';
import { pointerJson, pointerLines, syncLines } from './fleet-lines';
import { testAccounts, testAllAccounts, testAllResult, type AccountTestOutcome } from './test-all-accounts';

/** How long the daily check waits for the fleet's folder. */
export const dailyCheckFleetDeadlineMs = 10_000;

export type TestAllResult = CommandResult & { readonly outcomes: readonly AccountTestOutcome[] };

const memberOfAFleet = (userDataDir: string): boolean => {
  try {
    return readMemberships(userDataDir).length > 0;
  } catch {
    return false;
  }
};

const fleetJson = (results: readonly FleetSync[]) => results.map((result) => ({ fingerprint: result.fingerprint, ...result.outcome, ignored: result.ignored.total }));

export async function testAllWithFleet(services: CoreServices, userDataDir: string): Promise<TestAllResult & { readonly fleetManaged: ReadonlySet<string> }> {
  // The machine's pointer first: a user not yet a member joins here too (those who never open the app).
  const pointer = await services.followMachineFleet(dailyCheckFleetDeadlineMs);
  const pointerSaid = { lines: pointerLines(pointer), json: pointerJson(pointer) };
  if (!memberOfAFleet(userDataDir)) {
    const alone = await testAllAccounts(services);
    return { ...alone, json: { ...alone.json, ...(pointerSaid.json ? { machineFleet: pointerSaid.json } : {}) }, lines: [...pointerSaid.lines, ...alone.lines], fleetManaged: new Set() };
  }
  const synced = await services.syncFleets(dailyCheckFleetDeadlineMs);
  const unreachable = synced.some((result) => result.outcome.kind === 'failed');
  let fleetManaged = fleetManagedAccounts(userDataDir);
  let outcomes = [...(await testAllAccounts(services)).outcomes];
  const refused = outcomes.filter((outcome) => outcome.ok === false && outcome.code === 'AUTH_REJECTED' && fleetManaged.has(outcome.account)).map((outcome) => outcome.account);
  let again: FleetSync[] = [];
  if (refused.length > 0) {
    again = await services.syncFleets(dailyCheckFleetDeadlineMs);
    if (again.some((result) => result.outcome.kind === 'applied')) {
      fleetManaged = fleetManagedAccounts(userDataDir);
      const retested = await testAccounts(services, refused);
      outcomes = outcomes.map((outcome) => retested.find((candidate) => candidate.account === outcome.account) ?? outcome);
    }
  }
  const result = testAllResult(outcomes);
  // What the IT person's report reads (issue 32): this workstation's status, after the tests.
  const statuses = await services.reportFleetStatus(dailyCheckFleetDeadlineMs);
  const statusFailures = statuses.filter((status) => status.outcome === 'failed');
  return {
    ...result,
    fleetManaged,
    json: { ...result.json, fleet: fleetJson(synced), fleetStatus: statuses.map((status) => ({ fingerprint: status.fingerprint, outcome: status.outcome, ...(status.reason === undefined ? {} : { reason: status.reason }) })), ...(again.length > 0 ? { fleetAfterRefusal: fleetJson(again) } : {}), ...(pointerSaid.json ? { machineFleet: pointerSaid.json } : {}) },
    lines: [
      ...pointerSaid.lines,
      ...syncLines(synced),
      ...(unreachable ? ['Le dossier du parc de postes n’a pas pu être lu : les comptes sont testés avec ce que ce poste a déjà.'] : []),
      ...result.lines,
      ...(again.length > 0 ? syncLines(again).map((line) => `Après un mot de passe refusé — ${line}`) : []),
      ...statusFailures.map((status) => `L’état de ce poste n’a pas pu être déposé dans le dossier du parc (${status.reason ?? 'raison inconnue'}) : le service informatique le verra « sans nouvelles » ; il sera déposé à la prochaine vérification.`),
    ],
  };
}
