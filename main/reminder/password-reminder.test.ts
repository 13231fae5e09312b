import { describe, expect, it } from 'vitest';
import { parseChorusDate, passwordReminder } from './password-reminder';

// The user's days are local days: this file runs in its own process, in the French time zone.
process.env.TZ = 'Europe/Paris';

/** Noon, local time, on that day. */
const on = (day: string): Date => new Date(`${day}T12:00:00`);

describe('the renewal reminder', () => {
  it('is due on the day the chosen delay ends, not the day before', () => {
    const input = { passwordUpdatedAt: on('2025-11-27').toISOString(), alertDelayMonths: 12 };
    expect(passwordReminder(input, on('2026-11-26'))).toMatchObject({
      due: false,
      dueOn: '2026-11-27',
      expiresOn: '2027-01-25',
      source: 'estimate',
    });
    expect(passwordReminder(input, on('2026-11-27'))).toMatchObject({
      due: true,
      dueOn: '2026-11-27',
      daysLeft: 59,
      expired: false,
    });
  });

  it('counts calendar months: 31 January plus one month is the end of February, leap years included', () => {
    expect(
      passwordReminder({ passwordUpdatedAt: on('2026-01-31').toISOString(), alertDelayMonths: 1 }, on('2026-02-01')),
    ).toMatchObject({ dueOn: '2026-02-28' });
    expect(
      passwordReminder({ passwordUpdatedAt: on('2028-01-31').toISOString(), alertDelayMonths: 1 }, on('2028-02-01')),
    ).toMatchObject({ dueOn: '2028-02-29' });
    expect(
      passwordReminder({ passwordUpdatedAt: on('2026-01-31').toISOString(), alertDelayMonths: 12 }, on('2026-02-01')),
    ).toMatchObject({ dueOn: '2027-01-31', expiresOn: '2027-03-31' });
  });

  it('handles a password set on 29 February', () => {
    const input = { passwordUpdatedAt: on('2028-02-29').toISOString(), alertDelayMonths: 12 };
    expect(passwordReminder(input, on('2029-02-27'))).toMatchObject({
      due: false,
      dueOn: '2029-02-28',
      expiresOn: '2029-04-28',
    });
    expect(passwordReminder(input, on('2029-02-28'))).toMatchObject({ due: true });
  });

  it('is due 30 days before the expiry whatever the delay, and says so after it', () => {
    const input = { passwordUpdatedAt: on('2025-01-01').toISOString(), alertDelayMonths: 13 };
    expect(passwordReminder(input, on('2026-01-29'))).toMatchObject({
      due: false,
      dueOn: '2026-01-30',
      expiresOn: '2026-03-01',
    });
    expect(passwordReminder(input, on('2026-01-30'))).toMatchObject({ due: true, daysLeft: 30 });
    expect(passwordReminder(input, on('2026-03-01'))).toMatchObject({ due: true, daysLeft: 0, expired: false });
    expect(passwordReminder(input, on('2026-03-02'))).toMatchObject({ due: true, daysLeft: -1, expired: true });
  });

  it('takes the expiry Chorus Pro reports, earlier than the estimate', () => {
    const input = {
      passwordUpdatedAt: on('2025-10-27').toISOString(),
      alertDelayMonths: 12,
      chorusPasswordExpiresOn: '2026-06-30',
    };
    expect(passwordReminder(input, on('2026-05-30'))).toMatchObject({
      due: false,
      dueOn: '2026-05-31',
      expiresOn: '2026-06-30',
      source: 'chorus-pro',
    });
    expect(passwordReminder(input, on('2026-05-31'))).toMatchObject({ due: true, daysLeft: 30 });
  });

  it('takes the expiry Chorus Pro reports, later than the estimate: the delay decides', () => {
    const input = {
      passwordUpdatedAt: on('2025-10-27').toISOString(),
      alertDelayMonths: 12,
      chorusPasswordExpiresOn: '2027-03-31',
    };
    expect(passwordReminder(input, on('2026-10-26'))).toMatchObject({
      due: false,
      dueOn: '2026-10-27',
      expiresOn: '2027-03-31',
      source: 'chorus-pro',
    });
    expect(passwordReminder(input, on('2026-12-26'))).toMatchObject({ due: true, expired: false });
  });

  it('uses the local day of the last update, not the UTC one', () => {
    // 23:30 UTC on 28 February is already 1 March in Paris.
    const input = { passwordUpdatedAt: '2026-02-28T23:30:00Z', alertDelayMonths: 1 };
    expect(passwordReminder(input, on('2026-03-01'))).toMatchObject({ dueOn: '2026-04-01' });
  });

  it('has no countdown when the last update is not known', () => {
    expect(passwordReminder({ alertDelayMonths: 12 }, on('2026-11-27'))).toEqual({ known: false, due: false });
  });
});

describe('Chorus Pro’s expiry date', () => {
  it('is read in the forms it may take, and refused when unreadable', () => {
    const day = (value: string | number) => {
      const date = parseChorusDate(value);
      return date && `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;
    };
    expect(day('2027-09-30')).toBe('2027-9-30');
    expect(day('2027-09-30T00:00:00.000+02:00')).toBe('2027-9-30');
    expect(day('30/09/2027')).toBe('2027-9-30');
    expect(day(new Date(2027, 8, 30, 12).getTime())).toBe('2027-9-30');
    expect(day(String(new Date(2027, 8, 30, 12).getTime()))).toBe('2027-9-30');
    expect(parseChorusDate('bientôt')).toBeUndefined();
  });
});
