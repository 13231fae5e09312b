// What `schtasks` answered, told apart: it exits 1 for every failure, and says which in words of
// the workstation's language (decoded from the console's code page: windows/console-text.ts). A
// task that is not there is not a refusal, and neither is a failure: `status` must not call a task
// it may not read « non programmée », nor `remove` call « retirée » a task it could not delete.

export interface SchtasksOutcome {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export type SchtasksAnswer =
  | { readonly kind: 'done'; readonly output: string }
  /** No task of that name (ERROR_FILE_NOT_FOUND). */
  | { readonly kind: 'absent' }
  /** The Task Scheduler refused this user (ERROR_ACCESS_DENIED): another user's task, or a policy. */
  | { readonly kind: 'refused'; readonly said: string }
  /** Anything else: said as schtasks said it. */
  | { readonly kind: 'failed'; readonly said: string };

/** ERROR_FILE_NOT_FOUND's text, in the languages of the workstations the app meets (French, English). */
const notFoundTexts = [
  'fichier sp[ée]cifi[ée] est introuvable',
  'cannot find the file specified',
  't[âa]che sp[ée]cifi[ée]e est introuvable',
  'specified task name .* does not exist',
];
const notFound = new RegExp(`(${notFoundTexts.join('|')})`, 'iu');
/** ERROR_ACCESS_DENIED's text, the same way. */
const accessDenied = /(acc[èe]s refus[ée]|access is denied)/iu;

/** What schtasks said, on one line, at most 500 characters. */
export const saidBy = (outcome: SchtasksOutcome): string =>
  (outcome.stderr.trim() || outcome.stdout.trim() || `code ${outcome.status}`)
    .replace(/\s*\r?\n\s*/gu, ' ')
    .slice(0, 500);

export function schtasksAnswer(outcome: SchtasksOutcome): SchtasksAnswer {
  if (outcome.status === 0) return { kind: 'done', output: outcome.stdout };
  const said = saidBy(outcome);
  if (notFound.test(said)) return { kind: 'absent' };
  if (accessDenied.test(said)) return { kind: 'refused', said };
  return { kind: 'failed', said };
}
