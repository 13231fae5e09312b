import { parseISO } from 'date-fns';
import { frenchTypography } from '../../common/french-typography';
import { frenchDay } from '../dates/plain-day';
import type { PasswordReminder } from '../../common/reminder';

const shown = (day: string): string => frenchDay(parseISO(day));

/** The OS notification's text: what is happening and what to do. */
export function reminderNotificationText(
  reminder: Extract<PasswordReminder, { known: true }>,
  accountName?: string,
): string {
  const text = reminderText(reminder);
  // After the account's name and its colon, no capital.
  return frenchTypography(
    accountName === undefined ? text.charAt(0).toUpperCase() + text.slice(1) : `Compte « ${accountName} » : ${text}`,
  );
}

function reminderText(reminder: Extract<PasswordReminder, { known: true }>): string {
  if (reminder.expired) {
    return `le mot de passe du compte technique Chorus Pro a probablement expiré le ${shown(reminder.expiresOn)} : les échanges de factures sont interrompus. Ouvrez la configuration pour saisir le nouveau mot de passe.`;
  }
  const when =
    reminder.daysLeft === 0 ? "aujourd'hui" : `dans ${reminder.daysLeft} jour${reminder.daysLeft > 1 ? 's' : ''}`;
  return `le mot de passe du compte technique Chorus Pro expire ${when} (le ${shown(reminder.expiresOn)}). Faites-le renouveler sur le portail, puis saisissez-le dans la configuration.`;
}
