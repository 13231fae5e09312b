/**
 * A count with its noun agreed, as French writes it: « 0 compte », « 1 compte », « 3 comptes »
 * (0 and 1 take the singular). The plural is given when it is not the singular and an « s »
 * (« compte technique » → « comptes techniques »).
 */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${Math.abs(count) < 2 ? singular : plural}`;
}

/** The singular or the plural alone, for the words that agree with a count said elsewhere. */
export const agreed = (count: number, singular: string, plural = `${singular}s`): string =>
  Math.abs(count) < 2 ? singular : plural;
