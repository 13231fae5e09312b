import type { PasswordReminder } from '../../preload/contract';
import { formatDay } from './format';

export const sourceText = (reminder: Extract<PasswordReminder, { known: true }>): string =>
  reminder.source === 'chorus-pro' ? 'date communiquée par Chorus Pro' : 'date estimée : dernière mise à jour + 424 jours';

interface Props {
  readonly reminder: PasswordReminder;
  readonly passwordStored: boolean;
  readonly onRenew: () => void;
  /** Named when there are several accounts: the banner says which one is due. */
  readonly accountName?: string;
  /** The IT department's fleet keeps this account's password: renewing is theirs, for every workstation. */
  readonly managedByFleet?: boolean;
}

/** For an account a fleet keeps, the renewal goes through the IT department. */
const fleetRenewalText =
  'Ce compte est géré par le service informatique : ne changez pas le mot de passe vous-même, contactez-le ; il le renouvellera une fois pour tous les postes.';

/** The renewal reminder the original screen left for later ("Alerte actualisation"). */
export function ReminderBanner({ reminder, passwordStored, onRenew, accountName, managedByFleet = false }: Props) {
  const account = accountName === undefined ? '' : `Compte « ${accountName} » : `;
  if (!reminder.known) {
    return passwordStored ? (
      <div role="status" className="info notice">
        La date du dernier changement de mot de passe n'est pas connue : aucun rappel ne peut être calculé. Au prochain
        renouvellement, passez par « Saisir un nouveau mot de passe » : la date sera enregistrée et le rappel activé.
      </div>
    ) : null;
  }
  if (!reminder.due) return null;
  const day = formatDay(`${reminder.expiresOn}T12:00:00`);
  return (
    <div role="alert" className="warning notice reminder">
      {reminder.expired ? (
        <p>
          {account}Le mot de passe du compte technique a probablement expiré le {day} ({sourceText(reminder)}) : les échanges avec Chorus Pro
          sont interrompus.
          {!managedByFleet &&
            ' Demandez au gestionnaire principal de le réinitialiser sur le portail Chorus Pro (Raccordements > Compte technique), puis saisissez le nouveau mot de passe dans le champ « Mot de passe » et lancez le test de connexion.'}
        </p>
      ) : (
        <p>
          {account}Le mot de passe du compte technique expire dans {reminder.daysLeft} jour{reminder.daysLeft > 1 ? 's' : ''}, le {day} (
          {sourceText(reminder)}).
          {!managedByFleet && ' Demandez au gestionnaire principal de le renouveler sur le portail Chorus Pro, puis saisissez-le ici.'}
        </p>
      )}
      {managedByFleet ? (
        <p className="fleet-renewal">{fleetRenewalText}</p>
      ) : (
        <button type="button" onClick={onRenew}>
          Renouveler le mot de passe
        </button>
      )}
    </div>
  );
}
