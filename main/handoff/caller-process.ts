import { readFile, readlink } from 'node:fs/promises';
import { printable } from '../text/printable';

/** The program that asked for the credentials, and the one that started it (a shell, a task). */
export interface CallerFacts {
  readonly caller: string;
  readonly callerParent?: string;
}

/** A process's parent, from /proc/<pid>/stat (the fourth field, after the name in parentheses). */
async function parentOf(pid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  const parent = Number(fields?.[1]);
  return Number.isInteger(parent) && parent > 0 ? parent : undefined;
}

const executableOf = async (pid: number): Promise<string> =>
  printable(await readlink(`/proc/${pid}/exe`).catch(() => `processus ${pid} (chemin illisible)`));

/**
 * Who is calling `headers` or `credentials`, for the log line of each hand-off: the executable of
 * the parent process, and of its own parent (the parent is often a shell or the .cmd shim).
 * Linux reads /proc/<pid>/exe. Windows would ask QueryFullProcessImageNameW on the parent's id
 * (through a small native helper, or PowerShell's (Get-Process -Id N).Path at the price of a
 * PowerShell start): NOT DONE, the id alone is logged there.
 */
export async function callingProcess(
  platform: NodeJS.Platform = process.platform,
  parent: number = process.ppid,
): Promise<CallerFacts> {
  if (platform !== 'linux') return { caller: `processus ${parent} (chemin non lu sur ce système)` };
  const grandParent = await parentOf(parent);
  return {
    caller: await executableOf(parent),
    ...(grandParent === undefined ? {} : { callerParent: await executableOf(grandParent) }),
  };
}
