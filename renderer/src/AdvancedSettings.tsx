import { useState } from 'react';
import { FieldError } from './FieldError';
import { PasswordInput } from './PasswordInput';
import { TextField } from './TextField';
import type { Configuration } from './useConfiguration';

interface Props {
  readonly configuration: Configuration;
  readonly clientSecretDraft: string;
  readonly onClientSecretDraft: (text: string) => void;
}

/** PISTE application, token URL, proxy, extra authority and timeout: collapsed until needed. */
export function AdvancedSettings({ configuration, clientSecretDraft, onClientSecretDraft }: Props) {
  const { snapshot, errors, setErrors, refresh } = configuration;
  const [secretMessage, setSecretMessage] = useState('');
  const custom = snapshot.settings.environment === 'custom';

  const saveSecret = async () => {
    const saved = await configuration.flush();
    if (!saved) return;
    const answer = await refresh(() => window.chorus.setClientSecret({ secret: clientSecretDraft }));
    if (!answer.ok) {
      setSecretMessage(answer.message);
      return;
    }
    onClientSecretDraft('');
    setSecretMessage('Secret client enregistré dans le coffre-fort de Windows.');
  };

  const chooseCertificate = async () => {
    const answer = await refresh(() => window.chorus.chooseCaCertificate());
    if (!answer.ok) setErrors((current) => ({ ...current, caCertificatePath: answer.message }));
    else setErrors(({ caCertificatePath: _fixed, ...rest }) => rest);
  };

  const removeCertificate = async () => {
    await refresh(() => window.chorus.saveSettings({ caCertificatePath: '' }));
  };

  return (
    <details className="advanced">
      <summary>Paramètres avancés</summary>
      <div className="grid">
        <TextField configuration={configuration} field="clientId" label="Identifiant client PISTE" />

        <label htmlFor="clientSecret">Secret client PISTE</label>
        <div>
          <span className="inline">
            <PasswordInput
              id="clientSecret"
              value={clientSecretDraft}
              placeholder={snapshot.secrets.clientSecret ? 'Enregistré dans le coffre-fort de Windows' : ''}
              aria-describedby="clientSecret-message"
              onChange={(event) => onClientSecretDraft(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && clientSecretDraft) void saveSecret();
              }}
            />
            <button type="button" disabled={!clientSecretDraft} onClick={() => void saveSecret()}>
              Enregistrer le secret
            </button>
          </span>
          <p className="hint" id="clientSecret-message" role="status">
            {secretMessage}
          </p>
        </div>

        <TextField
          configuration={configuration}
          field="tokenUrl"
          label="URL du jeton"
          type="url"
          readOnly={!custom}
          {...(custom ? {} : { hint: "Adresse de l'environnement choisi." })}
        />
        <TextField configuration={configuration} field="proxyUrl" label="Proxy" type="url" hint="Par exemple http://proxy.mairie.local:3128 ; vide si aucun." />

        <label htmlFor="caCertificate">Certificat d'autorité</label>
        <div>
          <span className="inline">
            <input id="caCertificate" type="text" readOnly value={snapshot.settings.caCertificatePath ?? ''} placeholder="Aucun" aria-describedby="caCertificate-hint" />
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
            Seulement si votre réseau inspecte les connexions sécurisées (fichier PEM fourni par votre service informatique).
          </p>
          <FieldError id="caCertificate" message={errors.caCertificatePath} />
        </div>

        <TextField configuration={configuration} field="timeoutSeconds" label="Délai d'attente (secondes)" type="number" hint="De 5 à 120 secondes." />
      </div>
    </details>
  );
}
