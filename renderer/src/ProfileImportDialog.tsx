import { useState } from 'react';
import type { Failure, ProfileChange } from '../../preload/contract';
import { ModalDialog } from './ModalDialog';

interface Props {
  readonly file: string;
  readonly changes: readonly ProfileChange[];
  readonly onImport: () => Promise<Failure | undefined>;
  readonly onClose: () => void;
}

/** What a deployment profile would change, shown before anything changes. */
export function ProfileImportDialog({ file, changes, onImport, onClose }: Props) {
  const [failure, setFailure] = useState<Failure>();
  const [importing, setImporting] = useState(false);
  return (
    <ModalDialog title="Importer un profil de déploiement" onCancel={onClose}>
      <p>Fichier : {file}</p>
      {changes.length === 0 ? (
        <p>Les paramètres sont déjà ceux de ce profil.</p>
      ) : (
        <table>
          <caption>Paramètres qui seront modifiés (les mots de passe ne sont jamais concernés)</caption>
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
                <td>{change.setting}</td>
                <td>{change.before}</td>
                <td>{change.after}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {failure && (
        <p role="alert" className="failure">
          {failure.message}
        </p>
      )}
      <div className="actions end">
        <button
          type="button"
          disabled={importing}
          onClick={() => {
            setImporting(true);
            void onImport().then((result) => {
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
