// `test --all`'s words for the daily check the core runs (daily-check/daily-check.ts): the machine's
// fleet pointer and the fleet's folder said first, then the accounts, then what the IT person's
// report could not receive.
import type { CoreServices } from '../accounts/core-services';
import { runDailyCheck } from '../daily-check/daily-check';
import type { AccountTestOutcome } from '../daily-check/test-accounts';
import type { FleetSync } from '../fleet/sync-fleet';
import type { CommandResult } from './command-result';
import { pointerJson, pointerLines, syncLines } from './fleet-lines';
import { commandLineTests, testAllResult } from './test-all-accounts';

export type TestAllResult = CommandResult & { readonly outcomes: readonly AccountTestOutcome[] };

const fleetJson = (results: readonly FleetSync[]) =>
  results.map((result) => ({ fingerprint: result.fingerprint, ...result.outcome, ignored: result.ignored.total }));

export async function testAllWithFleet(
  services: CoreServices,
  userDataDir: string,
): Promise<TestAllResult & { readonly fleetManaged: ReadonlySet<string> }> {
  const { pointer, outcomes, fleetManaged, fleet } = await runDailyCheck(
    services,
    userDataDir,
    commandLineTests(services),
  );
  const pointerSaid = { lines: pointerLines(pointer), json: pointerJson(pointer) };
  const result = testAllResult(outcomes);
  if (fleet === undefined) {
    return {
      ...result,
      json: { ...result.json, ...(pointerSaid.json ? { machineFleet: pointerSaid.json } : {}) },
      lines: [...pointerSaid.lines, ...result.lines],
      fleetManaged,
    };
  }
  const { synced, again, statuses } = fleet;
  const unreachable = synced.some((sync) => sync.outcome.kind === 'failed');
  const statusFailures = statuses.filter((status) => status.outcome === 'failed');
  return {
    ...result,
    fleetManaged,
    json: {
      ...result.json,
      fleet: fleetJson(synced),
      fleetStatus: statuses.map((status) => ({
        fingerprint: status.fingerprint,
        outcome: status.outcome,
        ...(status.reason === undefined ? {} : { reason: status.reason }),
      })),
      ...(again.length > 0 ? { fleetAfterRefusal: fleetJson(again) } : {}),
      ...(pointerSaid.json ? { machineFleet: pointerSaid.json } : {}),
    },
    lines: [
      ...pointerSaid.lines,
      ...syncLines(synced),
      ...(unreachable
        ? ['Le dossier du parc de postes n’a pas pu être lu : les comptes sont testés avec ce que ce poste a déjà.']
        : []),
      ...result.lines,
      ...(again.length > 0 ? syncLines(again).map((line) => `Après un mot de passe refusé — ${line}`) : []),
      ...statusFailures.map(
        (status) =>
          'L’état de ce poste n’a pas pu être déposé dans le dossier du parc (' +
          (status.reason ?? 'raison inconnue') +
          ') : le service informatique le verra « sans nouvelles » ; il sera déposé à la prochaine vérification.',
      ),
    ],
  };
}
