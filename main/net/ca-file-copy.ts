import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../failures/errors';
import { boundedReadReason, readBoundedFile } from '../files/bounded-read';
import { privateFileMode } from '../files/private-files';
import { certificatesOnly } from './ca-certificates';

/** As much as a profile may carry: an authority file is a few certificates, a few kilobytes. */
export const maxCaFileBytes = 256 * 1024;

/** Reads an extra authority's certificates, refusing a file that holds anything else (INVALID_INPUT). */
export async function readCaFile(path: string): Promise<string> {
  const read = await readBoundedFile(path, maxCaFileBytes);
  if (!read.ok) {
    throw new AppError(
      'INVALID_INPUT',
      `Certificat d'autorité : ${read.kind === 'unreadable' ? 'fichier illisible' : boundedReadReason(read, maxCaFileBytes)} (${path})`,
    );
  }
  const bundle = certificatesOnly(read.text);
  if (!bundle.ok) throw new AppError('INVALID_INPUT', `Certificat d'autorité : ${bundle.reason} (${path})`);
  return bundle.pem;
}

/** The private copy's name: made of its content, so two accounts trusting one authority share it. */
export const caCopyFileName = (pem: string): string =>
  `autorite-${createHash('sha256').update(pem).digest('hex').slice(0, 16)}.pem`;

/**
 * A chosen authority file is copied, certificates only, into the private user-data folder, and
 * the copy is what every connection reads: whoever can write the folder the file came from (a
 * network share) cannot swap the authority afterwards.
 */
export async function keepCaCopy(sourcePath: string, userDataDir: string): Promise<string> {
  const pem = await readCaFile(sourcePath);
  const copy = join(userDataDir, caCopyFileName(pem));
  try {
    await writeFile(copy, pem, { mode: privateFileMode });
  } catch {
    throw new AppError(
      'INVALID_INPUT',
      `Certificat d'autorité : impossible de le copier dans le dossier de l'application (${userDataDir}) ; vérifiez l'espace disque et les droits de ce dossier, puis choisissez-le à nouveau`,
    );
  }
  return copy;
}
