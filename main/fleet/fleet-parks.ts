// The publisher's « Parc de postes » on the screen (issue 32): for each fleet this user publishes,
// the report in rows of words (report-rows.ts), the members waiting with their phrase, the last
// publication. A fleet whose folder cannot be read is said, the others still shown; reading is
// bounded in time so that a share that does not answer never holds the screen.
import type { FleetPark } from '../../common/fleet';
import { toFailure } from '../failures/errors';
import type { FleetBase } from './fleet-dependencies';
import type { FleetFolder } from './fleet-folder';
import { shownFingerprint } from './fleet-identity';
import { fleetReport, reportSeverity, type InspectShare } from './fleet-report';
import { readPublisherRecords } from './local-records';
import { reportRows, summaryLines } from './report-rows';
import { withDeadline } from './sync-fleet';

export interface FleetParksDependencies extends FleetBase {
  readonly openFolder: (path: string) => FleetFolder;
  readonly inspectShare?: InspectShare;
  readonly readDeadlineMs?: number;
}

export async function fleetParks(dependencies: FleetParksDependencies): Promise<FleetPark[]> {
  const parks: FleetPark[] = [];
  let records;
  try {
    records = readPublisherRecords(dependencies.userDataDir);
  } catch {
    return [];
  }
  for (const record of records) {
    const said = { fingerprint: shownFingerprint(record.fingerprint), folder: record.folder };
    try {
      const report = await withDeadline(
        fleetReport({ ...dependencies, folder: dependencies.openFolder(record.folder) }, dependencies.inspectShare),
        dependencies.readDeadlineMs,
        record.folder,
      );
      parks.push({
        ok: true,
        ...said,
        latestRevision: report.latestRevision,
        latestPublishedAt: report.latestPublishedAt,
        pending: report.pending,
        rows: reportRows(report),
        summary: summaryLines(report),
        severity: reportSeverity(report),
      });
    } catch (error) {
      const late = error instanceof Error && 'fleetLate' in error;
      const failure = late ? undefined : toFailure(error, 'screen');
      const waitedSeconds = Math.round((dependencies.readDeadlineMs ?? 0) / 1000);
      const message =
        failure?.message ??
        `Vérifiez que le partage est joignable, puis actualisez : le dossier partagé n'a pas répondu en ${waitedSeconds} s.`;
      parks.push({ ok: false, ...said, message, ...(failure?.details ? { details: failure.details } : {}) });
    }
  }
  return parks;
}
