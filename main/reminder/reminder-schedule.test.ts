import { describe, expect, it } from 'vitest';
import type { PasswordReminder } from '../../common/reminder';
import { createLogger } from '../logging/logger';
import { reminderPeriodMs, startReminderSchedule } from './reminder-schedule';

const due: PasswordReminder = {
  known: true,
  due: true,
  dueOn: '2026-11-27',
  expiresOn: '2027-01-25',
  source: 'estimate',
  daysLeft: 59,
  expired: false,
};
const notDue: PasswordReminder = { ...due, due: false };

describe('the reminder schedule', () => {
  it('checks at start, then every day, notifying only while due, until stopped', () => {
    let current = due;
    const notified: PasswordReminder[] = [];
    let daily: (() => void) | undefined;
    let period = 0;
    const stop = startReminderSchedule({
      reminders: () => [{ name: 'Compte principal', reminder: current }],
      notify: (reminder, accountName) => {
        expect(accountName).toBeUndefined();
        notified.push(reminder);
      },
      every: (milliseconds, task) => {
        period = milliseconds;
        daily = task;
        return () => (daily = undefined);
      },
      logger: createLogger(() => undefined),
    });
    expect(notified).toHaveLength(1);
    expect(period).toBe(reminderPeriodMs);
    daily?.();
    expect(notified).toHaveLength(2);
    current = notDue;
    daily?.();
    expect(notified).toHaveLength(2);
    stop();
    expect(daily).toBeUndefined();
  });

  it('covers every account: one notification per due account, naming it', () => {
    const notified: string[] = [];
    startReminderSchedule({
      reminders: () => [
        { name: 'Commune de Plouër', reminder: due },
        { name: 'Commune de Tréméreuc', reminder: notDue },
        { name: 'SIVOM de la Rance', reminder: { ...due, expired: true, daysLeft: -3 } },
      ],
      notify: (_reminder, accountName) => notified.push(accountName ?? '(sans nom)'),
      every: () => () => undefined,
      logger: createLogger(() => undefined),
    });
    expect(notified).toEqual(['Commune de Plouër', 'SIVOM de la Rance']);
  });
});
