// The SID of the Windows user running the app: what names each user's own scheduled tasks.
// `whoami /user /fo csv /nh` prints one line, `"domaine\utilisateur","S-1-5-21-…"`; the name is in
// the console's code page and may hold anything, the SID only ASCII: the SID is the last field.
import { AppError } from '../failures/errors';
import type { SystemPrograms } from './system-programs';

const sidPattern = /^S-1-\d+(?:-\d+){1,14}$/u;

/** The SID of whoami's CSV line, or undefined when the output is not that. */
export function sidOfWhoami(output: string): string | undefined {
  const line = output.split(/\r?\n/u).find((candidate) => candidate.trim() !== '');
  const fields =
    line === undefined
      ? []
      : [...line.matchAll(/"((?:[^"]|"")*)"/gu)].map((match) => (match[1] ?? '').replace(/""/gu, '"'));
  const sid = fields.at(-1);
  return sid !== undefined && sidPattern.test(sid) ? sid : undefined;
}

/** Reads the current user's SID once; refused in French when whoami cannot say it. */
export function currentUserSid(programs: SystemPrograms): () => Promise<string> {
  let known: Promise<string> | undefined;
  return () => {
    known ??= programs.run('whoami.exe', ['/user', '/fo', 'csv', '/nh']).then((outcome) => {
      const sid = outcome.status === 0 ? sidOfWhoami(outcome.stdout) : undefined;
      if (sid === undefined) {
        known = undefined;
        const said = (outcome.stderr.trim() || outcome.stdout.trim() || `code ${outcome.status}`).slice(0, 300);
        throw new AppError(
          'INTERNAL_ERROR',
          `l'identifiant Windows (SID) de cet utilisateur n'a pas pu être lu (whoami : ${said}) ; rien n'a été modifié`,
        );
      }
      return sid;
    });
    return known;
  };
}
