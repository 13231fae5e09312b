import type { Failure } from '../../common/failures';
import { FieldError } from './FieldError';
import { SecretField } from './SecretField';
import { TextField } from './TextField';
import type { Configuration } from './useConfiguration';
import { LazyDetails } from './LazyDetails';

interface Props {
  readonly configuration: Configuration;
  /** A test's failure about the PISTE client id (not given yet): the field is marked and says it. */
  readonly clientIdFailure: string | undefined;
  /** A test's failure about the client secret: the section opens, the field is marked and says it. */
  readonly clientSecretFailure: Failure | undefined;
  /** Opened by the screen, for a failure about one of its fields. */
  readonly openNow: boolean;
  /** Tells the screen a secret is typed and not saved yet (the window then asks before closing). */
  readonly onSecretDraft: (field: 'clientSecret' | 'proxyPassword', typing: boolean) => void;
}

function proxyUserOf(proxyUrl: string | undefined): string | undefined {
  try {
    return proxyUrl ? decodeURIComponent(new URL(proxyUrl).username) || undefined : undefined;
  } catch {
    return undefined;
  }
}

/** PISTE application, token URL, proxy, extra authority and timeout: collapsed until needed. */
export function AdvancedSettings({
  configuration,
  clientIdFailure,
  clientSecretFailure,
  openNow,
  onSecretDraft,
}: Props) {
  const { snapshot, errors, setErrors, refresh } = configuration;
  const custom = snapshot.settings.environment === 'custom';
  const proxyUser = proxyUserOf(snapshot.settings.proxyUrl);

  const chooseCertificate = async () => {
    const answer = await refresh(() => window.chorus.chooseCaCertificate());
    if (!answer.ok) setErrors((current) => ({ ...current, caCertificatePath: answer.message }));
    else setErrors(({ caCertificatePath: _fixed, ...rest }) => rest);
  };

  const removeCertificate = async () => {
    await refresh(() => window.chorus.saveSettings({ caCertificatePath: '' }));
  };

  return (
    <LazyDetails className="advanced" summary="Paramètres avancés" openNow={openNow}>
      <div className="grid">
        <TextField
          configuration={configuration}
          field="clientId"
          label="Identifiant client PISTE"
          failure={clientIdFailure}
        />

        <SecretField
          id="clientSecret"
          label="Secret client PISTE"
          stored={snapshot.secrets.clientSecret}
          saveLabel="Enregistrer le secret"
          storedMessage="Secret client enregistré dans le coffre-fort (il n'est jamais affiché)."
          missingMessage="Aucun secret client enregistré pour ces paramètres : à faire saisir par votre service informatique."
          failure={clientSecretFailure}
          onDraft={(typing) => onSecretDraft('clientSecret', typing)}
          save={async (secret) => {
            if (!(await configuration.flush()))
              return {
                ok: false,
                code: 'INVALID_INPUT',
                message: 'Corrigez les champs signalés, puis réessayez : ils ne sont pas enregistrés.',
              };
            return refresh(() => window.chorus.setClientSecret({ secret }));
          }}
        />

        <TextField
          configuration={configuration}
          field="tokenUrl"
          label="URL du jeton"
          type="url"
          readOnly={!custom}
          {...(custom ? {} : { hint: "Adresse de l'environnement choisi." })}
        />
        <TextField
          configuration={configuration}
          field="proxyUrl"
          label="Proxy"
          type="url"
          hint="Par exemple http://proxy.mairie.local:3128, ou http://identifiant@proxy.mairie.local:3128 si le proxy demande un mot de passe ; vide si aucun."
        />
        {proxyUser && (
          <SecretField
            id="proxyPassword"
            label={`Mot de passe du proxy (${proxyUser})`}
            stored={snapshot.secrets.proxyPassword}
            saveLabel="Enregistrer le mot de passe"
            storedMessage="Mot de passe du proxy enregistré dans le coffre-fort (il n'est jamais affiché)."
            missingMessage="Aucun mot de passe du proxy enregistré : à faire saisir par votre service informatique."
            onDraft={(typing) => onSecretDraft('proxyPassword', typing)}
            save={(secret) => refresh(() => window.chorus.setProxyPassword({ secret }))}
          />
        )}

        <label htmlFor="caCertificate">Certificat d'autorité</label>
        <div>
          <span className="inline">
            <input
              id="caCertificate"
              type="text"
              readOnly
              value={snapshot.settings.caCertificatePath ?? ''}
              placeholder="Aucun"
              aria-describedby="caCertificate-hint"
            />
            <button type="button" onClick={() => void chooseCertificate()}>
              Choisir…
            </button>
            {snapshot.settings.caCertificatePath && (
              <button type="button" onClick={() => void removeCertificate()}>
                Retirer
              </button>
            )}
          </span>
          <p className="hint" id="caCertificate-hint">
            Seulement si votre réseau inspecte les connexions sécurisées (fichier PEM fourni par votre service
            informatique).
          </p>
          <FieldError id="caCertificate" message={errors.caCertificatePath} />
        </div>

        <TextField
          configuration={configuration}
          field="timeoutSeconds"
          label="Délai d'attente (secondes)"
          type="number"
          hint="De 5 à 120 secondes."
        />
      </div>
    </LazyDetails>
  );
}
