import { useState } from 'react';
import type { Failure } from '../../common/failures';
import type { ProfileChange } from '../../common/profiles';
import { frenchTypography as fr } from '../../common/french-typography';
import { FailureText } from './FailureText';
import { ModalDialog } from './ModalDialog';
import { PasswordInput } from './PasswordInput';

interface Props {
  readonly file: string;
  readonly changes: readonly ProfileChange[];
  /** The profile carries encrypted passwords: its passphrase is asked for. */
  readonly withSecrets: boolean;
  readonly onImport: (passphrase: string | undefined) => Promise<Failure | undefined>;
  readonly onClose: () => void;
}

/** What a deployment profile would change, shown before anything changes. */
export function ProfileImportDialog({ file, changes, withSecrets, onImport, onClose }: Props) {
  const [failure, setFailure] = useState<Failure>();
  const [importing, setImporting] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  return (
    <ModalDialog title="Importer un profil de déploiement" onCancel={onClose}>
      <p>{fr(`Fichier : ${file}`)}</p>
      {changes.length === 0 ? (
        <p>Les paramètres sont déjà ceux de ce profil.</p>
      ) : (
        <table>
          <caption>
            {withSecrets
              ? 'Paramètres qui seront modifiés'
              : 'Paramètres qui seront modifiés (les mots de passe ne sont pas concernés)'}
          </caption>
          <thead>
            <tr>
              <th scope="col">Paramètre</th>
              <th scope="col">Actuel</th>
              <th scope="col">Après import</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((change) => (
              <tr key={change.setting}>
                <td>{fr(change.setting)}</td>
                <td>{fr(change.before)}</td>
                <td>{fr(change.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {withSecrets && (
        <div className="grid">
          <p className="wide">
            {fr(
              'Ce profil contient aussi les mots de passe, chiffrés : ils remplaceront ceux du coffre-fort de ce poste pour ces paramètres, et le premier test de connexion les vérifiera.',
            )}
          </p>
          <label htmlFor="importPassphrase">Phrase secrète</label>
          <div>
            <PasswordInput
              id="importPassphrase"
              value={passphrase}
              aria-describedby={failure ? 'import-failure' : undefined}
              onChange={(event) => setPassphrase(event.target.value)}
            />
          </div>
        </div>
      )}
      {importing && withSecrets && (
        <p role="status" className="progress">
          <span className="spinner" aria-hidden="true" /> Déchiffrement en cours…
        </p>
      )}
      {failure && (
        <div role="alert" className="failure" id="import-failure">
          <FailureText failure={failure} />
        </div>
      )}
      <div className="actions end">
        <button
          type="button"
          disabled={importing || (withSecrets && !passphrase)}
          onClick={() => {
            setImporting(true);
            setFailure(undefined);
            void onImport(withSecrets ? passphrase : undefined).then((result) => {
              setImporting(false);
              if (result) setFailure(result);
            });
          }}
        >
          Importer
        </button>
        <button type="button" onClick={onClose} autoFocus>
          Annuler
        </button>
      </div>
    </ModalDialog>
  );
}
