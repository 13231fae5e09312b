import { fstatSync, ReadStream } from 'node:fs';
import { Socket } from 'node:net';

/**
 * What standard input is, as Node opened it: `terminal` (a console or a terminal someone types
 * in), `data` (a pipe, a socket or a regular file: `Get-Content s.txt | …`, `< s.txt`), or `none`
 * (a null device, or no handle at all: a GUI program on Windows started from a console, whose
 * keyboard input it does not receive; Node then gives an empty stream).
 */
export function standardInputKind(
  stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean } = process.stdin,
): 'terminal' | 'data' | 'none' {
  if (stdin.isTTY === true) return 'terminal';
  if (stdin instanceof Socket) return 'data';
  if (stdin instanceof ReadStream) {
    try {
      // Standard input's descriptor: a character device (/dev/null, NUL) holds no secret.
      return fstatSync(0).isFile() ? 'data' : 'none';
    } catch {
      return 'none';
    }
  }
  return 'none';
}
