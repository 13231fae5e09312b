import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * Reading a file named by the user (a profile, an authority certificate): a regular file only,
 * never more than `maxBytes`. Opened without blocking, so that a named pipe no one writes to
 * cannot freeze the main process, and checked on the opened file itself (fstat), so that what is
 * read is what was checked; read up to one byte past the limit, so that `/dev/zero` or a file
 * growing while it is read never fills the memory.
 */
export interface BoundedReadRefusal {
  readonly kind: 'unreadable' | 'not-a-file' | 'too-big';
  readonly size?: number;
}

export type BoundedRead = { readonly ok: true; readonly text: string } | ({ readonly ok: false } & BoundedReadRefusal);

// Windows has no O_NONBLOCK (and no FIFO in the file system): 0 there.
const openFlags = constants.O_RDONLY | ((constants as Partial<typeof constants>).O_NONBLOCK ?? 0);

const refusalOf = (stats: Stats, maxBytes: number): BoundedRead | undefined => {
  if (!stats.isFile()) return { ok: false, kind: 'not-a-file' };
  if (stats.size > maxBytes) return { ok: false, kind: 'too-big', size: stats.size };
  return undefined;
};

export function readBoundedFileSync(path: string, maxBytes: number): BoundedRead {
  let descriptor: number;
  try {
    descriptor = openSync(path, openFlags);
  } catch {
    return { ok: false, kind: 'unreadable' };
  }
  try {
    const stats = fstatSync(descriptor);
    const refusal = refusalOf(stats, maxBytes);
    if (refusal) return refusal;
    // As the asynchronous read below: sized by fstat, stopped once that size is read.
    const buffer = Buffer.allocUnsafe((stats.size > 0 ? Math.min(stats.size, maxBytes) : maxBytes) + 1);
    let length = 0;
    for (;;) {
      const count = readSync(descriptor, buffer, length, buffer.length - length, null);
      if (count === 0) break;
      length += count;
      if (length > maxBytes) return { ok: false, kind: 'too-big', size: length };
      if (stats.size > 0 && length === stats.size) break;
    }
    return { ok: true, text: buffer.subarray(0, length).toString('utf8') };
  } catch {
    return { ok: false, kind: 'unreadable' };
  } finally {
    closeSync(descriptor);
  }
}

export async function readBoundedFile(path: string, maxBytes: number): Promise<BoundedRead> {
  let handle;
  try {
    handle = await open(path, openFlags);
  } catch {
    return { ok: false, kind: 'unreadable' };
  }
  try {
    const stats = await handle.stat();
    const refusal = refusalOf(stats, maxBytes);
    if (refusal) return refusal;
    // Filled up to `length` only before it is read from: no need to zero it. Sized by what fstat
    // said (one more byte shows growth); a size of 0 (a file system that does not say) reads up to the cap.
    const buffer = Buffer.allocUnsafe((stats.size > 0 ? Math.min(stats.size, maxBytes) : maxBytes) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) return { ok: false, kind: 'too-big', size: length };
      // The size fstat gave is read whole: one round trip less per file (a thousand status files on a share).
      if (stats.size > 0 && length === stats.size) break;
    }
    return { ok: true, text: buffer.subarray(0, length).toString('utf8') };
  } catch {
    return { ok: false, kind: 'unreadable' };
  } finally {
    await handle.close();
  }
}

/** The French reason of a refusal, for a message that names the file. */
export function boundedReadReason(refusal: BoundedReadRefusal, maxBytes: number): string {
  if (refusal.kind === 'not-a-file') return "ce n'est pas un fichier ordinaire (dossier, tube nommé ou périphérique)";
  if (refusal.kind === 'too-big') return `fichier trop gros (${maxBytes / 1024} Ko au plus)`;
  return 'fichier introuvable ou illisible';
}
