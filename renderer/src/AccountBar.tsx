import { LastCheckLine } from './LastCheckLine';
import { useState } from 'react';
import type { SettingsSnapshot } from '../../preload/contract';
import { AccountNameDialog, RemoveAccountDialog } from './AccountDialogs';
import { formatDay } from './format';
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
