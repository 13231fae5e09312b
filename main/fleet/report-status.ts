// After each daily check, every fleet this user is a member of gets this workstation's status
// (write-member-status.ts). Reading the certificate is bounded like the sync's (10 s in the daily
// check); a share that does not answer is said, never a failure of the check.
import type { StoredAccount } from '../settings/settings-schema';
import { readTrust } from './certificates';
import type { FleetBase } from './fleet-dependencies';
import type { FleetFolder } from './fleet-folder';
import { readMemberKeys, readMemberState } from './fleet-keychain';
import { IgnoredFiles } from './ignored-files';
import { readMemberships } from './local-records';
import { withDeadline } from './sync-fleet';
import { writeMemberStatus } from './write-member-status';

export interface StatusReportDependencies extends FleetBase {
  readonly openFolder: (path: string) => FleetFolder;
  readonly readDeadlineMs?: number;
  readonly appVersion: string;
}

export interface StatusReported {
  readonly fingerprint: string;
  readonly folder: string;
  /** `written`; `failed` with why (the share unreachable, no valid certificate, keys gone). */
  readonly outcome: 'written' | 'failed';
  readonly reason?: string;
}

export async function reportStatusToFleets(
  dependencies: StatusReportDependencies,
  accounts: readonly StoredAccount[],
): Promise<StatusReported[]> {
  const { secrets, clock, logger, userDataDir } = dependencies;
  const reported: StatusReported[] = [];
  for (const membership of readMemberships(userDataDir)) {
    const said = (outcome: StatusReported['outcome'], reason?: string): StatusReported => ({
      fingerprint: membership.fingerprint,
      folder: membership.folder,
      outcome,
      ...(reason === undefined ? {} : { reason }),
    });
    try {
      const keys = await readMemberKeys(secrets, membership.fingerprint);
      if (!keys) {
        reported.push(said('failed', 'les clés de ce poste pour ce parc ne sont plus dans le coffre-fort'));
        continue;
      }
      const folder = dependencies.openFolder(membership.folder);
      const writing = (async () => {
        await folder.check();
        const state = await readMemberState(secrets, membership.fingerprint);
        const trust = await readTrust(
          folder,
          { fingerprint: membership.fingerprint, rootKey: membership.rootKey },
          new IgnoredFiles(),
          state.certificateSequence,
        );
        if (!trust) return 'aucun certificat valide du parc dans le dossier';
        await writeMemberStatus(folder, {
          trust,
          membership,
          keys,
          accounts,
          appVersion: dependencies.appVersion,
          now: clock(),
          occasion: 'check',
        });
        return undefined;
      })();
      const refusal = await withDeadline(writing, dependencies.readDeadlineMs, membership.folder);
      reported.push(refusal === undefined ? said('written') : said('failed', refusal));
    } catch (error) {
      const late = error instanceof Error && 'fleetLate' in error;
      reported.push(
        said(
          'failed',
          late
            ? `le partage n'a pas répondu en ${Math.round((dependencies.readDeadlineMs ?? 0) / 1000)} s`
            : 'le dossier du parc est injoignable ou refuse l’écriture',
        ),
      );
    }
  }
  const failed = reported.filter((report) => report.outcome === 'failed').length;
  if (reported.length > 0) logger.info('fleet.status-reported', { fleets: reported.length, failed });
  return reported;
}
