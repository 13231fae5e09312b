import { LastCheckLine } from './LastCheckLine';
import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import type { Outcome, SettingsSnapshot } from '../../preload/contract';
import { formatDay } from './format';
import { ModalDialog } from './ModalDialog';
import { useAccountList } from './useAccountList';

type Dialog = 'add' | 'rename' | 'remove';

interface Props {
  readonly snapshot: SettingsSnapshot;
  /** Takes the focus when shown: the screen was just rebuilt for another account. */
  readonly focusOnMount: boolean;
  /**
   * Before the screen shows another account: what is typed is saved, or the reason it cannot be
   * (a secret typed and not saved) is returned.
   */
  readonly prepareSwitch: () => Promise<string | undefined>;
  /** Another account is selected (switched to, added, or the current one removed). */
  readonly onSwitched: (snapshot: SettingsSnapshot) => void;
  /** The current account was renamed. */
  readonly onRenamed: (snapshot: SettingsSnapshot) => void;
}

/** Beyond this many accounts a filter helps: a centre de gestion keeps dozens. */
const filterFrom = 8;

/**
 * Above the original screen: which technical account it shows, and the accounts' list. Each
 * account is one commune, budget or structure with its own Chorus Pro technical account.
 */
export function AccountBar({ snapshot, focusOnMount, prepareSwitch, onSwitched, onRenamed }: Props) {
  const [filter, setFilter] = useState('');
  const [dialog, setDialog] = useState<Dialog>();
  const [message, setMessage] = useState<string>();
  const current = snapshot.account.name;
  const accounts = useAccountList(snapshot.accountsRevision);
  const wanted = filter.trim().toLocaleLowerCase('fr');
  const shown = (accounts ?? []).filter((account) => account.name === current || account.name.toLocaleLowerCase('fr').includes(wanted) || (account.login ?? '').toLocaleLowerCase('fr').includes(wanted)).map((account) => account.name);
  // Until the list arrives (just after the screen is shown), the one account the screen is about.
  const names = accounts ? shown : [current];
  const dueElsewhere = (accounts ?? []).filter((account) => account.name !== current && account.reminder.known && account.reminder.due);

  /** Runs `then` once the screen may show another account; says why not otherwise. */
  const whenFree = async (then: () => Promise<void> | void) => {
    const reason = await prepareSwitch();
    setMessage(reason);
    if (reason === undefined) await then();
  };
  // While another account is being shown, this bar is about to be replaced: it takes no action
  // (a dialog opened now would vanish with it).
  const [switching, setSwitching] = useState(false);
  const switchTo = async (name: string) => {
    if (name === current) return;
    setSwitching(true);
    try {
      await whenFree(async () => {
        const answer = await window.chorus.selectAccount({ name });
        if (answer.ok) onSwitched(answer);
        else setMessage(answer.message);
      });
    } finally {
      setSwitching(false);
    }
  };

  return (
    <section aria-label="Comptes techniques" className="account-bar">
      <div className="inline">
        <label htmlFor="account">Compte technique</label>
        <select id="account" value={current} autoFocus={focusOnMount} disabled={switching} onChange={(event) => void switchTo(event.target.value)}>
          {names.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        {snapshot.accountCount > filterFrom && (
          <input
            type="search"
            aria-label="Filtrer les comptes"
            placeholder={`Filtrer (${snapshot.accountCount} comptes)`}
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
          />
        )}
        <button type="button" disabled={switching} onClick={() => void whenFree(() => setDialog('add'))}>
          Ajouter
        </button>
        <button type="button" disabled={switching} onClick={() => setDialog('rename')}>
          Renommer
        </button>
        <button type="button" disabled={switching || snapshot.accountCount === 1} onClick={() => void whenFree(() => setDialog('remove'))}>
          Supprimer
        </button>
      </div>
      <LastCheckLine id="account-last-check" check={snapshot.lastCheck} />
      {message && (
        <p role="alert" className="failure">
          {message}
        </p>
      )}
      {dueElsewhere.length > 0 && (
        <div role="status" className="warning notice">
          <ul className="due-accounts">
            {dueElsewhere.map((account) => (
              <li key={account.name}>
                {account.reminder.known && account.reminder.expired
                  ? `Compte « ${account.name} » : le mot de passe a probablement expiré le ${formatDay(`${account.reminder.expiresOn}T12:00:00`)}.`
                  : `Compte « ${account.name} » : mot de passe à renouveler avant le ${account.reminder.known ? formatDay(`${account.reminder.expiresOn}T12:00:00`) : ''}.`}{' '}
                <button type="button" onClick={() => void switchTo(account.name)}>
                  Afficher « {account.name} »
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {dialog === 'add' && (
        <AccountNameDialog
          title="Ajouter un compte technique"
          label="Nom du compte"
          initial=""
          submitLabel="Ajouter"
          hint="Par exemple « Commune de Plouër — budget principal » : un compte par commune, budget ou structure."
          onClose={() => setDialog(undefined)}
          submit={(name) => window.chorus.addAccount({ name })}
          onDone={onSwitched}
        />
      )}
      {dialog === 'rename' && (
        <AccountNameDialog
          title="Renommer le compte technique"
          label="Nouveau nom"
          initial={current}
          submitLabel="Renommer"
          hint="Le nom ne sert qu'à vous repérer : les mots de passe enregistrés restent attachés à l'identifiant et à l'adresse."
          onClose={() => setDialog(undefined)}
          submit={(newName) => window.chorus.renameAccount({ name: current, newName })}
          onDone={onRenamed}
        />
      )}
      {dialog === 'remove' && <RemoveAccountDialog name={current} onClose={() => setDialog(undefined)} onDone={onSwitched} />}
    </section>
  );
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

function AccountNameDialog({ title, label, initial, submitLabel, hint, submit, onDone, onClose }: NameDialogProps) {
  const [name, setName] = useState(initial);
  const [failure, setFailure] = useState<string>();
  const send = async (event: SyntheticEvent) => {
    event.preventDefault();
    const answer = await submit(name);
    if (!answer.ok) {
      setFailure(answer.message);
      return;
    }
    onClose();
    onDone(answer);
  };
  return (
    <ModalDialog title={title} onCancel={onClose}>
      <form onSubmit={(event) => void send(event)}>
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
              {hint}
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

function RemoveAccountDialog({ name, onClose, onDone }: { readonly name: string; readonly onClose: () => void; readonly onDone: (snapshot: SettingsSnapshot) => void }) {
  const [failure, setFailure] = useState<string>();
  const cancel = useRef<HTMLButtonElement>(null);
  // The safe choice has the focus (after the dialog opened, which focuses its first control).
  useEffect(() => cancel.current?.focus(), []);
  const remove = async () => {
    const answer = await window.chorus.removeAccount({ name });
    if (!answer.ok) {
      setFailure(answer.message);
      return;
    }
    onClose();
    onDone(answer);
  };
  return (
    <ModalDialog title="Supprimer le compte technique" onCancel={onClose}>
      <p>
        Le compte « {name} » sera supprimé de ce poste, avec ses mots de passe enregistrés dans le coffre-fort. Les autres comptes ne
        changent pas. Le compte technique lui-même reste actif sur Chorus Pro.
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
