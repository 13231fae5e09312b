import type { EnvironmentName } from '../../common/settings';
import type { Failure } from '../../common/failures';
import type { PasswordReminder } from '../../common/reminder';
import { frenchTypography as fr } from '../../common/french-typography';
import { LastCheckLine } from './LastCheckLine';
import { unreachableCodes, type TestState } from './connectionTest';
import { FailureText } from './FailureText';
import { FieldError } from './FieldError';
import { formatDay } from './format';
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
  /** The failure the block shows: the test's just run, or the last test's until a new one. */
  readonly failure: Failure | undefined;
  /** That failure's message when it is about the login. */
  readonly loginFailure: string | undefined;
  /** When a password typed here was checked and stored: the day it was. */
  readonly renewedOn: string | undefined;
  readonly onTest: () => void;
  readonly onCancelTest: () => void;
  readonly onConfirmSpaces: () => void;
  /** Keeps the typed password although Chorus Pro could not be reached: offline preparation. */
  readonly onSaveUnchecked: () => void;
  readonly onShowStructures: () => void;
  /** The IT department's fleet keeps this account's password (received, then verified by a test). */
  readonly managedByFleet?: boolean;
}

/** Under « Mot de passe »: what is known of the stored password, without inviting a new one when nothing is due. */
function passwordHint(stored: boolean | null, reminder: PasswordReminder, works: boolean): string {
  if (stored === null)
    return 'Le coffre-fort de mots de passe est inaccessible : impossible de savoir si un mot de passe est enregistré.';
  if (!stored)
    return 'Aucun mot de passe enregistré : saisissez celui du compte technique, le test de connexion le vérifiera.';
  if (reminder.known && reminder.expired)
    return 'Le mot de passe a probablement expiré : saisissez ici le nouveau, puis lancez le test de connexion.';
  if (reminder.known && reminder.due)
    return "Mot de passe à renouveler : saisissez ici le nouveau quand Chorus Pro vous l'a communiqué, puis lancez le test.";
  return works
    ? "Un mot de passe est enregistré dans le coffre-fort, et Chorus Pro l'a accepté."
    : 'Un mot de passe est enregistré dans le coffre-fort.';
}

/** The framed block "Informations de connexion", in the original's order. */
export function ConnectionBlock({
  configuration,
  passwordDraft,
  onPasswordDraft,
  test,
  failure,
  loginFailure,
  renewedOn,
  onTest,
  onCancelTest,
  onConfirmSpaces,
  onSaveUnchecked,
  onShowStructures,
  managedByFleet = false,
}: Props) {
  const { snapshot, errors, choose } = configuration;
  const custom = snapshot.settings.environment === 'custom';
  const unverified = snapshot.secrets.passwordVerified === false;
  const running = test.kind === 'running';
  // A password refused (or missing) stands at « Mot de passe », which it describes (issue 35).
  const atPassword = failure?.field === 'password' ? failure : undefined;
  // A failure about another field stands at that field; the others, under the test button.
  const underTest = failure?.field === undefined ? failure : undefined;
  // Only when Chorus Pro could not be reached: a password it refused must be corrected, not kept.
  const offerUnchecked = test.kind === 'failed' && passwordDraft !== '' && unreachableCodes.has(test.failure.code);
  const works = test.kind === 'succeeded' || (test.kind === 'idle' && snapshot.lastCheck?.ok === true);
  const describedBy = [
    atPassword ? 'password-failure' : '',
    unverified ? 'password-unverified' : '',
    atPassword ? '' : 'password-hint',
  ]
    .filter(Boolean)
    .join(' ');

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
          {...(custom
            ? {}
            : { hint: "Adresse de l'environnement choisi ; choisissez « Personnalisé » pour en saisir une autre." })}
        />
        <TextField
          configuration={configuration}
          field="login"
          label="Identifiant utilisateur"
          placeholder="TECH_1_…@cpro.fr"
          failure={loginFailure}
        />

        <label htmlFor="password">Mot de passe</label>
        <div>
          <PasswordInput
            id="password"
            value={passwordDraft}
            placeholder={
              snapshot.secrets.password
                ? managedByFleet
                  ? 'Reçu du service informatique'
                  : 'Enregistré dans le coffre-fort'
                : ''
            }
            aria-describedby={describedBy}
            aria-invalid={atPassword ? true : undefined}
            onChange={(event) => onPasswordDraft(event.target.value)}
          />
          {atPassword && (
            <div className="field-error" id="password-failure">
              <FailureText failure={atPassword} />
              {managedByFleet && atPassword.code === 'AUTH_REJECTED' && (
                <p>
                  {fr(
                    'Ce compte est géré par le service informatique : ne saisissez pas de nouveau mot de passe vous-même, contactez-le ; il le renouvellera une fois pour tous les postes, et ce poste le recevra à son prochain démarrage.',
                  )}
                </p>
              )}
            </div>
          )}
          {unverified && (
            <p className="warning-text" id="password-unverified">
              {fr(
                managedByFleet
                  ? 'Reçu du service informatique, non vérifié : le prochain test de connexion le vérifiera.'
                  : 'Enregistré sans vérification : lancez le test de connexion dès que le poste a accès à Chorus Pro.',
              )}
            </p>
          )}
          {!atPassword && (
            <p className="hint" id="password-hint">
              {fr(
                snapshot.secrets.password && managedByFleet
                  ? 'Mot de passe reçu du service informatique, commun à tous les postes du parc : c’est lui qui le renouvelle, vous n’avez rien à saisir.'
                  : passwordHint(snapshot.secrets.password, snapshot.reminder, works),
              )}
            </p>
          )}
        </div>
      </div>

      <div className="actions">
        {/* Not disabled while it runs: the focus stays on it (a disabled button drops it to the page). */}
        <button type="button" id="connection-test" aria-disabled={running} onClick={() => running || onTest()}>
          Test de connexion
        </button>
        {running && <Progress label="Connexion à Chorus Pro en cours" onCancel={onCancelTest} />}
        {test.kind === 'idle' && (
          <LastCheckLine id="connection-last-check" check={snapshot.lastCheck} withReason={!failure} />
        )}
      </div>
      <div role="status" className="result">
        {test.kind === 'succeeded' && (
          <p className={test.structureCount > 0 ? 'success' : undefined}>
            {fr(successText)}
            {test.structureCount > 0 && (
              <span className="detail">
                {' '}
                {fr(`(${test.structureCount} structure${test.structureCount > 1 ? 's' : ''})`)}
              </span>
            )}
          </p>
        )}
        {test.kind === 'succeeded' && renewedOn && (
          <p className="success">{fr(`Nouveau mot de passe vérifié et enregistré le ${formatDay(renewedOn)}.`)}</p>
        )}
        {test.kind === 'succeeded' && test.structureCount === 0 && (
          <p className="warning-text">
            {fr(
              'Demandez au gestionnaire principal de rattacher ce compte technique à votre structure, sur le portail Chorus Pro : aucune structure ne lui est rattachée, aucune facture ne peut être échangée.',
            )}
          </p>
        )}
      </div>
      {underTest && (
        <div role="alert" className="failure" id="connection-failure" tabIndex={-1}>
          <FailureText failure={underTest} />
          {offerUnchecked && (
            <>
              <p>
                {fr(
                  'Si vous préparez ce poste hors ligne, gardez le mot de passe saisi sans le faire vérifier : le premier test de connexion réussi le vérifiera.',
                )}
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
            {fr(
              'Vérifiez le mot de passe avec « Afficher » : il commence ou se termine par une espace, ce qui arrive souvent après un copier-coller depuis un PDF.',
            )}
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
