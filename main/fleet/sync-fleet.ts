// `fleet sync` (and the daily check, and the app at start): for each fleet this user is a member
// of, the highest valid revision above the last applied — signed by a key the root certified,
// decryptable by this member — is applied. Everything else in the folder is ignored and counted.
import { toFailure } from '../failures/errors';
import type { FailureCode } from '../../common/failures';
import { applyPublication, type ApplyDependencies } from './apply-publication';
import { readTrust, type Trust } from './certificates';
import type { FleetBase } from './fleet-dependencies';
import type { FleetFolder } from './fleet-folder';
import { machineDestinationsRefusal } from '../settings/machine-only-destinations';
import { boxContentSchema, type BoxContent } from './fleet-formats';
import { phraseOf } from './fleet-identity';
import { raiseMemberState, readMemberKeys, readMemberState } from './fleet-keychain';
import { IgnoredFiles } from './ignored-files';
import { readMemberships, saveMembership, type Membership } from './local-records';
import { maxPublicationsTried, openPublication, publicationCandidates } from './publication-files';
import { openSealed, recipientOf } from './sealed-box';
import { publicKeyOf } from './signing-keys';

export interface SyncDependencies extends FleetBase, ApplyDependencies {
  readonly openFolder: (path: string) => FleetFolder;
  /** How long reading the folder may take (the daily check: 10 s); applying, local, always finishes. */
  readonly readDeadlineMs?: number;
}

export type FleetSyncOutcome =
  | {
      readonly kind: 'applied';
      readonly revision: number;
      readonly received: readonly string[];
      readonly accounts: readonly string[];
      readonly conflicts: readonly { account: string; kept: string }[];
      readonly skipped: readonly string[];
      /** Accounts another fleet of this user manages under the same name: left to that fleet. */
      readonly otherFleet: readonly string[];
    }
  | { readonly kind: 'nothing-new'; readonly revision: number }
  | { readonly kind: 'pending'; readonly phrase: string }
  | { readonly kind: 'removed'; readonly revision: number }
  | { readonly kind: 'failed'; readonly code: FailureCode; readonly message: string };

export interface FleetSync {
  readonly fingerprint: string;
  readonly memberId: string;
  readonly folder: string;
  readonly outcome: FleetSyncOutcome;
  readonly ignored: IgnoredFiles;
}

type Found =
  | { readonly kind: 'box'; readonly revision: number; readonly content: BoxContent }
  | { readonly kind: 'removed'; readonly revision: number }
  | { readonly kind: 'none' };

/** Reading the folder bounded in time (the daily check's 10 s): past it, rejected with `fleetLate`. */
export function withDeadline<T>(work: Promise<T>, ms: number | undefined, folder: string): Promise<T> {
  if (ms === undefined) return work;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('late'), { fleetLate: folder })), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** The highest valid publication above the last applied one that says something to this member. */
async function findPublication(
  folder: FleetFolder,
  trust: Trust,
  membership: Membership,
  identity: string,
  above: number,
  ignored: IgnoredFiles,
): Promise<Found> {
  for (const file of (await publicationCandidates(folder, above, ignored)).slice(0, maxPublicationsTried)) {
    const publication = await openPublication(folder, file, trust, ignored);
    if (!publication) continue;
    if (publication.removed.includes(membership.memberId)) return { kind: 'removed', revision: publication.revision };
    const box = publication.boxes.find((candidate) => candidate.recipients.includes(membership.memberId));
    if (!box) {
      ignored.add('not-for-this-member');
      continue;
    }
    const opened = await openSealed(box.sealed, identity);
    // A publisher never chooses the program that receives a password: refused, and said so.
    if (machineDestinationsRefusal(opened) !== undefined) {
      ignored.add('machine-destinations');
      continue;
    }
    const parsed = boxContentSchema.safeParse(opened);
    // The box is bound to its fleet and revision too: one moved from another publication is not this one.
    if (!parsed.success || parsed.data.fleet !== trust.fingerprint || parsed.data.revision !== publication.revision) {
      ignored.add('invalid-content');
      continue;
    }
    return { kind: 'box', revision: publication.revision, content: parsed.data };
  }
  return { kind: 'none' };
}

async function syncOne(dependencies: SyncDependencies, membership: Membership): Promise<FleetSync> {
  const { secrets, clock, logger, userDataDir } = dependencies;
  const ignored = new IgnoredFiles();
  const result = (outcome: FleetSyncOutcome): FleetSync => ({
    fingerprint: membership.fingerprint,
    memberId: membership.memberId,
    folder: membership.folder,
    outcome,
    ignored,
  });
  try {
    const keys = await readMemberKeys(secrets, membership.fingerprint);
    if (!keys)
      return result({
        kind: 'failed',
        code: 'FLEET_NOT_MEMBER',
        message:
          'les clés de ce poste pour ce parc ne sont plus dans le coffre-fort : rejoignez-le à nouveau avec fleet join',
      });
    const state = await readMemberState(secrets, membership.fingerprint);
    const folder = dependencies.openFolder(membership.folder);
    const reading = (async () => {
      await folder.check();
      const trust = await readTrust(
        folder,
        { fingerprint: membership.fingerprint, rootKey: membership.rootKey },
        ignored,
        state.certificateSequence,
      );
      if (!trust) return undefined;
      return {
        trust,
        found: await findPublication(folder, trust, membership, keys.identity, state.lastRevision, ignored),
      };
    })();
    const read = await withDeadline(reading, dependencies.readDeadlineMs, membership.folder);
    if (!read) {
      const code = ignored.newerFormat ? 'FLEET_NEWER_FORMAT' : 'FLEET_UNREACHABLE';
      return result({
        kind: 'failed',
        code,
        message:
          code === 'FLEET_UNREACHABLE'
            ? 'aucun certificat valide du parc dans le dossier (supprimé ou altéré)'
            : 'certificat du parc écrit par une version plus récente',
      });
    }
    const { trust, found } = read;
    await raiseMemberState(secrets, membership.fingerprint, {
      lastRevision: state.lastRevision,
      certificateSequence: trust.certificate.sequence,
    });
    if (found.kind === 'removed') return result({ kind: 'removed', revision: found.revision });
    if (found.kind === 'none') {
      if (state.lastRevision > 0) return result({ kind: 'nothing-new', revision: state.lastRevision });
      return result({
        kind: 'pending',
        phrase: await phraseOf(publicKeyOf(keys.signingKey), await recipientOf(keys.identity)),
      });
    }
    // An account keeps its fleet: one another fleet of this user manages is not taken over (a
    // secrétaire shared by three communes is in three fleets, each with its own accounts).
    const elsewhere = new Set(
      readMemberships(userDataDir)
        .filter((other) => other.fingerprint !== membership.fingerprint)
        .flatMap((other) => other.managedAccounts),
    );
    const otherFleet = found.content.accounts
      .filter((account) => elsewhere.has(account.name))
      .map((account) => account.name);
    const applied = await applyPublication(dependencies, {
      ...found.content,
      accounts: found.content.accounts.filter((account) => !elsewhere.has(account.name)),
    });
    const at = clock().toISOString();
    const undecided = applied.conflicts.some((conflict) => conflict.kept === 'undecided');
    // Undecided (Chorus Pro unreachable for a disagreement): the revision is read again next time.
    if (!undecided)
      await raiseMemberState(secrets, membership.fingerprint, {
        lastRevision: found.revision,
        certificateSequence: trust.certificate.sequence,
      });
    await saveMembership(userDataDir, {
      ...membership,
      appliedRevision: undecided ? membership.appliedRevision : found.revision,
      appliedAt: undecided ? membership.appliedAt : at,
      managedAccounts: [...applied.accounts],
      disagreements: [
        ...membership.disagreements,
        ...applied.conflicts.map((conflict) => ({
          account: conflict.account,
          revision: found.revision,
          at,
          kept: conflict.kept,
        })),
      ].slice(-200),
    });
    logger.info('fleet.synced', {
      revision: found.revision,
      accounts: applied.accounts.length,
      received: applied.received.length,
      conflicts: applied.conflicts.length,
      ignored: ignored.total,
    });
    return result({ kind: 'applied', revision: found.revision, ...applied, otherFleet });
  } catch (error) {
    const late = error instanceof Error && 'fleetLate' in error;
    const failure = late
      ? {
          code: 'FLEET_UNREACHABLE' as const,
          message: `le partage n'a pas répondu en ${Math.round((dependencies.readDeadlineMs ?? 0) / 1000)} s`,
        }
      : toFailure(error, 'command-line');
    logger.warn('fleet.sync-failed', { code: failure.code });
    return result({ kind: 'failed', code: failure.code, message: failure.message });
  }
}

/** Every fleet of this user, one after the other; an empty list when it is a member of none. */
export async function syncFleets(dependencies: SyncDependencies): Promise<FleetSync[]> {
  const results: FleetSync[] = [];
  for (const membership of readMemberships(dependencies.userDataDir))
    results.push(await syncOne(dependencies, membership));
  return results;
}
