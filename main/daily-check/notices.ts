// What the daily check tells the accountant: one OS notification per account that failed or whose
// password is due, naming it and saying what to do next (the command line prints them where no
// desktop shows them, cli/daily-check.ts; the installed app shows them, shell/electron-notifier.ts).
import type { DestinationView } from '../../common/exchange';
import { frenchTypography } from '../../common/french-typography';
import { lastCheckReason } from '../chorus/last-check-text';
import type { Clock } from '../dates/clock';
import { passwordReminder } from '../reminder/password-reminder';
import { reminderNotificationText } from '../reminder/reminder-message';
import type { StoredAccount } from '../settings/settings-schema';
import { printable } from '../text/printable';
import type { AccountTestOutcome } from './test-accounts';

export interface AccountNotice {
  /** The account it is about: clicking the notification opens the app on it ('' for none: the fleet report's). */
  readonly account: string;
  readonly title: string;
  readonly body: string;
}

/** The desktop's notifications: Electron's in the installed app (`--cli`), none under Node. */
export interface Notifier {
  show(notice: AccountNotice): void;
  /** Resolves when the process may end without taking away a notification's click. */
  settled(): Promise<void>;
}

export const notificationTitle = 'Chorus Pro Echanges';

const stateWords: Readonly<Record<DestinationView['state'], string>> = {
  done: 'à jour',
  failed: 'en échec',
  todo: 'à faire',
  waiting: 'en attente',
};

/** « logiciel d'échanges non mis à jour »: what the copies of an account's password still lack. */
export function pendingCopiesText(account: string, pending: readonly DestinationView[]): string {
  const list = pending
    .map((destination) => `${printable(destination.name)} (${stateWords[destination.state]})`)
    .join(', ');
  const machineFailed = pending.some((destination) => destination.kind !== 'manual');
  const forMachines = machineFailed
    ? ' ; pour un script ou un serveur, votre service informatique relance la transmission (push)'
    : '';
  return `Compte « ${account} » : logiciel d'échanges non mis à jour — ${list}. Reportez-y le nouveau mot de passe : cliquez pour ouvrir l'application sur ce compte (« Copier le mot de passe », puis « Fait »)${forMachines}.`;
}

/** What the daily check knows beside the tests: the accounts a fleet manages, the copies still to make. */
export interface NoticeContext {
  /** Accounts a fleet manages (main/fleet/): a refused password there is the IT department's to renew. */
  readonly fleetManaged?: ReadonlySet<string>;
  /** Per account, the copies of its password not yet made (destinations/). */
  readonly pendingCopies?: ReadonlyMap<string, readonly DestinationView[]>;
}

/**
 * One notice per failing or due account, in the accounts' order; a failure says more than a due
 * date. An account a fleet manages (main/fleet/) whose password is refused sends the accountant to
 * the IT department: the password is theirs to renew, once for every workstation. An account whose
 * copies of the password are not all made says so too, until they are.
 */
export function dailyCheckNotices(
  outcomes: readonly AccountTestOutcome[],
  accounts: readonly StoredAccount[],
  clock: Clock,
  context: NoticeContext = {},
): AccountNotice[] {
  const fleetManaged = context.fleetManaged ?? new Set<string>();
  const pending = context.pendingCopies ?? new Map<string, readonly DestinationView[]>();
  const notices: AccountNotice[] = [];
  for (const outcome of outcomes) {
    // An account nobody set up was not checked: nothing to tell about it.
    if (outcome.ok === null) continue;
    if (!outcome.ok && outcome.code === 'AUTH_REJECTED' && fleetManaged.has(outcome.account)) {
      notices.push({
        account: outcome.account,
        title: `${notificationTitle} — ${outcome.account}`,
        body: `Compte « ${outcome.account} » : Chorus Pro a refusé le mot de passe reçu du service informatique. Ne le changez pas vous-même : contactez votre service informatique, qui le renouvellera pour tous les postes.`,
      });
      continue;
    }
    if (!outcome.ok) {
      const reason = lastCheckReason(outcome.code) ?? outcome.code;
      notices.push({
        account: outcome.account,
        title: `${notificationTitle} — ${outcome.account}`,
        body: frenchTypography(
          `Compte « ${outcome.account} » : le test de connexion à Chorus Pro a échoué (${reason}). Les factures de ce compte risquent de ne plus partir : cliquez pour ouvrir l'application sur ce compte, elle dit quoi faire.`,
        ),
      });
      continue;
    }
    const account = accounts.find((candidate) => candidate.name === outcome.account);
    const reminder = account ? passwordReminder(account, clock()) : undefined;
    const copies = pending.get(outcome.account);
    const texts = [
      ...(reminder?.known && reminder.due ? [reminderNotificationText(reminder, outcome.account)] : []),
      ...(copies && copies.length > 0 ? [pendingCopiesText(outcome.account, copies)] : []),
    ];
    if (texts.length > 0)
      notices.push({
        account: outcome.account,
        title: `${notificationTitle} — ${outcome.account}`,
        body: texts.join(' '),
      });
  }
  return notices;
}
