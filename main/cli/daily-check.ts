// What `test --all --notify` (the daily check) tells the accountant: one OS notification per
// account that failed or whose password is due, naming it and saying what to do next.
import type { StoredAccount } from '../settings/settings-schema';
import type { Clock } from '../dates/clock';
import { lastCheckReason } from '../chorus/last-check-text';
import { passwordReminder } from '../reminder/password-reminder';
import { reminderNotificationText } from '../reminder/reminder-message';
import type { AccountTestOutcome } from './test-all-accounts';

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

/**
 * One notice per failing or due account, in the accounts' order; a failure says more than a due
 * date. An account a fleet manages (main/fleet/) whose password is refused sends the accountant to
 * the IT department: the password is theirs to renew, once for every workstation.
 */
export function dailyCheckNotices(outcomes: readonly AccountTestOutcome[], accounts: readonly StoredAccount[], clock: Clock, fleetManaged: ReadonlySet<string> = new Set()): AccountNotice[] {
  const notices: AccountNotice[] = [];
  for (const outcome of outcomes) {
    if (!outcome.ok && outcome.code === 'AUTH_REJECTED' && fleetManaged.has(outcome.account)) {
      notices.push({
        account: outcome.account,
        title: `${notificationTitle} — ${outcome.account}`,
        body: `Compte « ${outcome.account} » : Chorus Pro a refusé le mot de passe reçu du service informatique. Ne le changez pas vous-même : contactez votre service informatique, qui le renouvellera pour tous les postes.`,
      });
      continue;
    }
    if (!outcome.ok) {
      notices.push({
        account: outcome.account,
        title: `${notificationTitle} — ${outcome.account}`,
        body: `Compte « ${outcome.account} » : la vérification de la connexion à Chorus Pro a échoué (${lastCheckReason(outcome.code) ?? outcome.code}). Les factures de ce compte risquent de ne plus partir : cliquez pour ouvrir l'application sur ce compte et suivre la marche à suivre.`,
      });
      continue;
    }
    const account = accounts.find((candidate) => candidate.name === outcome.account);
    const reminder = account ? passwordReminder(account, clock()) : undefined;
    if (reminder?.known && reminder.due) {
      notices.push({ account: outcome.account, title: `${notificationTitle} — ${outcome.account}`, body: reminderNotificationText(reminder, outcome.account) });
    }
  }
  return notices;
}

/**
 * `test --all`'s result with its notices shown. Without a notifier (plain Node: cli.js), they are
 * printed instead, with the way to get them: the installed app's `--cli`.
 */
export function withNotifications<R extends { readonly json: Record<string, unknown>; readonly lines: readonly string[] }>(
  result: R & { readonly outcomes: readonly AccountTestOutcome[] },
  accounts: readonly StoredAccount[],
  clock: Clock,
  notifier: Notifier | undefined,
  fleetManaged?: ReadonlySet<string>,
): R {
  const notices = dailyCheckNotices(result.outcomes, accounts, clock, fleetManaged);
  if (notifier) for (const notice of notices) notifier.show(notice);
  const shown = notifier !== undefined;
  return {
    ...result,
    json: { ...result.json, notifications: { shown, accounts: notices.map((notice) => ({ account: notice.account, text: notice.body })) } },
    lines: [
      ...result.lines,
      ...(shown
        ? [notices.length === 0 ? 'Aucune notification : aucun compte en échec ni à renouveler.' : `${notices.length} notification(s) affichée(s).`]
        : [
            "Notifications : elles ne s'affichent qu'avec l'application installée (\"Chorus Pro Echanges.exe\" --cli test --all --notify) ; voici ce qu'elles diraient :",
            ...(notices.length === 0 ? ['  (aucune : aucun compte en échec ni à renouveler)'] : notices.map((notice) => `  ${notice.body}`)),
          ]),
    ],
  };
}
