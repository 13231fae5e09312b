// Warnings about the share itself in `fleet report` (issue 32): a folder anyone may modify (where
// only the publisher should write: the folder, its certificates, invitations and publications),
// status files another member could overwrite, and — said by the report — a member's place not
// created by its join. Signatures already make a forged file harmless; these say what a town
// hall's IT person should tighten. Windows is read through icacls (share-acl.ts), here by the
// mode bits; neither needs more than reading.
import { execFile } from 'node:child_process';
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { broadWriters, type BroadWriters } from './share-acl';
import type { InspectShare } from './fleet-report';

/** Reads one path's rights as icacls prints them (latin1: the OEM code page byte for byte); undefined when it cannot. */
export type ReadAcl = (path: string) => Promise<string | undefined>;

export const systemIcacls: ReadAcl = (path) =>
  new Promise((resolve) => {
    execFile('icacls', [path], { encoding: 'buffer', windowsHide: true, timeout: 10_000 }, (error, stdout) => resolve(error === null ? stdout.toString('latin1') : undefined));
  });

const publisherFolders = ['', 'certificats', 'invitations', 'publications'] as const;
const shown = (sub: string): string => (sub === '' ? 'le dossier du parc' : `le dossier ${sub}`);

/** The mode bits of POSIX: written by others than owner and group. */
async function posixWriters(path: string): Promise<BroadWriters | undefined> {
  const stats = await lstat(path).catch(() => undefined);
  if (!stats) return undefined;
  const everyone = (stats.mode & 0o002) !== 0;
  return { onFolder: everyone ? ['tout le monde'] : [], onFiles: [] };
}

async function windowsWriters(path: string, readAcl: ReadAcl): Promise<BroadWriters | undefined> {
  const listing = await readAcl(path);
  return listing === undefined ? undefined : broadWriters(listing);
}

export function shareInspector(platform: NodeJS.Platform, readAcl: ReadAcl = systemIcacls): InspectShare {
  return async (folder, statusFiles) => {
    const warnings: string[] = [];
    const writers = (path: string) => (platform === 'win32' ? windowsWriters(path, readAcl) : posixWriters(path));
    for (const sub of publisherFolders) {
      const found = await writers(sub === '' ? folder : join(folder, sub));
      if (found && (found.onFolder.length > 0 || found.onFiles.length > 0)) {
        warnings.push(`Partage : ${shown(sub)} est modifiable par ${[...new Set([...found.onFolder, ...found.onFiles])].join(', ')} ; seul le service informatique devrait pouvoir y écrire (les fichiers modifiés sont ignorés, mais un poste peut en cacher d'autres). Retirez ce droit d'écriture.`);
      }
    }
    const statusFolder = await writers(join(folder, 'status'));
    if (statusFolder && statusFolder.onFiles.length > 0) {
      warnings.push(`Partage : les états des postes (dossier status) sont modifiables par ${statusFolder.onFiles.join(', ')} : un poste peut écraser l'état d'un autre (il serait ignoré, et ce poste paraîtrait muet). Donnez le droit de créer des fichiers dans status, et le contrôle total au seul CREATEUR PROPRIETAIRE.`);
    }
    if (platform !== 'win32') {
      // POSIX: each status file's own mode (a member writes 0644; anything wider was changed by someone).
      let overwritable = 0;
      for (const id of statusFiles) {
        const stats = await lstat(join(folder, 'status', id)).catch(() => undefined);
        if (stats?.isFile() && (stats.mode & 0o022) !== 0) overwritable += 1;
      }
      if (overwritable > 0) warnings.push(`Partage : ${overwritable} état(s) de poste modifiable(s) par d'autres utilisateurs que leur poste (droits d'écriture du groupe ou de tous).`);
    }
    return warnings;
  };
}
