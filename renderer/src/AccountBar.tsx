import { useState } from 'react';
import type { AccountSummary, SettingsSnapshot } from '../../common/accounts';
import { frenchTypography as fr } from '../../common/french-typography';
import { AccountNameDialog, RemoveAccountDialog } from './AccountDialogs';
import { accountState } from './accountState';
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

/** Why another account needs someone, in one line: its last test failed, or its password is due. */
function needText(account: AccountSummary): string {
  const day = (iso: string) => formatDay(`${iso}T12:00:00`);
  if (account.lastCheck && !account.lastCheck.ok) {
    const reason = account.lastCheck.reason ?? account.lastCheck.code ?? 'raison inconnue';
    return `Compte « ${account.name} » : en échec le ${formatDay(account.lastCheck.at)} (${reason}).`;
  }
  if (!account.reminder.known) return '';
  return account.reminder.expired
    ? `Compte « ${account.name} » : le mot de passe a probablement expiré le ${day(account.reminder.expiresOn)}.`
    : `Compte « ${account.name} » : mot de passe à renouveler avant le ${day(account.reminder.expiresOn)}.`;
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
  const shown = (accounts ?? []).filter(
    (account) =>
      account.name === current ||
      account.name.toLocaleLowerCase('fr').includes(wanted) ||
      (account.login ?? '').toLocaleLowerCase('fr').includes(wanted),
  );
  // Until the list arrives (just after the screen is shown), the one account the screen is about.
  const options = accounts
    ? shown.map((account) => ({ name: account.name, label: `${account.name} — ${accountState(account)}` }))
    : [{ name: current, label: current }];
  // Every other account that needs someone: failing first, then those due (issue 35).
  const elsewhere = (accounts ?? []).filter(
    (account) => account.name !== current && accountState(account) !== 'OK' && accountState(account) !== 'non testé',
  );
  const needing = [
    ...elsewhere.filter((account) => accountState(account) === 'en échec'),
    ...elsewhere.filter((account) => accountState(account) === 'à renouveler'),
  ];

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
        <select
          id="account"
          value={current}
          autoFocus={focusOnMount}
          disabled={switching}
          onChange={(event) => void switchTo(event.target.value)}
        >
          {options.map((option) => (
            <option key={option.name} value={option.name}>
              {option.label}
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
        <button
          type="button"
          disabled={switching || snapshot.accountCount === 1}
          onClick={() => void whenFree(() => setDialog('remove'))}
        >
          Supprimer
        </button>
      </div>
      {message && (
        <p role="alert" className="failure">
          {fr(message)}
        </p>
      )}
      {needing.length > 0 && (
        <div role="status" className="warning notice">
          <ul className="due-accounts">
            {needing.map((account) => (
              <li key={account.name}>
                {fr(needText(account))}{' '}
                <button
                  type="button"
                  aria-label={fr(`Afficher « ${account.name} »`)}
                  onClick={() => void switchTo(account.name)}
                >
                  Afficher
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
      {dialog === 'remove' && (
        <RemoveAccountDialog name={current} onClose={() => setDialog(undefined)} onDone={onSwitched} />
      )}
    </section>
  );
}
