import { existsSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { compileCacheFolderName } from '../files/compile-cache-folder';
import { logFolderName } from '../logging/log-file';
import { settingsFileName } from '../settings/settings-backend';
import { counted } from '../text/plural';
import type { ForgetPart } from './forget-workstation';

/**
 * What the app writes in the user-data folder: the settings and their kept copies (unreadable,
 * before a migration), the private copies of authority certificates, the support log, the command
 * line's compile cache (cli/compile-cache.ts). Only these:
 * a folder given with --user-data-dir may hold other files, and the window's own (Chromium's
 * caches) are not the command line's to remove.
 */
const isAppFile = (name: string): boolean =>
  name === settingsFileName || name.startsWith(`${settingsFileName}.`) || /^autorite-.*\.pem$/.test(name);

function appFilesIn(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).filter(
    (name) => isAppFile(name) || name === logFolderName || name === compileCacheFolderName,
  );
}

export const settingsFiles: ForgetPart = {
  name: 'settings',
  describe: ({ userDataDir, workstation }) => {
    const names = workstation.accounts.list().map((account) => `« ${account.name} »`);
    const accountsCounted = counted(names.length, 'compte technique', 'comptes techniques');
    return Promise.resolve(
      `les paramètres de ${accountsCounted} (${names.join(', ')}), les copies de certificats et les journaux, dans ${userDataDir}`,
    );
  },
  forget: ({ userDataDir }) => {
    const found = appFilesIn(userDataDir);
    for (const name of found)
      rmSync(join(userDataDir, name), {
        recursive: name === logFolderName || name === compileCacheFolderName,
        force: true,
      });
    // The folder goes too when nothing else is left in it.
    let folderGone = false;
    if (existsSync(userDataDir) && readdirSync(userDataDir).length === 0) {
      rmdirSync(userDataDir);
      folderGone = true;
    }
    if (found.length === 0) return Promise.resolve(`Paramètres : aucun fichier de l'application dans ${userDataDir}.`);
    const erased = counted(found.length, 'fichier ou dossier effacé', 'fichiers et dossiers effacés');
    const andFolder = folderGone ? ', puis le dossier lui-même, vide' : '';
    return Promise.resolve(`Paramètres : ${erased} dans ${userDataDir}${andFolder}.`);
  },
};
