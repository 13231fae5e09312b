import { useState, type SyntheticEvent } from 'react';
import { frenchTypography as fr } from '../../common/french-typography';
import { PasswordInput } from './PasswordInput';
import type { Configuration } from './useConfiguration';

/**
 * The workstation's profile, applied at first start, also carries the passwords, encrypted: asked
 * once for the passphrase, which the IT department gives by another channel than the file.
 */
export function MachineProfileSecrets({ configuration }: { readonly configuration: Configuration }) {
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (!passphrase || busy) return;
    setBusy(true);
    const answer = await configuration.refresh(() => window.chorus.importMachineProfileSecrets({ passphrase }));
    setBusy(false);
    if (!answer.ok) setFailure(answer.message);
  };

  return (
    <section aria-label="Mots de passe du profil de déploiement" className="warning notice">
      <form onSubmit={(event) => void submit(event)}>
        <p>
          {fr(
            'Saisissez la phrase secrète que votre service informatique vous a communiquée : le profil de déploiement de ce poste contient les mots de passe, chiffrés, à enregistrer dans le coffre-fort.',
          )}
        </p>
        <div className="inline">
          <label htmlFor="machinePassphrase">Phrase secrète</label>
          <PasswordInput
            id="machinePassphrase"
            value={passphrase}
            aria-describedby={failure ? 'machinePassphrase-failure' : undefined}
            onChange={(event) => setPassphrase(event.target.value)}
          />
          <button type="submit" disabled={!passphrase || busy}>
            Importer les mots de passe
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => void configuration.refresh(() => window.chorus.dismissMachineProfileSecrets())}
          >
            Ignorer
          </button>
        </div>
        {busy && (
          <p role="status" className="progress">
            <span className="spinner" aria-hidden="true" /> Déchiffrement en cours…
          </p>
        )}
        {failure && (
          <p role="alert" className="failure" id="machinePassphrase-failure">
            {fr(failure)}
          </p>
        )}
      </form>
    </section>
  );
}
