// Issue 35: every French message of the failure table, as the screen shows it, in proper French
// typography, and short enough to read in two lines; the screen's own texts are read on the
// running screen by e2e/french-screen.spec.ts with the same check.
import { describe, expect, it } from 'vitest';
import { failureCodes, failureFields } from '../common/failures';
import { AppError, toFailure } from '../main/failures/errors';
import { screenWordings } from '../main/failures/screen-wording';
import { typographyFaults } from '../test/support/french-typography-check';

/** Each code as the screen shows it: alone, with a detail of its own, and for each field it may name. */
const shownFailures = failureCodes.flatMap((code) => [
  toFailure(new AppError(code)),
  toFailure(new AppError(code, 'serveur : chorus.example, HTTP 503')),
  ...failureFields.map((field) => toFailure(new AppError(code, undefined, undefined, field))),
]);

describe('the failure table as the screen shows it', () => {
  it.each(shownFailures.map((failure) => [`${failure.code}: ${failure.message}`, failure]))(
    'is in French typography: %s',
    (_name, failure) => {
      expect(typographyFaults(failure.message)).toEqual([]);
      expect(typographyFaults(failure.details ?? '')).toEqual([]);
    },
  );

  it.each(failureCodes.map((code) => [code]))(
    'says first what to do in 200 characters at most, the rest folded: %s',
    (code) => {
      const wording = screenWordings[code];
      const messages = [
        toFailure(new AppError(code)).message,
        ...failureFields.map((field) => toFailure(new AppError(code, undefined, undefined, field)).message),
      ];
      expect(messages.filter((message) => message.length > 200)).toEqual([]);
      expect(wording.reason.length).toBeLessThanOrEqual(50);
    },
  );

  it('keeps jargon out of what the accountant reads first', () => {
    const jargon = /jeton|invalid_client|HTTP \d|non souscrite|\b[45]\d\d\b/i;
    expect(
      shownFailures
        .filter((failure) => !failure.message.includes('chorus.example') && jargon.test(failure.message))
        .map((failure) => failure.message),
    ).toEqual([]);
  });
});
