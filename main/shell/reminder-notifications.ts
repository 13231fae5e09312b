// The renewal reminder while the window is open: on the screen, and as a desktop notification
// that brings the window back when clicked.
import type { BrowserWindow, Notification as ElectronNotification } from 'electron';
import { ipcEventOf } from '../../preload/ipc-channel';
import type { Logger } from '../logging/logger';
import { reminderNotificationText } from '../reminder/reminder-message';
import { startReminderSchedule, type ReminderScheduleDependencies } from '../reminder/reminder-schedule';
import { appTitle } from './app-identity';

/** Starts checking every account's reminder for this window; stops when the window closes. */
export function remindInWindow(
  window: BrowserWindow,
  Notification: typeof ElectronNotification,
  reminders: ReminderScheduleDependencies['reminders'],
  logger: Logger,
): void {
  const stopReminders = startReminderSchedule({
    reminders,
    logger,
    every: (milliseconds, task) => {
      const timer = setInterval(task, milliseconds);
      return () => clearInterval(timer);
    },
    notify: (reminder, accountName) => {
      window.webContents.send(ipcEventOf('passwordReminder'), reminder);
      if (!reminder.known || !Notification.isSupported()) return;
      const notification = new Notification({ title: appTitle, body: reminderNotificationText(reminder, accountName) });
      notification.on('click', () => {
        if (window.isMinimized()) window.restore();
        window.show();
        window.focus();
      });
      notification.show();
    },
  });
  window.once('closed', stopReminders);
}
