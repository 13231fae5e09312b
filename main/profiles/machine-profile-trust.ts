import { execFileSync } from 'node:child_process';
import { lstatSync } from 'node:fs';
import { dirname } from 'node:path';

/** Who may have put a file there: what the machine-wide profile's trust rests on. */
export interface PathSecurity {
  /** Owned by an administrator (root; Administrators or SYSTEM) or by the user running the app. */
  readonly ownerTrusted: boolean;
  /** Someone else than its owner and the administrators may write it (group, others; Users). */
  readonly writableByOthers: boolean;
}
export type ReadPathSecurity = (path: string) => PathSecurity | undefined;

/** POSIX: the owner's uid and the mode bits; a symbolic link is never trusted (it may point anywhere). */
export const readPosixPathSecurity: ReadPathSecurity = (path) => {
  try {
    const stats = lstatSync(path);
    if (stats.isSymbolicLink()) return { ownerTrusted: false, writableByOthers: true };
    const self = process.getuid?.();
    return { ownerTrusted: stats.uid === 0 || stats.uid === self, writableByOthers: (stats.mode & 0o022) !== 0 };
  } catch {
    return undefined;
  }
};

// icacls prints localized names: English and French Windows are the ones the app meets.
const everyone = /(BUILTIN\\Users|BUILTIN\\Utilisateurs|Everyone|Tout le monde|NT AUTHORITY\\Authenticated Users|AUTORITE NT\\Utilisateurs authentifiés|CREATOR OWNER|CREATEUR PROPRIETAIRE)/i;
const writeRight = /\((?:[^)]*,)?(?:F|M|W|WD|AD|WDAC|WO)(?:,[^)]*)?\)/;

/**
 * Windows: the ACL as `icacls` prints it; writable by others when a group of every user holds a
 * write right. NOT VERIFIED on Windows here (no Windows in this project's CI); the owner is not
 * read (icacls does not print it): ownerTrusted stays true and the ACL alone decides.
 */
export const readWindowsPathSecurity: ReadPathSecurity = (path) => {
  try {
    return windowsListingSecurity(execFileSync('icacls', [path], { encoding: 'utf8', windowsHide: true, timeout: 10_000 }));
  } catch {
    return undefined;
  }
};

/**
 * What `icacls PATH` printed, as read through a pipe (the console's OEM code page decoded as
 * UTF-8: only ASCII is relied on): writable by others when a group of every user holds a write right.
 */
export function windowsListingSecurity(listing: string): PathSecurity {
  const writable = listing.split(/\r?\n/).some((line) => everyone.test(line) && writeRight.test(line));
  return { ownerTrusted: true, writableByOthers: writable };
}

export const platformPathSecurity = (platform: NodeJS.Platform = process.platform): ReadPathSecurity =>
  platform === 'win32' ? readWindowsPathSecurity : readPosixPathSecurity;

/**
 * The machine-wide profile is applied at every other user's first start: only when neither it nor
 * its folder could have been put or changed there by another standard user. The reason, when it
 * is not, goes to the log (in French words a technician reads).
 */
export function machineProfileDistrust(path: string, read: ReadPathSecurity): string | undefined {
  for (const [what, target] of [['le fichier', path], ['son dossier', dirname(path)]] as const) {
    const security = read(target);
    if (!security) return `${what} est illisible`;
    if (!security.ownerTrusted) return `${what} appartient à un autre utilisateur qu'un administrateur`;
    if (security.writableByOthers) return `${what} est modifiable par d'autres utilisateurs`;
  }
  return undefined;
}
