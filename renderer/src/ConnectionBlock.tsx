import { LastCheckLine } from './LastCheckLine';
import type { EnvironmentName } from '../../preload/contract';
import { unreachableCodes, type TestState } from './connectionTest';
import { FieldError } from './FieldError';
import { PasswordInput } from './PasswordInput';
import { Progress } from './Progress';
import { TextField } from './TextField';
import type { Configuration } from './useConfiguration';

export const successText = 'La connexion a été établie : les paramètres de connexion sont corrects.';

const environments: readonly { readonly value: EnvironmentName; readonly label: string }[] = [
  { value: 'production', label: 'Production' },
  { value: 'qualification', label: 'Qualification' },
  { value: 'custom', label: 'Personnalisé' },
];

interface Props {
  readonly configuration: Configuration;
  readonly passwordDraft: string;
  readonly onPasswordDraft: (text: string) => void;
  readonly test: TestState;
  readonly onTest: () => void;
  readonly onCancelTest: () => void;
  readonly onConfirmSpaces: () => void;
  /** Keeps the typed password although Chorus Pro could not be reached: offline preparation. */
  readonly onSaveUnchecked: () => void;
  readonly onShowStructures: () => void;
  /** The IT department's fleet keeps this account's password (received, then verified by a test). */
  readonly managedByFleet?: boolean;
}

/** The framed block "Informations de connexion", in the original's order. */
export function ConnectionBlock({ configuration, passwordDraft, onPasswordDraft, test, onTest, onCancelTest, onConfirmSpaces, onSaveUnchecked, onShowStructures, managedByFleet = false }: Props) {
  const { snapshot, errors, choose } = configuration;
  const custom = snapshot.settings.environment === 'custom';
  const unverified = snapshot.secrets.passwordVerified === false;
  // Only when Chorus Pro could not be reached: a password it refused must be corrected, not kept.
  const offerUnchecked = test.kind === 'failed' && passwordDraft !== '' && unreachableCodes.has(test.failure.code);

  return (
    <fieldset>
      <legend>Informations de connexion</legend>
      <div className="grid">
        <label htmlFor="environment">Environnement</label>
        <div>
          <select
            id="environment"
            value={snapshot.settings.environment}
            onChange={(event) => void choose('environment', { environment: event.target.value as EnvironmentName })}
          >
            {environments.map((environment) => (
              <option key={environment.value} value={environment.value}>
                {environment.label}
              </option>
            ))}
          </select>
          <FieldError id="environment" message={errors.environment} />
        </div>

        <TextField
          configuration={configuration}
          field="apiBaseUrl"
          label="Lien URL"
          type="url"
          readOnly={!custom}
          {...(custom ? {} : { hint: "Adresse de l'environnement choisi ; choisissez « Personnalisé » pour en saisir une autre." })}
        />
        <TextField configuration={configuration} field="login" label="Identifiant utilisateur" placeholder="TECH_1_…@cpro.fr" />

        <label htmlFor="password">Mot de passe</label>
        <div>
          <PasswordInput
            id="password"
            value={passwordDraft}
            placeholder={snapshot.secrets.password ? (managedByFleet ? 'Reçu du service informatique' : 'Enregistré dans le coffre-fort') : ''}
            aria-describedby={unverified ? 'password-unverified password-hint' : 'password-hint'}
            onChange={(event) => onPasswordDraft(event.target.value)}
          />
          {unverified && (
            <p className="warning-text" id="password-unverified">
              {managedByFleet
                ? 'Reçu du service informatique, non vérifié : le prochain test de connexion le vérifiera.'
                : 'Enregistré sans vérification : lancez le test de connexion dès que le poste a accès à Chorus Pro.'}
            </p>
          )}
          <p className="hint" id="password-hint">
            {snapshot.secrets.password === null
              ? 'Le coffre-fort de mots de passe est inaccessible : impossible de savoir si un mot de passe est enregistré.'
              : snapshot.secrets.password && managedByFleet
                ? 'Mot de passe reçu du service informatique, commun à tous les postes du parc : c’est lui qui le renouvelle, vous n’avez rien à saisir.'
                : snapshot.secrets.password
                ? 'Un mot de passe est enregistré. Saisissez-en un nouveau pour le remplacer : il sera vérifié par le test de connexion.'
                : 'Aucun mot de passe enregistré : saisissez celui du compte technique, il sera vérifié par le test de connexion.'}
          </p>
        </div>
      </div>

      <div className="actions">
        <button type="button" onClick={onTest} disabled={test.kind === 'running'}>
          Test de connexion
        </button>
        {test.kind === 'running' && <Progress label="Connexion à Chorus Pro en cours" onCancel={onCancelTest} />}
      </div>
      <LastCheckLine id="connection-last-check" check={snapshot.lastCheck} />
      <div role="status" className="result">
        {test.kind === 'succeeded' && (
          <p className="success">
            {successText}
            <span className="detail"> ({test.structureCount} structure{test.structureCount > 1 ? 's' : ''})</span>
          </p>
        )}
      </div>
      {test.kind === 'failed' && (
        <div role="alert" className="failure">
          <p>{test.failure.message}</p>
          {managedByFleet && test.failure.code === 'AUTH_REJECTED' && (
            <p>
              Ce compte est géré par le service informatique : ne saisissez pas de nouveau mot de passe vous-même, contactez-le ; il le
              renouvellera une fois pour tous les postes, et ce poste le recevra à son prochain démarrage.
            </p>
          )}
          {offerUnchecked && (
            <>
              <p>
                Si vous préparez ce poste hors ligne, vous pouvez garder le mot de passe saisi sans le faire vérifier : le
                premier test de connexion réussi le vérifiera.
              </p>
              <button type="button" onClick={onSaveUnchecked}>
                Enregistrer sans vérifier
              </button>
            </>
          )}
        </div>
      )}
      {test.kind === 'confirm-spaces' && (
        <div role="alert" className="warning">
          <p>
            Le mot de passe saisi commence ou se termine par une espace : c'est fréquent après un copier-coller depuis un PDF.
            Vérifiez-le avec « Afficher ».
          </p>
          <button type="button" onClick={onConfirmSpaces}>
            Le mot de passe est exact, avec ses espaces
          </button>
        </div>
      )}
      {test.kind === 'succeeded' && (
        <div className="actions">
          <button type="button" onClick={onShowStructures}>
            Structures définies dans Chorus Pro
          </button>
        </div>
      )}
    </fieldset>
  );
}
