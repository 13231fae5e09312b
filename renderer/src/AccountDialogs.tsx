import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import type { Outcome } from '../../common/failures';
import type { SettingsSnapshot } from '../../common/accounts';
import { frenchTypography as fr } from '../../common/french-typography';
import { ModalDialog } from './ModalDialog';

// The account bar's dialogs: adding, renaming and removing a technical account.

/**
 * Sends one change of the account list. Accepted, the dialog closes and the screen shows the new
 * settings; refused, the dialog stays open with the reason, and what was typed stays in it.
 */
function useAccountListChange(onDone: (snapshot: SettingsSnapshot) => void, onClose: () => void) {
  const [failure, setFailure] = useState<string>();
  const send = async (change: () => Promise<Outcome<SettingsSnapshot>>) => {
    const answer = await change();
    if (!answer.ok) {
      setFailure(answer.message);
      return;
    }
    onClose();
    onDone(answer);
  };
  return { failure, send };
}

interface NameDialogProps {
  readonly title: string;
  readonly label: string;
  readonly initial: string;
  readonly submitLabel: string;
  readonly hint: string;
  readonly submit: (name: string) => Promise<Outcome<SettingsSnapshot>>;
  readonly onDone: (snapshot: SettingsSnapshot) => void;
  readonly onClose: () => void;
}

export function AccountNameDialog({
  title,
  label,
  initial,
  submitLabel,
  hint,
  submit,
  onDone,
  onClose,
}: NameDialogProps) {
  const [name, setName] = useState(initial);
  const { failure, send } = useAccountListChange(onDone, onClose);
  const sendName = (event: SyntheticEvent) => {
    event.preventDefault();
    void send(() => submit(name));
  };
  return (
    <ModalDialog title={title} onCancel={onClose}>
      <form onSubmit={sendName}>
        <div className="grid">
          <label htmlFor="accountName">{label}</label>
          <div>
            <input
              id="accountName"
              type="text"
              value={name}
              maxLength={80}
              autoFocus
              aria-describedby={failure ? 'accountName-error accountName-hint' : 'accountName-hint'}
              onChange={(event) => setName(event.target.value)}
            />
            <p className="hint" id="accountName-hint">
              {fr(hint)}
            </p>
            {failure && (
              <p role="alert" className="field-error" id="accountName-error">
                {failure}
              </p>
            )}
          </div>
        </div>
        <div className="actions end">
          <button type="submit" disabled={name.trim() === ''}>
            {submitLabel}
          </button>
          <button type="button" onClick={onClose}>
            Annuler
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

export function RemoveAccountDialog({
  name,
  onClose,
  onDone,
}: {
  readonly name: string;
  readonly onClose: () => void;
  readonly onDone: (snapshot: SettingsSnapshot) => void;
}) {
  const { failure, send } = useAccountListChange(onDone, onClose);
  const cancel = useRef<HTMLButtonElement>(null);
  // The safe choice has the focus (after the dialog opened, which focuses its first control).
  useEffect(() => cancel.current?.focus(), []);
  const remove = () => send(() => window.chorus.removeAccount({ name }));
  return (
    <ModalDialog title="Supprimer le compte technique" onCancel={onClose}>
      <p>
        {fr(
          `Le compte « ${name} » sera supprimé de ce poste, avec ses mots de passe enregistrés dans le coffre-fort. Les autres comptes ne changent pas. Le compte technique lui-même reste actif sur Chorus Pro.`,
        )}
      </p>
      {failure && (
        <p role="alert" className="failure">
          {failure}
        </p>
      )}
      <div className="actions end">
        <button type="button" onClick={() => void remove()}>
          Supprimer
        </button>
        <button type="button" ref={cancel} onClick={onClose}>
          Annuler
        </button>
      </div>
    </ModalDialog>
  );
}
