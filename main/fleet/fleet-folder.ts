// The shared folder as the fleet sees it: anyone may have written it. Every listing stops at a
// count, every read at a size, and a file is opened without blocking and checked on the opened
// handle (files/bounded-read.ts); what the fleet writes is always a new file, never one that
// someone placed there under that name.
import { constants } from 'node:fs';
import { lstat, mkdir, open, opendir } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../failures/errors';
import { readBoundedFile, readBoundedFileSync } from '../files/bounded-read';

/** The folder's layout: the publisher writes the first three, members write `members/` (and `status/`, issue 32). */
export const fleetSubfolders = ['certificats', 'invitations', 'publications', 'members', 'status'] as const;
export type FleetSubfolder = (typeof fleetSubfolders)[number];

/** Caps on what one reading takes from the folder, whoever filled it. */
export const folderCaps = {
  /** Names read from one sub-folder; more are counted, never listed. */
  entries: 10_000,
  bytes: {
    certificats: 64 * 1024,
    invitations: 16 * 1024,
    publications: 16 * 1024 * 1024,
    members: 16 * 1024,
    status: 64 * 1024,
  },
} as const satisfies { entries: number; bytes: Record<FleetSubfolder, number> };

export interface Listing {
  readonly names: readonly string[];
  /** Entries past the cap, not read. */
  readonly beyondCap: boolean;
}

/** What the fleet's use cases are given to reach the folder: a real folder here, the same on a share. */
export interface FleetFolder {
  readonly path: string;
  /** Throws FLEET_UNREACHABLE when the folder itself cannot be read. */
  check(): Promise<void>;
  list(sub: FleetSubfolder): Promise<Listing>;
  /** The file's text, or undefined when it is not a readable regular file within its cap. */
  read(sub: FleetSubfolder, name: string): Promise<string | undefined>;
  /** A new file; false when that name is taken (by anyone: it is never overwritten). */
  create(sub: FleetSubfolder, name: string, bytes: Buffer): Promise<boolean>;
  /** A member's own join request again: the existing regular file is rewritten, a link never followed. */
  rewrite(sub: FleetSubfolder, name: string, bytes: Buffer): Promise<void>;
  /** Creates the layout (the publisher, at `fleet create`). */
  createLayout(): Promise<void>;
}

const unreachable = (path: string) => new AppError('FLEET_UNREACHABLE', path);
const safeName = (name: string): boolean => /^[A-Za-z0-9._-]{1,80}$/.test(name) && name !== '.' && name !== '..';
const noFollow = (constants as Partial<typeof constants>).O_NOFOLLOW ?? 0;

/**
 * `blockingReads`: files read without leaving the thread (a command-line process, where nothing else
 * waits: `fleet report` reads a thousand status files); the app's main process keeps the default,
 * which never blocks the window.
 */
export function nodeFleetFolder(path: string, options: { readonly blockingReads?: boolean } = {}): FleetFolder {
  const at = (sub: FleetSubfolder, name?: string): string =>
    name === undefined ? join(path, sub) : join(path, sub, name);
  return {
    path,
    check: async () => {
      const stats = await lstat(path).catch(() => undefined);
      if (!stats?.isDirectory()) throw unreachable(path);
    },
    list: async (sub) => {
      const names: string[] = [];
      let directory;
      try {
        directory = await opendir(at(sub));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { names, beyondCap: false };
        throw unreachable(path);
      }
      try {
        for await (const entry of directory) {
          if (names.length >= folderCaps.entries) return { names, beyondCap: true };
          names.push(entry.name);
        }
      } catch {
        throw unreachable(path);
      } finally {
        await directory.close().catch(() => undefined);
      }
      return { names, beyondCap: false };
    },
    read: async (sub, name) => {
      if (!safeName(name)) return undefined;
      const read =
        options.blockingReads === true
          ? readBoundedFileSync(at(sub, name), folderCaps.bytes[sub])
          : await readBoundedFile(at(sub, name), folderCaps.bytes[sub]);
      return read.ok ? read.text : undefined;
    },
    create: async (sub, name, bytes) => {
      if (!safeName(name)) throw new Error(`nom de fichier refusé : ${name}`);
      let handle;
      try {
        // O_EXCL: a name someone took (a file, a link, even a dangling one) is never written through.
        handle = await open(at(sub, name), constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw unreachable(path);
      }
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } catch {
        throw unreachable(path);
      } finally {
        await handle.close();
      }
      return true;
    },
    rewrite: async (sub, name, bytes) => {
      const stats = await lstat(at(sub, name)).catch(() => undefined);
      if (stats === undefined) {
        if (await nodeFleetFolder(path).create(sub, name, bytes)) return;
      } else if (!stats.isFile()) {
        throw new AppError(
          'INVALID_INPUT',
          `${at(sub, name)} n'est pas un fichier ordinaire : supprimez-le, puis relancez fleet join`,
        );
      }
      let handle;
      try {
        handle = await open(at(sub, name), constants.O_WRONLY | constants.O_TRUNC | noFollow);
        await handle.writeFile(bytes);
      } catch {
        throw unreachable(path);
      } finally {
        await handle?.close();
      }
    },
    createLayout: async () => {
      try {
        for (const sub of fleetSubfolders) await mkdir(at(sub), { recursive: true });
      } catch {
        throw unreachable(path);
      }
    },
  };
}
