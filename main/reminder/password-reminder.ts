import { addDays, addMonths, differenceInCalendarDays, isValid, parseISO, startOfDay } from 'date-fns';
import type { PasswordReminder } from '../../common/reminder';
import { passwordLifetimeDays } from '../dates/password-lifetime';
import { isoDay, parseFrenchDay } from '../dates/plain-day';

export { passwordLifetimeDays };
/** Whatever the chosen delay, the reminder is due this close to the expiry. */
export const lastCallDays = 30;

const day = isoDay;

/**
 * Reads `dateExpirationMotPasseCompteTech`, whose format Chorus Pro does not document: an ISO
 * date or date-time, a French jj/mm/aaaa, or milliseconds since 1970. Undefined when unreadable.
 */
export function parseChorusDate(value: string | number): Date | undefined {
  if (typeof value === 'number') return isValid(new Date(value)) ? new Date(value) : undefined;
  const text = value.trim();
  const candidates = [
    parseISO(text),
    parseFrenchDay(text),
    /^\d{10,13}$/.test(text) ? new Date(Number(text)) : new Date(Number.NaN),
  ];
  return candidates.find(isValid);
}

export interface ReminderInput {
  readonly passwordUpdatedAt?: string;
  readonly alertDelayMonths: number;
  /** The expiry Chorus Pro reported for the current password (YYYY-MM-DD). */
  readonly chorusPasswordExpiresOn?: string;
  /** The structure that date came from. */
  readonly chorusPasswordExpiryStructure?: string;
}

/**
 * When to remind the user to renew the technical password, in their own calendar: the chosen
 * delay after the last renewal (calendar months: 31 January + 1 month is the end of February), or
 * 30 days before the expiry, whichever comes first. The expiry is Chorus Pro's own date when it
 * gave one, else the last renewal + 424 days.
 */
export function passwordReminder(input: ReminderInput, now: Date): PasswordReminder {
  if (!input.passwordUpdatedAt) return { known: false, due: false };
  const updated = startOfDay(new Date(input.passwordUpdatedAt));
  const today = startOfDay(now);
  const reported = input.chorusPasswordExpiresOn ? parseISO(input.chorusPasswordExpiresOn) : undefined;
  const expires = reported && isValid(reported) ? startOfDay(reported) : addDays(updated, passwordLifetimeDays);
  const byDelay = addMonths(updated, input.alertDelayMonths);
  const lastCall = addDays(expires, -lastCallDays);
  const dueOn = byDelay < lastCall ? byDelay : lastCall;
  const daysLeft = differenceInCalendarDays(expires, today);
  return {
    known: true,
    due: differenceInCalendarDays(dueOn, today) <= 0,
    dueOn: day(dueOn),
    expiresOn: day(expires),
    source: reported && isValid(reported) ? 'chorus-pro' : 'estimate',
    ...(reported && isValid(reported) && input.chorusPasswordExpiryStructure
      ? { expiryStructure: input.chorusPasswordExpiryStructure }
      : {}),
    daysLeft,
    expired: daysLeft < 0,
  };
}
