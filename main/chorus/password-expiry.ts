import { format, isValid, parseISO } from 'date-fns';
import type { StructureDetails } from '../../common/connection';
import { parseChorusDate } from '../reminder/password-reminder';
import type { ExpirySource } from './chorus-client';

/** At most this many `consulter` calls in flight: a bound for Chorus Pro, not a speed target. */
export const expiryReadConcurrency = 4;

/**
 * What the structures said of the technical password's expiry (docs/chorus-pro-api.md, "Expiry
 * date"): several structures may give different dates; the earliest is the safe one.
 */
export type ExpiryReading =
  /** No structure answered: what was known stays. */
  | { readonly kind: 'unknown' }
  /** Structures answered, none with a readable date: Chorus Pro no longer gives one. */
  | { readonly kind: 'none' }
  | { readonly kind: 'found'; readonly day: string; readonly structure: string };

/**
 * Reads every source's details, `concurrency` at a time, and keeps the earliest date with the
 * structure it came from. A read that fails is left out: it never fails the whole reading.
 */
export async function readEarliestExpiry(
  read: (structureId: number) => Promise<StructureDetails>,
  sources: readonly ExpirySource[],
  concurrency = expiryReadConcurrency,
): Promise<ExpiryReading> {
  const answers: { source: ExpirySource; details: StructureDetails }[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < sources.length) {
      const source = sources[next++] as ExpirySource;
      try {
        answers.push({ source, details: await read(source.id) });
      } catch {
        // One structure refused or too slow: the others may still give the date.
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, sources.length) }, worker));
  if (answers.length === 0) return { kind: 'unknown' };
  let earliest: { day: string; structure: string } | undefined;
  // In the attachments' order, so that a tie names the same structure every time.
  for (const source of sources) {
    const answer = answers.find((candidate) => candidate.source === source);
    const day =
      answer?.details.passwordExpiresAt === undefined ? undefined : chorusDay(answer.details.passwordExpiresAt);
    if (!answer || !day) continue;
    // Days as AAAA-MM-JJ compare as text.
    if (!earliest || day < earliest.day)
      earliest = { day, structure: answer.details.designation || source.designation };
  }
  return earliest ? { kind: 'found', ...earliest } : { kind: 'none' };
}

/**
 * The day Chorus Pro wrote: "2027-05-31T00:00:00.000+02:00" is 31 May in France, whatever the
 * time zone of the computer reading it. Other forms are read in the computer's own calendar.
 */
export function chorusDay(value: string): string | undefined {
  const written = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim())?.[1];
  if (written !== undefined) return isValid(parseISO(written)) ? written : undefined;
  const date = parseChorusDate(value);
  return date ? format(date, 'yyyy-MM-dd') : undefined;
}
