import type { PasswordReminder } from '../../preload/contract';
import type { Logger } from '../logger';

export const reminderPeriodMs = 24 * 60 * 60 * 1000;

export interface ReminderScheduleDependencies {
  readonly currentReminder: () => PasswordReminder;
  readonly notify: (reminder: PasswordReminder) => void;
  /** Runs `task` every `milliseconds`; returns what stops it. setInterval in the app. */
  readonly every: (milliseconds: number, task: () => void) => () => void;
  readonly logger: Logger;
}

/** Checks the reminder when the app starts, then once a day while it runs; notifies when due. */
export function startReminderSchedule({ currentReminder, notify, every, logger }: ReminderScheduleDependencies): () => void {
  const check = (): void => {
    try {
      const reminder = currentReminder();
      if (reminder.known && reminder.due) {
        logger.info('reminder.due', { daysLeft: reminder.daysLeft, source: reminder.source });
        notify(reminder);
      }
    } catch {
      logger.warn('reminder.check-failed', {});
    }
  };
  check();
  return every(reminderPeriodMs, check);
}
