// Calendar days as text, in the user's own time zone. date-fns' `format` and `parse` carry a
// formatter, a parser and the en-US locale (≈ 80 KB of the command line's bundle) for patterns
// these few lines write; the date arithmetic stays date-fns' (parseISO checks the day exists).
import { parseISO } from 'date-fns';

const padded = (value: number, width = 2): string => String(value).padStart(width, '0');

/** AAAA-MM-JJ, the local day of `date`. */
export const isoDay = (date: Date): string =>
  `${padded(date.getFullYear(), 4)}-${padded(date.getMonth() + 1)}-${padded(date.getDate())}`;

/** JJ/MM/AAAA, the local day of `date`. */
export const frenchDay = (date: Date): string =>
  `${padded(date.getDate())}/${padded(date.getMonth() + 1)}/${padded(date.getFullYear(), 4)}`;

/** A French j/m/aaaa or jj/mm/aaaa day at local midnight; an invalid date when it is no real day. */
export function parseFrenchDay(text: string): Date {
  const parts = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  return parts
    ? parseISO(`${parts[3] ?? ''}-${padded(Number(parts[2]))}-${padded(Number(parts[1]))}`)
    : new Date(Number.NaN);
}
