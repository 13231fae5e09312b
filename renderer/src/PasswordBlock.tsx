import { useState } from 'react';
import type { PasswordReminder } from '../../common/reminder';
import { frenchTypography as fr } from '../../common/french-typography';
import { alertDelayBounds } from '../../common/settings';
import { FieldError } from './FieldError';
import { formatDay } from './format';
import { sourceText } from './ReminderBanner';
import type { Configuration } from './useConfiguration';

interface Props {
  readonly configuration: Configuration;
  readonly canRenew: boolean;
  /** Chorus Pro refuses the stored password: the way on is « Mot de passe », not this button. */
  readonly passwordRefused: boolean;
  /** When the modal's new password was checked and stored: the day it was. */
  readonly renewedOn: string | undefined;
  readonly onRenew: () => void;
  /** The day typed in "Date de dernière mise à jour" (AAAA-MM-JJ), when the date may be given. */
  readonly typedDay: string | undefined;
  readonly onTypedDay: (day: string) => void;
  /** The IT department's fleet keeps this account's password: a new one comes from them. */
  readonly managedByFleet?: boolean;
  /** Said once a renewal replaced a day typed for the previous password. */
  readonly dateNotice?: string | undefined;
}

/** AAAA-MM-JJ of an instant, in the user's own calendar (what `<input type="date">` shows). */
const localDay = (iso: string | undefined): string => {
  if (!iso) return '';
  const date = new Date(iso);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
};

/**
 * Under « Saisir un nouveau mot de passe »: greyed until a test succeeds, as in the original; after
 * a success it invites a new password only when a renewal is due (issue 35).
 */
function renewHint(canRenew: boolean, passwordRefused: boolean, reminder: PasswordReminder): string {
  if (passwordRefused)
    return 'Chorus Pro refuse le mot de passe enregistré : saisissez le nouveau dans « Mot de passe », plus haut, puis lancez le test.';
  if (!canRenew) return 'Disponible après un test de connexion réussi avec les paramètres affichés.';
  if (reminder.known && reminder.due)
    return 'Le test de connexion a réussi : saisissez maintenant le nouveau mot de passe communiqué par Chorus Pro.';
  return 'Le test de connexion a réussi : le mot de passe enregistré fonctionne. Ce bouton sert quand Chorus Pro en communique un nouveau.';
}

const months = Array.from(
  { length: alertDelayBounds.max - alertDelayBounds.min + 1 },
  (_, index) => alertDelayBounds.min + index,
);

/** The framed block "Gestion du mot de passe de l'utilisateur technique". */
export function PasswordBlock({
  configuration,
  canRenew,
  passwordRefused,
  renewedOn,
  onRenew,
  typedDay,
  onTypedDay,
  dateNotice,
  managedByFleet = false,
}: Props) {
  const { snapshot, errors, choose } = configuration;
  const editable = snapshot.passwordDayEditable;
  const [dayError, setDayError] = useState<string>();
  const saveDay = async (day: string) => {
    onTypedDay(day);
    if (!day) return;
    const answer = await configuration.refresh(() => window.chorus.setPasswordCommunicatedOn({ day }));
    setDayError(answer.ok ? undefined : answer.message);
  };
  return (
    <fieldset>
      <legend>Gestion du mot de passe de l'utilisateur technique</legend>
      <div className="grid">
        <label htmlFor="alertDelay">Alerte actualisation</label>
        <div>
          <select
            id="alertDelay"
            value={snapshot.settings.alertDelayMonths}
            onChange={(event) => void choose('alertDelayMonths', { alertDelayMonths: Number(event.target.value) })}
          >
            {months.map((count) => (
              <option key={count} value={count}>
                {fr(`${count} mois`)}
              </option>
            ))}
          </select>
          <FieldError id="alertDelay" message={errors.alertDelayMonths} />
        </div>

        <label htmlFor="updatedAt">Date de dernière mise à jour</label>
        <div>
          {editable ? (
            <input
              id="updatedAt"
              type="date"
              lang="fr"
              value={typedDay ?? localDay(snapshot.settings.passwordUpdatedAt)}
              aria-describedby={dayError ? 'updatedAt-error updatedAt-hint expiry' : 'updatedAt-hint expiry'}
              aria-invalid={dayError ? true : undefined}
              onChange={(event) => void saveDay(event.target.value)}
            />
          ) : (
            <input
              id="updatedAt"
              type="text"
              readOnly
              value={formatDay(snapshot.settings.passwordUpdatedAt)}
              placeholder="jj/mm/aaaa"
              aria-describedby="expiry"
            />
          )}
          <FieldError id="updatedAt" message={dayError} />
          {dateNotice && (
            <p className="hint" role="status">
              {dateNotice}
            </p>
          )}
          {editable && (
            <p className="hint" id="updatedAt-hint">
              {fr(
                "Date à laquelle Chorus Pro a communiqué le mot de passe actuel (voir son courriel) : le rappel se calcule à partir d'elle. Un mot de passe vérifié par Chorus Pro est ensuite daté automatiquement.",
              )}
            </p>
          )}
          <p className="hint" id="expiry">
            {fr(
              snapshot.reminder.known
                ? `Expiration : ${formatDay(`${snapshot.reminder.expiresOn}T12:00:00`)} (${sourceText(snapshot.reminder)}) ; ` +
                    `rappel à partir du ${formatDay(`${snapshot.reminder.dueOn}T12:00:00`)}.` +
                    (snapshot.reminder.expiryStructure
                      ? ` Date lue sur la structure « ${snapshot.reminder.expiryStructure} » : la plus proche parmi les structures rattachées.`
                      : '')
                : "Expiration inconnue tant que la date de mise à jour ne l'est pas.",
            )}
          </p>
        </div>
      </div>
      <div className="actions">
        {/* Greyed as in the original, but not disabled: the focus it gets back from the modal stays
            on it while the test that follows runs. */}
        <button
          type="button"
          id="renew"
          aria-disabled={!canRenew}
          aria-describedby="renew-hint"
          onClick={() => canRenew && onRenew()}
        >
          Saisir un nouveau mot de passe
        </button>
      </div>
      <p className="hint" id="renew-hint">
        {fr(
          managedByFleet
            ? 'Ce compte est géré par le service informatique : pour un nouveau mot de passe, contactez-le ; il le renouvellera une fois pour tous les postes.'
            : renewHint(canRenew, passwordRefused, snapshot.reminder),
        )}
      </p>
      <p className="success live" role="status">
        {renewedOn && fr(`Nouveau mot de passe vérifié et enregistré le ${formatDay(renewedOn)}.`)}
      </p>
    </fieldset>
  );
}
