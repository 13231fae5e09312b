import { randomBytes } from 'node:crypto';
import { lstat, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../failures/errors';
import { privateFileMode } from './private-files';

/**
 * Writes a file for the user's eyes only (an exported profile) where the user asked, possibly in
 * a shared folder: always a new file, created for the owner alone, then renamed over the target.
 * Writing into an existing file would keep its owner and its rights: another user who created it
 * beforehand would read what goes in. A symbolic link, a special file, or a file of another user
 * (POSIX owner; Windows keeps the folder's rights, see docs/developer/security.md) is
 * refused before anything is written.
 */
export async function replacePrivateFile(target: string, content: string): Promise<void> {
  const existing = await lstat(target).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AppError(
      'INVALID_INPUT',
      `le fichier ${target} est inaccessible ; choisissez un autre nom ou un autre dossier`,
    );
  });
  if (existing?.isSymbolicLink()) {
    throw new AppError(
      'INVALID_INPUT',
      `${target} est un lien symbolique : le profil ne s'écrit jamais à travers un lien ; choisissez un autre nom`,
    );
  }
  if (existing && !existing.isFile())
    throw new AppError('INVALID_INPUT', `${target} n'est pas un fichier ordinaire ; choisissez un autre nom`);
  if (existing && process.getuid && existing.uid !== process.getuid()) {
    throw new AppError(
      'INVALID_INPUT',
      `le fichier ${target} appartient à un autre utilisateur : il n'est pas remplacé ; choisissez un autre nom ou supprimez-le d'abord`,
    );
  }
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    // 'wx': a new file, never one that someone placed there under that name.
    await writeFile(temporary, content, { mode: privateFileMode, flag: 'wx' });
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    if (error instanceof AppError) throw error;
    throw new AppError(
      'INVALID_INPUT',
      `impossible d'écrire ${target} (droits du dossier, espace disque) ; choisissez un autre dossier`,
    );
  }
}
