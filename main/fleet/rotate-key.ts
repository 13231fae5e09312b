// `fleet rotate-key FOLDER --root-key-file FILE --passphrase-stdin [--add-publisher]`, on the
// workstation that will publish from now on: the root (its file and passphrase) certifies a new
// working key and publisher key made here, in the next certificate. Without --add-publisher they
// replace every other publisher (the PC died, the contractor changed: the old keys can no longer
// publish); with it, they are certified beside the current ones (a second publisher). Members
// accept the next publication without joining again. The root's own key opens the latest
// publishers' box: the members, the names given, the assignments and the accounts come back here.
import type { Clock } from '../dates/clock';
import { AppError } from '../failures/errors';
import {
  newCertificate,
  publisherEntry,
  certificateFile,
  certificateFileName,
  readTrust,
  type Trust,
} from './certificates';
import type { FleetDependencies } from './fleet-dependencies';
import type { BoxContent, Publication, PublishedMember, PublisherState } from './fleet-formats';
import { fingerprintOf, shownFingerprint } from './fleet-identity';
import { fleetEntries } from './fleet-keychain';
import { IgnoredFiles } from './ignored-files';
import { readJoinRequests } from './join-requests';
import {
  lastPublicationCopyPath,
  readPublisherRecords,
  savePublisherRecord,
  writePrivate,
  type PublisherRecord,
} from './local-records';
import { latestPublicationHeader } from './publication-files';
import { mergePublisherState, openPublishersBox, stateOf } from './publisher-state';
import { rootRecipientId, rootStateKey } from './root-state-key';
import { newAgeIdentity, openRootKey, sealTo } from './sealed-box';
import { fleetFormatVersion, signedFile } from './signed-file';
import { generateSigningKey, keyId, publicKeyOf } from './signing-keys';

export interface RotateRequest {
  readonly rootKeyFileText: string;
  readonly passphrase: string;
  readonly addPublisher: boolean;
}

export interface Rotated {
  readonly fingerprint: string;
  readonly sequence: number;
  /** The publishers certified now, this one included. */
  readonly publishers: number;
  /** Key ids no longer certified. */
  readonly revoked: readonly string[];
  readonly lastRevision: number;
  readonly members: number;
  /** The accounts of the latest publication, applied to this workstation. */
  readonly accounts: readonly string[];
  readonly warnings: readonly string[];
}

/** The folder's fleet, as the root file names it; its certificates must be there. */
async function folderTrust(dependencies: FleetDependencies, fingerprint: string, rootKey: string): Promise<Trust> {
  await dependencies.folder.check();
  const trust = await readTrust(dependencies.folder, { fingerprint, rootKey }, new IgnoredFiles());
  if (!trust)
    throw new AppError(
      'FLEET_FINGERPRINT_MISMATCH',
      `le dossier ${dependencies.folder.path} n'est pas celui du parc ${shownFingerprint(fingerprint)} de ce fichier de clé racine (ou ses certificats ont été supprimés)`,
    );
  return trust;
}

/** Without a publishers' box the root can open (a fleet published before it was sealed to the root): the members, from the folder. */
async function membersFromFolder(
  dependencies: FleetDependencies,
  latest: Publication,
): Promise<{ state: PublisherState; lost: string[] }> {
  const joins = await readJoinRequests(dependencies.folder, latest.fleet, new IgnoredFiles());
  const members: PublishedMember[] = [];
  const lost: string[] = [];
  for (const [ids, state] of [
    [latest.members, 'accepted'],
    [latest.removed, 'removed'],
  ] as const) {
    for (const id of ids) {
      const join = joins.find((candidate) => candidate.id === id);
      if (!join) {
        if (state === 'accepted') lost.push(id);
        continue;
      }
      const { request } = join;
      members.push({
        id,
        recipient: request.recipient,
        memberKey: request.memberKey,
        machine: request.machine,
        user: request.user,
        state,
        acceptedAt: latest.publishedAt,
        via: 'phrase',
        ...(state === 'removed' ? { removedAt: latest.publishedAt } : {}),
      });
    }
  }
  return { state: { members, assignments: [] }, lost };
}

/** The keychain entries written, then `write` (the certificate); anything failing puts the previous keys back. */
async function withNewKeys(
  dependencies: FleetDependencies,
  fingerprint: string,
  keys: { workingKey: string; identity: string },
  write: () => Promise<number>,
): Promise<number> {
  const { secrets } = dependencies;
  const entries = [
    [fleetEntries.workingKey(fingerprint), keys.workingKey],
    [fleetEntries.publisherIdentity(fingerprint), keys.identity],
  ] as const;
  const previous = await Promise.all(entries.map(([entry]) => secrets.get(entry)));
  try {
    for (const [entry, value] of entries) await secrets.set(entry, value);
    return await write();
  } catch (error) {
    for (const [index, [entry]] of entries.entries()) {
      const before = previous[index];
      await (before === undefined ? secrets.delete(entry) : secrets.set(entry, before)).catch(() =>
        dependencies.logger.error('fleet.rotation-rollback-failed', {}),
      );
    }
    throw error;
  }
}

/**
 * The publisher's private copy of the latest accounts, sealed to its new key: the next
 * publication's digests of replaced passwords come from it.
 */
async function ownCopy(
  fingerprint: string,
  sequence: number,
  revision: number,
  clock: Clock,
  keys: { workingKey: string; recipient: string },
  accounts: BoxContent['accounts'],
): Promise<Buffer> {
  const signer = keyId(publicKeyOf(keys.workingKey));
  const content: BoxContent = {
    formatVersion: fleetFormatVersion,
    fleet: fingerprint,
    revision,
    accounts: [...accounts],
  };
  const copy: Publication = {
    formatVersion: fleetFormatVersion,
    fleet: fingerprint,
    revision,
    publishedAt: clock().toISOString(),
    certificate: sequence,
    members: [],
    removed: [],
    invitationsUsed: [],
    boxes: [{ recipients: [`editeur-${signer}`], sealed: await sealTo([keys.recipient], content) }],
  };
  return signedFile('publication', signer, keys.workingKey, copy);
}

export async function rotateKey(
  dependencies: FleetDependencies,
  request: RotateRequest,
  apply?: (content: BoxContent) => Promise<readonly string[]>,
): Promise<Rotated> {
  const { folder, secrets, clock, logger, userDataDir } = dependencies;
  const root = await openRootKey(request.rootKeyFileText, request.passphrase);
  if (fingerprintOf(root.rootKey) !== root.fleet)
    throw new AppError(
      'INVALID_INPUT',
      "fichier de la clé racine : son contenu n'est pas cohérent (clé et empreinte différentes) ; reprenez la copie gardée au coffre",
    );
  const trust = await folderTrust(dependencies, root.fleet, root.rootKey);
  const existing = readPublisherRecords(userDataDir).find((record) => record.fingerprint === root.fleet);
  const ownKey = await secrets.get(fleetEntries.workingKey(root.fleet));
  const alreadyCertified =
    ownKey !== undefined &&
    trust.certificate.publishers.some((publisher) => publisher.id === keyId(publicKeyOf(ownKey)));
  if (request.addPublisher && alreadyCertified) {
    throw new AppError(
      'INVALID_INPUT',
      '--add-publisher : ce poste (cet utilisateur) publie déjà pour ce parc ; lancez la commande sur le poste du second éditeur, ou sans --add-publisher pour remplacer les clés',
    );
  }
  if (request.addPublisher && trust.certificate.publishers.length >= 16)
    throw new AppError(
      'INVALID_INPUT',
      '--add-publisher : 16 postes de publication au plus ; remplacez-les (fleet rotate-key sans --add-publisher)',
    );

  const stateKey = await rootStateKey(root.privateKey);
  const latest = await latestPublicationHeader(folder, trust, new IgnoredFiles());
  const recovered =
    latest === undefined ? undefined : await openPublishersBox(latest, rootRecipientId, stateKey.identity);
  const warnings: string[] = [];
  let state: PublisherState = existing ? stateOf(existing) : { members: [], assignments: [] };
  if (recovered?.state) state = mergePublisherState(state, recovered.state);
  else if (latest) {
    const rebuilt = await membersFromFolder(dependencies, latest);
    state = mergePublisherState(state, rebuilt.state);
    warnings.push(
      "La dernière publication n'a pas pu être ouverte avec la clé racine : les postes sont repris du dossier, sans les noms donnés ni les attributions de comptes (fleet assign) ; refaites-les avant de publier.",
    );
    if (rebuilt.lost.length > 0)
      warnings.push(
        `Postes dont la demande d'adhésion a disparu du dossier, à faire rejoindre à nouveau (fleet join) : ${rebuilt.lost.join(', ')}.`,
      );
  }

  const working = generateSigningKey();
  const publisherKey = await newAgeIdentity();
  const entry = publisherEntry(working.publicKey, publisherKey.recipient);
  const publishers = request.addPublisher ? [...trust.certificate.publishers, entry] : [entry];
  const sequence = await withNewKeys(
    dependencies,
    root.fleet,
    { workingKey: working.privateKey, identity: publisherKey.identity },
    async () => {
      // The next free number: a name someone planted is skipped, never written over.
      for (let next = trust.certificate.sequence + 1; next <= trust.certificate.sequence + 50; next += 1) {
        const certificate = newCertificate(root.rootKey, next, publishers, clock, stateKey.recipient);
        if (
          await folder.create('certificats', certificateFileName(next), certificateFile(root.privateKey, certificate))
        )
          return next;
      }
      throw new AppError(
        'FLEET_UNREACHABLE',
        `${folder.path} : aucun nom de certificat libre (le dossier certificats est encombré)`,
      );
    },
  );

  const lastRevision = Math.max(existing?.lastRevision ?? 0, latest?.revision ?? 0);
  const record: PublisherRecord = {
    fingerprint: root.fleet,
    rootKey: root.rootKey,
    folder: folder.path,
    createdAt: existing?.createdAt ?? clock().toISOString(),
    certificateSequence: sequence,
    lastRevision,
    members: [...state.members],
    // Invitations signed by a key no longer certified cannot be proven any more; a second publisher starts with none.
    invitations: request.addPublisher ? [] : (existing?.invitations ?? []),
    assignments: [...state.assignments],
  };
  await savePublisherRecord(userDataDir, record);
  const applied = recovered && apply ? await apply(recovered) : [];
  if (recovered)
    await writePrivate(
      lastPublicationCopyPath(userDataDir, root.fleet),
      await ownCopy(
        root.fleet,
        sequence,
        lastRevision,
        clock,
        { workingKey: working.privateKey, recipient: publisherKey.recipient },
        recovered.accounts,
      ),
    );
  const revoked = request.addPublisher
    ? []
    : trust.certificate.publishers.map((publisher) => publisher.id).filter((id) => id !== entry.id);
  logger.info('fleet.key-rotated', {
    sequence,
    added: request.addPublisher,
    revoked: revoked.length,
    members: state.members.length,
  });
  return {
    fingerprint: shownFingerprint(root.fleet),
    sequence,
    publishers: publishers.length,
    revoked,
    lastRevision,
    members: state.members.filter((member) => member.state === 'accepted').length,
    accounts: applied,
    warnings,
  };
}
