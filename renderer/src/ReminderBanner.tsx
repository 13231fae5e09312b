import type { PasswordReminder } from '../../common/reminder';
import { frenchTypography as fr } from '../../common/french-typography';
import { formatDay } from './format';

export const sourceText = (reminder: Extract<PasswordReminder, { known: true }>): string =>
  reminder.source === 'chorus-pro'
    ? 'date communiquée par Chorus Pro'
    : 'date estimée : dernière mise à jour + 424 jours';

interface Props {
  readonly reminder: PasswordReminder;
  readonly passwordStored: boolean;
  readonly onRenew: () => void;
  /** Named when there are several accounts: the banner says which one is due. */
  readonly accountName?: string;
  /** The IT department's fleet keeps this account's password: renewing is theirs, for every workstation. */
  readonly managedByFleet?: boolean;
}

/**
 * Action first, two lines at most: what to do, then when the password expires and whose date it is
 * (the expiry line of the password block says how an estimate is made).
 */
function reminderText(reminder: Extract<PasswordReminder, { known: true }>): string {
  const day = formatDay(`${reminder.expiresOn}T12:00:00`);
  const source = reminder.source === 'chorus-pro' ? 'date communiquée par Chorus Pro' : 'date estimée';
  if (reminder.expired) {
    return `faites réinitialiser le mot de passe sur le portail Chorus Pro, puis saisissez le nouveau dans « Mot de passe » : il a probablement expiré le ${day} (${source}).`;
  }
  const left = `${reminder.daysLeft} jour${reminder.daysLeft > 1 ? 's' : ''}`;
  return `faites renouveler le mot de passe du compte technique sur le portail Chorus Pro, puis cliquez « Renouveler le mot de passe » : il expire dans ${left}, le ${day} (${source}).`;
}

/**
 * For an account a fleet keeps (issue 31), the renewal goes through the IT department, once for
 * every workstation: the banner sends there, and offers no renewal of its own.
 */
function fleetReminderText(reminder: Extract<PasswordReminder, { known: true }>): string {
  const day = formatDay(`${reminder.expiresOn}T12:00:00`);
  const when = reminder.expired
    ? `il a probablement expiré le ${day}`
    : `il expire dans ${reminder.daysLeft} jour${reminder.daysLeft > 1 ? 's' : ''}, le ${day}`;
  return `contactez votre service informatique, qui renouvelle ce mot de passe une fois pour tous les postes ; ne le changez pas vous-même : ${when}.`;
}

/** The renewal reminder the original screen left for later ("Alerte actualisation"). */
export function ReminderBanner({ reminder, passwordStored, onRenew, accountName, managedByFleet = false }: Props) {
  if (!reminder.known) {
    return passwordStored ? (
      <div role="status" className="info notice">
        {fr(
          "Au prochain renouvellement, passez par « Saisir un nouveau mot de passe » : la date du dernier renouvellement n'est pas connue, aucun rappel n'est possible d'ici là.",
        )}
      </div>
    ) : null;
  }
  if (!reminder.due) return null;
  const text = managedByFleet ? fleetReminderText(reminder) : reminderText(reminder);
  return (
    <div role="alert" className="warning notice reminder">
      <p>
        {fr(
          accountName === undefined
            ? text.charAt(0).toUpperCase() + text.slice(1)
            : `Compte « ${accountName} » : ${text}`,
        )}
      </p>
      {!managedByFleet && (
        <button type="button" id="reminder-renew" onClick={onRenew}>
          Renouveler le mot de passe
        </button>
      )}
    </div>
  );
}
