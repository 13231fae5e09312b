// Warnings about the share itself in `fleet report` (issue 32): a folder anyone may modify (where
// only the publisher should write: the folder, its certificates, invitations and publications),
// status files another member could overwrite, and — said by the report — a member's place not
// created by its join. Signatures already make a forged file harmless; these say what a town
// hall's IT person should tighten. Windows is read through Get-Acl's SDDL (share-acl.ts), all the
// folders in one PowerShell call; POSIX by the mode bits; neither needs more than reading.
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { readSddlsInBackground } from '../windows/acl-reader';
import { broadWriters, type BroadWriters } from './share-acl';
import type { InspectShare } from './fleet-report';

/** Reads each path's security descriptor in SDDL, in order (undefined: not read). */
export type ReadSddls = (paths: readonly string[]) => Promise<readonly (string | undefined)[] | undefined>;

const publisherFolders = ['', 'certificats', 'invitations', 'publications'] as const;
const shown = (sub: string): string => (sub === '' ? 'le dossier du parc' : `le dossier ${sub}`);

/** The mode bits of POSIX: written by others than owner and group. */
async function posixWriters(path: string): Promise<BroadWriters | undefined> {
  const stats = await lstat(path).catch(() => undefined);
  if (!stats) return undefined;
  const everyone = (stats.mode & 0o002) !== 0;
  return { onFolder: everyone ? ['tout le monde'] : [], onFiles: [] };
}

export function shareInspector(platform: NodeJS.Platform, readSddls: ReadSddls = readSddlsInBackground): InspectShare {
  return async (folder, statusFiles) => {
    const warnings: string[] = [];
    const paths = [...publisherFolders.map((sub) => (sub === '' ? folder : join(folder, sub))), join(folder, 'status')];
    const sddls = platform === 'win32' ? await readSddls(paths) : undefined;
    if (platform === 'win32' && sddls === undefined) {
      warnings.push(
        "Partage : les droits des dossiers du parc n'ont pas pu être lus (PowerShell n'a pas répondu) ; vérifiez-les dans les propriétés du dossier, onglet Sécurité.",
      );
    }
    const found: (BroadWriters | undefined)[] =
      platform === 'win32'
        ? (sddls ?? []).map((sddl) => (sddl === undefined ? undefined : broadWriters(sddl)))
        : await Promise.all(paths.map(posixWriters));
    publisherFolders.forEach((sub, index) => {
      const writers = found[index];
      if (writers && (writers.onFolder.length > 0 || writers.onFiles.length > 0)) {
        const writerNames = [...new Set([...writers.onFolder, ...writers.onFiles])].join(', ');
        warnings.push(
          `Partage : ${shown(sub)} est modifiable par ${writerNames} ; seul le service informatique devrait pouvoir y écrire (les fichiers modifiés sont ignorés, mais un poste peut en cacher d'autres). Retirez ce droit d'écriture.`,
        );
      }
    });
    const statusFolder = found[publisherFolders.length];
    if (statusFolder && statusFolder.onFiles.length > 0) {
      const statusWriters = statusFolder.onFiles.join(', ');
      warnings.push(
        `Partage : les états des postes (dossier status) sont modifiables par ${statusWriters} : un poste peut écraser l'état d'un autre (il serait ignoré, et ce poste paraîtrait muet). Donnez le droit de créer des fichiers dans status, et le contrôle total au seul CREATEUR PROPRIETAIRE.`,
      );
    }
    if (platform !== 'win32') {
      // POSIX: each status file's own mode (a member writes 0644; anything wider was changed by someone).
      let overwritable = 0;
      for (const id of statusFiles) {
        const stats = await lstat(join(folder, 'status', id)).catch(() => undefined);
        if (stats?.isFile() && (stats.mode & 0o022) !== 0) overwritable += 1;
      }
      if (overwritable > 0)
        warnings.push(
          `Partage : ${overwritable} état(s) de poste modifiable(s) par d'autres utilisateurs que leur poste (droits d'écriture du groupe ou de tous).`,
        );
    }
    return warnings;
  };
}
