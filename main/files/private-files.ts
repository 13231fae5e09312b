import { chmodSync, existsSync, mkdirSync } from 'node:fs';

/**
 * What the app writes about the user (settings, their copies, the support log) is for the user's
 * account only, where the platform has modes (POSIX; Windows ignores them and keeps the profile's
 * own rights).
 */
export const privateFileMode = 0o600;
export const privateFolderMode = 0o700;

/** Creates the folder for the user's account only; an existing one is left as it is. */
export function ensurePrivateFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: privateFolderMode });
}

/** Brings a folder an older version created readable by others (0.1.0's `journaux/`) back to the user's account only. */
export function restrictFolderToOwner(folder: string): void {
  try {
    if (existsSync(folder)) chmodSync(folder, privateFolderMode);
  } catch {
    // Not the user's folder: left as it is, only written into.
  }
}

/** Brings a file an older version created readable by others back to the user's account only. */
export function restrictToOwner(file: string): void {
  try {
    if (existsSync(file)) chmodSync(file, privateFileMode);
  } catch {
    // A file the user does not own (a machine-wide copy) keeps its rights: it is only read.
  }
}
