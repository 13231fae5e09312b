// The publisher's side of a folder: which of this user's fleets the folder holds (by its
// certificate, never by the path typed), and the keys the keychain keeps for it.
import { AppError } from '../failures/errors';
import { certifiedPublisher, readTrust, type Trust } from './certificates';
import type { FleetDependencies } from './fleet-dependencies';
import { fleetEntries } from './fleet-keychain';
import { IgnoredFiles } from './ignored-files';
import { readPublisherRecords, type PublisherRecord } from './local-records';
import { publicKeyOf, keyId } from './signing-keys';

export interface Publisher {
  readonly record: PublisherRecord;
  readonly trust: Trust;
  readonly workingKey: string;
  readonly signer: string;
  readonly identity: string;
  /** The publisher's own name among a box's recipients. */
  readonly selfRecipientId: string;
  readonly ignored: IgnoredFiles;
}

export async function openPublisher(dependencies: FleetDependencies): Promise<Publisher> {
  const { folder, secrets, userDataDir } = dependencies;
  await folder.check();
  const ignored = new IgnoredFiles();
  for (const record of readPublisherRecords(userDataDir)) {
    const trust = await readTrust(
      folder,
      { fingerprint: record.fingerprint, rootKey: record.rootKey },
      new IgnoredFiles(),
      record.certificateSequence,
    );
    if (!trust) continue;
    const [workingKey, identity] = await Promise.all([
      secrets.get(fleetEntries.workingKey(record.fingerprint)),
      secrets.get(fleetEntries.publisherIdentity(record.fingerprint)),
    ]);
    if (workingKey === undefined || identity === undefined) break;
    const signer = keyId(publicKeyOf(workingKey));
    if (!certifiedPublisher(trust, signer)) {
      throw new AppError(
        'FLEET_NOT_PUBLISHER',
        "la clé de travail de ce poste n'est plus certifiée par la racine du parc (une rotation l'a remplacée)",
      );
    }
    return { record, trust, workingKey, signer, identity, selfRecipientId: `editeur-${signer}`, ignored };
  }
  throw new AppError('FLEET_NOT_PUBLISHER', folder.path);
}
