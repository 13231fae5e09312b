// `fleet create FOLDER --root-key-file FILE --passphrase-stdin`: a root key for the safe, which
// certifies a working key (signs publications) and a publisher key (X25519, for what members send
// back); their private halves stay in this user's keychain.
import { constants } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { AppError } from '../failures/errors';
import { privateFileMode } from '../files/private-files';
import { checkPassphraseForExport } from '../profiles/profile-secrets';
import { anyCertificate, certificateFile, certificateFileName, newCertificate, publisherEntry } from './certificates';
import type { FleetDependencies } from './fleet-dependencies';
import { fingerprintOf, shownFingerprint } from './fleet-identity';
import { fleetEntries } from './fleet-keychain';
import { savePublisherRecord } from './local-records';
import { rootStateKey } from './root-state-key';
import { newAgeIdentity, sealRootKey } from './sealed-box';
import { generateSigningKey } from './signing-keys';

export interface CreatedFleet {
  readonly fingerprint: string;
  readonly folder: string;
  readonly rootKeyFile: string;
}

/** The root key's file, written once: an existing file (or link) is never replaced. */
async function writeNewPrivateFile(path: string, content: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, privateFileMode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new AppError(
        'INVALID_INPUT',
        `--root-key-file : ${path} existe déjà ; la clé racine d'un parc ne remplace jamais un fichier, choisissez un nouveau nom`,
      );
    }
    throw new AppError(
      'INVALID_INPUT',
      `--root-key-file : impossible d'écrire ${path} (dossier absent ou protégé) ; choisissez un autre emplacement`,
    );
  }
  try {
    await handle.writeFile(content);
  } finally {
    await handle.close();
  }
}

export async function createFleet(
  dependencies: FleetDependencies,
  rootKeyFile: string,
  passphrase: string,
): Promise<CreatedFleet> {
  const { folder, secrets, clock, logger, userDataDir } = dependencies;
  checkPassphraseForExport(passphrase);
  await folder.createLayout();
  if (await anyCertificate(folder)) {
    throw new AppError(
      'INVALID_INPUT',
      `${folder.path} contient déjà un parc de postes : choisissez un dossier vide (un dossier par parc)`,
    );
  }
  const root = generateSigningKey();
  const fingerprint = fingerprintOf(root.publicKey);
  const working = generateSigningKey();
  const publisher = await newAgeIdentity();
  // The keychain first: unavailable, nothing has been written anywhere yet.
  await secrets.set(fleetEntries.workingKey(fingerprint), working.privateKey);
  await secrets.set(fleetEntries.publisherIdentity(fingerprint), publisher.identity);
  await writeNewPrivateFile(
    rootKeyFile,
    await sealRootKey(
      {
        formatVersion: 1,
        kind: 'cle-racine-flotte',
        fleet: fingerprint,
        rootKey: root.publicKey,
        privateKey: root.privateKey,
      },
      passphrase,
    ),
  );
  const certificate = newCertificate(
    root.publicKey,
    1,
    [publisherEntry(working.publicKey, publisher.recipient)],
    clock,
    (await rootStateKey(root.privateKey)).recipient,
  );
  try {
    if (!(await folder.create('certificats', certificateFileName(1), certificateFile(root.privateKey, certificate)))) {
      throw new AppError(
        'INVALID_INPUT',
        `${folder.path} : un fichier certificat-1 y a été déposé entre-temps ; choisissez un dossier vide`,
      );
    }
  } catch (error) {
    await rm(rootKeyFile, { force: true });
    throw error;
  }
  await savePublisherRecord(userDataDir, {
    fingerprint,
    rootKey: root.publicKey,
    folder: folder.path,
    createdAt: clock().toISOString(),
    certificateSequence: 1,
    lastRevision: 0,
    members: [],
    invitations: [],
    assignments: [],
  });
  logger.info('fleet.created', { fingerprint });
  return { fingerprint: shownFingerprint(fingerprint), folder: folder.path, rootKeyFile };
}
