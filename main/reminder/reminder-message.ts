import { parseISO } from 'date-fns';
import { frenchDay } from '../dates/plain-day';
import type { PasswordReminder } from '../../preload/contract';

const shown = (day: string): string => frenchDay(parseISO(day));

/** The OS notification's text: what is happening and what to do. */
export function reminderNotificationText(reminder: Extract<PasswordReminder, { known: true }>, accountName?: string): string {
  const account = accountName === undefined ? '' : `Compte « ${accountName} » : `;
  if (reminder.expired) {
    return `${account}Le mot de passe du compte technique Chorus Pro a probablement expiré le ${shown(reminder.expiresOn)} : les échanges de factures sont interrompus. Ouvrez la configuration pour saisir le nouveau mot de passe.`;
  }
  const when = reminder.daysLeft === 0 ? "aujourd'hui" : `dans ${reminder.daysLeft} jour${reminder.daysLeft > 1 ? 's' : ''}`;
  return `${account}Le mot de passe du compte technique Chorus Pro expire ${when} (le ${shown(reminder.expiresOn)}). Faites-le renouveler sur le portail, puis saisissez-le dans la configuration.`;
}
