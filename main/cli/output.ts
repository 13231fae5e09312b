// What the command line writes: with --json exactly one line on standard output, the result or
// the failure; otherwise readable lines, a failure on standard error.
import { parseISO } from 'date-fns';
import type { Failure } from '../../common/failures';
import { frenchDay as plainFrenchDay } from '../dates/plain-day';
import type { CliEnvironment } from './command';
import type { CommandResult } from './command-result';

export function printResult(result: CommandResult, json: boolean, environment: CliEnvironment): void {
  if (json) environment.print(JSON.stringify({ ok: result.failed !== true, ...result.json }));
  else for (const line of result.lines) environment.print(line);
}

/** `toStandardError`: a command whose standard output carries secrets keeps it for them (headers, credentials). */
export function printFailure(
  failure: Failure,
  json: boolean,
  environment: CliEnvironment,
  toStandardError = false,
): void {
  if (json) (toStandardError ? environment.warn : environment.print)(JSON.stringify(failure));
  else environment.warn(`Erreur (${failure.code}) : ${failure.message}`);
}

/** A day as a French reader writes it; --json keeps ISO dates. */
export const frenchDay = (isoDayOrInstant: string): string => plainFrenchDay(parseISO(isoDayOrInstant));
