import { lstatSync } from 'node:fs';
import { posix, win32 } from 'node:path';
import { readSddls, type AclReaderOptions } from '../windows/acl-reader';
import { sddlVerdict, type SddlVerdict } from '../windows/sddl-trust';

/** Whether nobody but an administrator (or, on POSIX, the user) could have put or changed a path. */
export type PathVerdict = SddlVerdict;
/** Each path's verdict, in order; undefined for a path whose owner or rights could not be read. */
export type ReadPathsTrust = (paths: readonly string[]) => readonly (PathVerdict | undefined)[];

/** POSIX: owned by root or the user, not writable by group or others; a symbolic link is never trusted. */
export const posixPathsTrust: ReadPathsTrust = (paths) =>
  paths.map((path) => {
    try {
      const stats = lstatSync(path);
      if (stats.isSymbolicLink()) return { trusted: false, reason: "c'est un lien symbolique" };
      if (stats.uid !== 0 && stats.uid !== process.getuid?.())
        return { trusted: false, reason: "il appartient à un autre utilisateur qu'un administrateur" };
      if ((stats.mode & 0o022) !== 0)
        return {
          trusted: false,
          reason: `d'autres utilisateurs peuvent le modifier (droits ${(stats.mode & 0o777).toString(8)})`,
        };
      return { trusted: true };
    } catch {
      return undefined;
    }
  });

/**
 * Windows: each path's owner and ACL as SIDs (PowerShell's Get-Acl, windows/acl-reader.ts), judged
 * by windows/sddl-trust.ts. NOT VERIFIED on Windows here (no Windows in this project's CI): the
 * tests feed the rule SDDL written from Microsoft's SDDL documentation and the published icacls
 * listings translated to it, and run the reader with a stand-in for powershell.exe.
 */
export const windowsPathsTrust =
  (options: AclReaderOptions = {}): ReadPathsTrust =>
  (paths) => {
    const sddls = readSddls(paths, options);
    return paths.map((_, index) => {
      const sddl = sddls?.[index];
      return sddl === undefined ? undefined : sddlVerdict(sddl);
    });
  };

export const platformPathsTrust = (platform: NodeJS.Platform = process.platform): ReadPathsTrust =>
  platform === 'win32' ? windowsPathsTrust() : posixPathsTrust;

/** %ProgramData% as Windows sets it, when it is a local folder; else C:\ProgramData. */
export const programData = (env: NodeJS.ProcessEnv): string => {
  const given = env.ProgramData ?? env.PROGRAMDATA ?? env.ALLUSERSPROFILE;
  return given !== undefined && /^[A-Za-z]:\\[^\\/:*?"<>|]+\\?$/u.test(given)
    ? given.replace(/\\$/u, '')
    : 'C:\\ProgramData';
};

/**
 * What must be trusted for the profile to be: the file, then each folder above it up to
 * %ProgramData% — which every user may add folders to, by design, and is not itself judged — or
 * up to the drive's root for a profile elsewhere. On POSIX, the file and its folder.
 */
export function pathsToCheck(
  path: string,
  platform: NodeJS.Platform = process.platform,
  anchor: string = programData(process.env),
): string[] {
  if (platform !== 'win32') return [path, posix.dirname(path)];
  const stop = anchor.toLowerCase();
  const paths = [path];
  for (
    let folder = win32.dirname(path);
    folder.toLowerCase() !== stop && win32.dirname(folder) !== folder;
    folder = win32.dirname(folder)
  )
    paths.push(folder);
  return paths;
}

/**
 * The machine-wide profile is applied at every other user's first start: only when nothing on its
 * way could have been put or changed there by anyone but an administrator. The reason, when it is
 * not, in French words a technician reads.
 */
export function machineProfileDistrust(
  path: string,
  read: ReadPathsTrust,
  platform: NodeJS.Platform = process.platform,
  anchor: string = programData(process.env),
): string | undefined {
  const paths = pathsToCheck(path, platform, anchor);
  const verdicts = read(paths);
  for (const [index, target] of paths.entries()) {
    const what = index === 0 ? `le fichier ${target}` : `le dossier ${target}`;
    const verdict = verdicts[index];
    if (verdict === undefined) return `${what} est illisible (son propriétaire et ses droits n'ont pas pu être lus)`;
    if (!verdict.trusted) return `${what} : ${verdict.reason}`;
  }
  return undefined;
}
