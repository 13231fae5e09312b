import type { PasswordReminder } from '../../common/reminder';
import type { Logger } from '../logging/logger';

export const reminderPeriodMs = 24 * 60 * 60 * 1000;

/** One account's reminder, by the account's name. */
export interface AccountReminder {
  readonly name: string;
  readonly reminder: PasswordReminder;
}

export interface ReminderScheduleDependencies {
  /** Every account's reminder: the check covers them all. */
  readonly reminders: () => readonly AccountReminder[];
  /** One notification per due account; its name is given when there are several accounts. */
  readonly notify: (reminder: PasswordReminder, accountName: string | undefined) => void;
  /** Runs `task` every `milliseconds`; returns what stops it. setInterval in the app. */
  readonly every: (milliseconds: number, task: () => void) => () => void;
  readonly logger: Logger;
}

/** Checks the reminder when the app starts, then once a day while it runs; notifies when due. */
export function startReminderSchedule({ reminders, notify, every, logger }: ReminderScheduleDependencies): () => void {
  const check = (): void => {
    try {
      const all = reminders();
      for (const { name, reminder } of all) {
        if (!reminder.known || !reminder.due) continue;
        logger.info('reminder.due', { account: name, daysLeft: reminder.daysLeft, source: reminder.source });
        notify(reminder, all.length > 1 ? name : undefined);
      }
    } catch {
      logger.warn('reminder.check-failed', {});
    }
  };
  check();
  return every(reminderPeriodMs, check);
}
