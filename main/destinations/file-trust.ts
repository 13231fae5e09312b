import { realpath, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { readSddls } from '../windows/acl-reader';
import { sddlVerdict } from '../windows/sddl-trust';

/*
 * Whether a file can only have been put and changed by an administrator: the machine policy's
 * file, a script destination's program and the files it is given. Another user of the workstation
 * able to change one of them would receive the next password of every user who renews.
 */

export type FileTrustVerdict = { readonly trusted: true } | { readonly trusted: false; readonly reason: string };
/** The facts of one file or folder, read on this system. */
export type CheckFileTrust = (path: string, what: 'file' | 'folder') => Promise<FileTrustVerdict>;

const untrusted = (reason: string): FileTrustVerdict => ({ trusted: false, reason });

/**
 * POSIX: owned by root (or one of `trustedUids`), writable by nobody else. A folder writable by
 * others is accepted only with the sticky bit (as /tmp): nobody may then replace a file they do
 * not own.
 */
export function posixFileTrust(trustedUids: readonly number[] = [0]): CheckFileTrust {
  return async (path, what) => {
    let stats;
    try {
      stats = await stat(path);
    } catch {
      return untrusted('introuvable ou illisible');
    }
    if (what === 'file' && !stats.isFile()) return untrusted("ce n'est pas un fichier ordinaire");
    if (what === 'folder' && !stats.isDirectory()) return untrusted("ce n'est pas un dossier");
    if (!trustedUids.includes(stats.uid))
      return untrusted(`appartient à l'utilisateur n° ${stats.uid}, pas à root (administrateur)`);
    const sticky = what === 'folder' && (stats.mode & 0o1000) !== 0;
    if ((stats.mode & 0o022) !== 0 && !sticky)
      return untrusted(`modifiable par d'autres utilisateurs que root (droits ${(stats.mode & 0o777).toString(8)})`);
    return { trusted: true };
  };
}

/** The one SDDL reader of the app (issue 29's, Get-Acl by PowerShell's full path, the path as data). */
const readWindowsSddl = (path: string): Promise<string | undefined> => Promise.resolve(readSddls([path])?.[0]);

/**
 * Windows: the owner and the writers as SIDs, by the same rule as the machine profile's
 * (main/windows/sddl-trust.ts: SYSTEM, Administrators, TrustedInstaller only). NOT VERIFIED on Windows.
 */
export function windowsFileTrust(
  readSddl: (path: string) => Promise<string | undefined> = readWindowsSddl,
): CheckFileTrust {
  return async (path) => {
    const sddl = await readSddl(path);
    if (sddl === undefined) return untrusted("n'est pas sûr : ses droits sont illisibles (Get-Acl)");
    const verdict = sddlVerdict(sddl);
    return verdict.trusted ? verdict : untrusted(`n'est pas sûr : ${verdict.reason}`);
  };
}

export const platformFileTrust = (platform: NodeJS.Platform = process.platform): CheckFileTrust =>
  platform === 'win32' ? windowsFileTrust() : posixFileTrust();

/**
 * A file and the folder that holds it, where they really are (a link is followed, then its target
 * judged): the reason it cannot be trusted, in French, or undefined.
 */
export async function fileDistrust(
  path: string,
  check: CheckFileTrust,
): Promise<{ readonly real: string } | { readonly reason: string }> {
  let real: string;
  try {
    real = await realpath(path);
  } catch {
    return { reason: 'fichier introuvable' };
  }
  const file = await check(real, 'file');
  if (!file.trusted) return { reason: `le fichier ${file.reason}` };
  const folder = await check(dirname(real), 'folder');
  if (!folder.trusted) return { reason: `son dossier ${folder.reason}` };
  return { real };
}
