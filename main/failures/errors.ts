import type { Failure, FailureCode, FailureField } from '../../common/failures';
import { frenchTypography } from '../../common/french-typography';
import { commandLineMessages } from './command-line-wording';
import { screenWordings } from './screen-wording';

export { commandLineMessages } from './command-line-wording';

/** The screen's message of each code, before any detail: what the user reads first. */
export const failureMessages: Readonly<Record<FailureCode, string>> = Object.fromEntries(
  Object.entries(screenWordings).map(([code, wording]) => [code, wording.message]),
) as Record<FailureCode, string>;

/** What went wrong, in a few words (a last test's outcome, the daily check's notification). */
export const failureReason = (code: FailureCode): string => screenWordings[code].reason;

const endsSentence = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`);
const capitalised = (text: string): string => text.charAt(0).toLocaleUpperCase('fr') + text.slice(1);

/**
 * The screen's words for a failure, plain spaces, as the failure's own detail was written (the
 * screen capitalises its first letter): the message, and what is folded under
 * « Détails » (the code's explanation, then the failure's own detail, then the code itself, for
 * the IT person who looks it up in the guides).
 */
export function screenText(
  code: FailureCode,
  detail?: string,
  field?: FailureField,
): { message: string; details?: string } {
  const wording = screenWordings[code];
  if (detail !== undefined && wording.afterDetail !== undefined) {
    return {
      message: `${endsSentence(detail)} ${wording.afterDetail}`,
      ...(wording.details === undefined ? {} : { details: `${wording.details} Code : ${code}.` }),
    };
  }
  const message = (field === undefined ? undefined : wording.fieldMessages?.[field]) ?? wording.message;
  const fact = detail === undefined ? undefined : `${wording.detailLabel ?? 'Précision'} : ${endsSentence(detail)}`;
  const facts = [wording.details, fact].filter((part) => part !== undefined);
  return facts.length === 0 ? { message } : { message, details: `${facts.join(' ')} Code : ${code}.` };
}

/**
 * Failures whose detail is their cause (a wrong passphrase, a file that is not a profile): on the
 * command line it is said first, right after what could not be done, then what to do; not in
 * parentheses at the end (the screen leads with it through its wording's `afterDetail`).
 */
const causeFirstCodes: ReadonlySet<FailureCode> = new Set(['PROFILE_REFUSED']);

/** « Ce profil … ne peut pas être importé : <cause>. Les paramètres actuels n'ont pas été modifiés. … » */
function withCauseFirst(message: string, cause: string): string {
  const said = cause.replace(/[.\s]+$/, '');
  const colon = message.indexOf(' : ');
  if (colon < 0) return `${said}. ${message}`;
  const rest = message.slice(colon + 3);
  return `${message.slice(0, colon)} : ${said}. ${rest.charAt(0).toUpperCase()}${rest.slice(1)}`;
}

/** Where the user reads a failure: the window, or a terminal and a script. */
export type Surface = 'screen' | 'command-line';

/**
 * A failure the user can meet. Its message is meant for the user and must never hold a secret;
 * `detail` adds facts (a field, a host, Chorus Pro's own wording) that help them act. Its
 * `message` is the screen's whole text, plain spaces (logs, tests); the user gets `toFailure`'s.
 */
export class AppError extends Error {
  constructor(
    readonly code: FailureCode,
    readonly detail?: string,
    /** RATE_LIMITED: the wait PISTE asked for, carried to the Failure for scripts and `test --all`. */
    readonly retryAfterSeconds?: number,
    /** The field of the screen it is about, when the code alone does not say (a missing secret: which one). */
    readonly field?: FailureField,
  ) {
    const { message, details } = screenText(code, detail, field);
    super(details === undefined ? message : `${message} ${details}`);
    this.name = 'AppError';
  }
}

/**
 * Turns anything thrown into a result that may cross the bridge: no stack, no raw error text.
 * On the command line a refused input starts with what is wrong (the detail), then what to do.
 */
export function toFailure(error: unknown, surface: Surface = 'screen'): Failure {
  const code = error instanceof AppError ? error.code : 'INTERNAL_ERROR';
  const detail = error instanceof AppError ? error.detail : undefined;
  const retryAfterSeconds = error instanceof AppError ? error.retryAfterSeconds : undefined;
  const wait = retryAfterSeconds === undefined ? {} : { retryAfterSeconds };
  if (surface === 'screen') {
    const field = (error instanceof AppError ? error.field : undefined) ?? screenWordings[code].field;
    const { message, details } = screenText(code, detail, field);
    return {
      ok: false,
      code,
      // A detail that leads the message was written to follow a colon: the sentence starts with a capital.
      message: frenchTypography(capitalised(message)),
      ...(details === undefined ? {} : { details: frenchTypography(details) }),
      ...(field === undefined ? {} : { field }),
      ...wait,
    };
  }
  const advice = commandLineMessages[code];
  if (detail === undefined) return { ok: false, code, message: advice, ...wait };
  const message =
    code === 'INVALID_INPUT'
      ? `${detail}${/[.?!]$/.test(detail) ? '' : '.'} ${advice}`
      : causeFirstCodes.has(code)
        ? withCauseFirst(advice, detail)
        : `${advice} (${detail})`;
  return { ok: false, code, message, ...wait };
}

export const failure = (code: FailureCode, detail?: string): Failure => toFailure(new AppError(code, detail));

/** A missing setting or secret of the screen: the failure names its field, which the screen marks. */
export const fieldFailure = (field: FailureField, code: FailureCode, detail?: string): AppError =>
  new AppError(code, detail, undefined, field);
