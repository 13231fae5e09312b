import { addDays, format, isValid, parse } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { frenchDay, isoDay, parseFrenchDay } from './plain-day';

describe('calendar days as text', () => {
  it('writes every day of two years, summer time changes included, as date-fns did', () => {
    for (let offset = 0; offset < 731; offset += 1) {
      // Late evening: the hour where a wrong time zone would show the next day.
      const date = addDays(new Date(2026, 0, 1, 23, 30), offset);
      expect(isoDay(date)).toBe(format(date, 'yyyy-MM-dd'));
      expect(frenchDay(date)).toBe(format(date, 'dd/MM/yyyy'));
    }
  });

  it('reads a French day as date-fns did, and refuses a day that does not exist', () => {
    for (const text of ['02/03/2026', '2/3/2026', '29/02/2028', '31/12/2026']) {
      expect(parseFrenchDay(text).getTime()).toBe(parse(text, 'dd/MM/yyyy', new Date()).getTime());
    }
    for (const text of ['31/02/2026', '29/02/2027', '00/01/2026', '2026-03-02', '02/03/26', ''])
      expect(isValid(parseFrenchDay(text))).toBe(false);
  });
});
