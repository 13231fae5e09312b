import { useState } from 'react';
import { alertDelayBounds } from './contractValues';
import { FieldError } from './FieldError';
import { formatDay } from './format';
import { sourceText } from './ReminderBanner';
import type { Configuration } from './useConfiguration';

interface Props {
  readonly configuration: Configuration;
  readonly canRenew: boolean;
  readonly onRenew: () => void;
  /** The day typed in "Date de dernière mise à jour" (AAAA-MM-JJ), when the date may be given. */
  readonly typedDay: string | undefined;
  readonly onTypedDay: (day: string) => void;
  /** The IT department's fleet keeps this account's password: a new one comes from them. */
  readonly managedByFleet?: boolean;
}

/** AAAA-MM-JJ of an instant, in the user's own calendar (what `<input type="date">` shows). */
const localDay = (iso: string | undefined): string => {
  if (!iso) return '';
  const date = new Date(iso);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
};

const months = Array.from({ length: alertDelayBounds.max - alertDelayBounds.min + 1 }, (_, index) => alertDelayBounds.min + index);

/** The framed block "Gestion du mot de passe de l'utilisateur technique". */
export function PasswordBlock({ configuration, canRenew, onRenew, typedDay, onTypedDay, managedByFleet = false }: Props) {
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
                {count} mois
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
            <input id="updatedAt" type="text" readOnly value={formatDay(snapshot.settings.passwordUpdatedAt)} placeholder="jj/mm/aaaa" aria-describedby="expiry" />
          )}
          <FieldError id="updatedAt" message={dayError} />
          {editable && (
            <p className="hint" id="updatedAt-hint">
              Date à laquelle Chorus Pro a communiqué le mot de passe actuel (voir son courriel) : le rappel se calcule à partir
              d'elle. Un mot de passe vérifié par Chorus Pro est ensuite daté automatiquement.
            </p>
          )}
          <p className="hint" id="expiry">
            {snapshot.reminder.known
              ? `Expiration : ${formatDay(`${snapshot.reminder.expiresOn}T12:00:00`)} (${sourceText(snapshot.reminder)}) ; rappel à partir du ${formatDay(`${snapshot.reminder.dueOn}T12:00:00`)}.${
                  snapshot.reminder.expiryStructure ? ` Date lue sur la structure « ${snapshot.reminder.expiryStructure} » : la plus proche parmi les structures rattachées.` : ''
                }`
              : 'Expiration inconnue tant que la date de mise à jour ne l’est pas.'}
          </p>
        </div>
      </div>
      <div className="actions">
        <button type="button" disabled={!canRenew} aria-describedby="renew-hint" onClick={onRenew}>
          Saisir un nouveau mot de passe
        </button>
      </div>
      <p className="hint" id="renew-hint">
        {managedByFleet
          ? 'Ce compte est géré par le service informatique : pour un nouveau mot de passe, contactez-le ; il le renouvellera une fois pour tous les postes.'
          : canRenew
          ? 'Le test de connexion a réussi : vous pouvez saisir le nouveau mot de passe communiqué par Chorus Pro.'
          : 'Disponible après un test de connexion réussi avec les paramètres affichés.'}
      </p>
    </fieldset>
  );
}
