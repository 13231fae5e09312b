import { alertDelayBounds } from './alertDelay';
import { FieldError } from './FieldError';
import { formatDay } from './format';
import { sourceText } from './ReminderBanner';
import type { Configuration } from './useConfiguration';

interface Props {
  readonly configuration: Configuration;
  readonly canRenew: boolean;
  readonly onRenew: () => void;
}

const months = Array.from({ length: alertDelayBounds.max - alertDelayBounds.min + 1 }, (_, index) => alertDelayBounds.min + index);

/** The framed block "Gestion du mot de passe de l'utilisateur technique". */
export function PasswordBlock({ configuration, canRenew, onRenew }: Props) {
  const { snapshot, errors, choose } = configuration;
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
          <input
            id="updatedAt"
            type="text"
            readOnly
            value={formatDay(snapshot.settings.passwordUpdatedAt)}
            placeholder="jj/mm/aaaa"
            aria-describedby="expiry"
          />
          <p className="hint" id="expiry">
            {snapshot.reminder.known
              ? `Expiration : ${formatDay(`${snapshot.reminder.expiresOn}T12:00:00`)} (${sourceText(snapshot.reminder)}) ; rappel à partir du ${formatDay(`${snapshot.reminder.dueOn}T12:00:00`)}.`
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
        {canRenew
          ? 'Le test de connexion a réussi : vous pouvez saisir le nouveau mot de passe communiqué par Chorus Pro.'
          : 'Disponible après un test de connexion réussi avec les paramètres affichés.'}
      </p>
    </fieldset>
  );
}
