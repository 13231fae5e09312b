// At every start and in every daily check: the machine's fleet pointer followed for this Windows
// user. Not yet a member of its fleet: the user joins with nothing typed (no code: the workstation
// shows its phrase and waits for the IT person's `fleet publish --accept`); already a member: the
// folder the pointer names is the one read from now on (the share moved). What happened is kept
// for `status` and the screen.
import { toFailure } from '../failures/errors';
import type { FleetBase } from './fleet-dependencies';
import type { FleetFolder } from './fleet-folder';
import { shownFingerprint } from './fleet-identity';
import { joinFleet } from './join-fleet';
import { readMemberships, saveMembership, savePointerRecord, type PointerRecord } from './local-records';
import { mappedDriveRefusal } from './mapped-drive';
import { readMachinePointer, type PointerDistrust } from './machine-pointer';

export interface PointerDependencies extends FleetBase {
  readonly openFolder: (path: string) => FleetFolder;
  readonly pointerPath: string | undefined;
  readonly distrust: PointerDistrust;
  /** Self-declared in the join request: the workstation's and the user's names. */
  readonly machine: string;
  readonly user: string;
  /** What Windows reports as a folder's real path (a mapped drive's UNC path); none elsewhere. */
  readonly realPath?: (path: string) => string | undefined;
}

export type PointerOutcome =
  | { readonly kind: 'absent' }
  | { readonly kind: 'refused'; readonly path: string; readonly reason: string }
  | { readonly kind: 'member'; readonly path: string; readonly fingerprint: string; readonly moved: boolean }
  | {
      readonly kind: 'joined';
      readonly path: string;
      readonly fingerprint: string;
      readonly memberId: string;
      readonly phrase: string;
    }
  | { readonly kind: 'failed'; readonly path: string; readonly fingerprint: string; readonly reason: string };

async function kept(dependencies: PointerDependencies, outcome: PointerOutcome): Promise<PointerOutcome> {
  if (outcome.kind === 'absent') return outcome;
  const record: PointerRecord = {
    formatVersion: 1,
    path: outcome.path,
    at: dependencies.clock().toISOString(),
    outcome: outcome.kind,
    ...(outcome.kind === 'refused' ? {} : { fingerprint: outcome.fingerprint }),
    ...(outcome.kind === 'refused' || outcome.kind === 'failed' ? { reason: outcome.reason } : {}),
  };
  await savePointerRecord(dependencies.userDataDir, record).catch(() =>
    dependencies.logger.warn('fleet.pointer-record-unwritable', {}),
  );
  return outcome;
}

export async function followMachinePointer(dependencies: PointerDependencies): Promise<PointerOutcome> {
  const { logger, userDataDir } = dependencies;
  const reading = readMachinePointer(dependencies.pointerPath, dependencies.distrust);
  if (reading.kind === 'absent') return reading;
  if (reading.kind === 'refused') {
    logger.warn('fleet.pointer-refused', { path: reading.path, reason: reading.reason });
    return kept(dependencies, reading);
  }
  const { path, fingerprint, folder } = reading;
  // A mapped drive means nothing to the other users and the daily task: refused, with the UNC path.
  const reported = dependencies.realPath?.(folder);
  const mapped = reported === undefined ? undefined : mappedDriveRefusal(folder, reported);
  if (mapped !== undefined) return kept(dependencies, { kind: 'refused', path, reason: mapped });
  const existing = readMemberships(userDataDir).find((membership) => membership.fingerprint === fingerprint);
  if (existing) {
    const moved = existing.folder !== folder;
    if (moved) {
      await saveMembership(userDataDir, { ...existing, folder });
      logger.info('fleet.pointer-moved', { fingerprint });
    }
    return kept(dependencies, { kind: 'member', path, fingerprint, moved });
  }
  try {
    const joined = await joinFleet(
      { ...dependencies, folder: dependencies.openFolder(folder) },
      { fingerprint, rootKey: reading.rootKey, machine: dependencies.machine, user: dependencies.user },
    );
    logger.info('fleet.pointer-joined', { fingerprint });
    return await kept(dependencies, {
      kind: 'joined',
      path,
      fingerprint,
      memberId: joined.memberId,
      phrase: joined.phrase,
    });
  } catch (error) {
    const failure = toFailure(error, 'command-line');
    logger.warn('fleet.pointer-join-failed', { code: failure.code });
    return kept(dependencies, {
      kind: 'failed',
      path,
      fingerprint,
      reason: `le parc ${shownFingerprint(fingerprint)} n'a pas pu être rejoint : ${failure.message}`,
    });
  }
}
