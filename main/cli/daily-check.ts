// `test --all --notify` (the daily check) on the command line: the notices the core writes
// (daily-check/notices.ts) shown by the desktop, or printed where there is none, and the copies of
// each password still to make.
import type { DestinationView } from '../../common/exchange';
import { dailyCheckNotices, pendingCopiesText, type NoticeContext, type Notifier } from '../daily-check/notices';
import type { AccountTestOutcome } from '../daily-check/test-accounts';
import type { Clock } from '../dates/clock';
import type { StoredAccount } from '../settings/settings-schema';
import { agreed, counted } from '../text/plural';

/** `test --all` with the copies still to make, per account (a line each, and `exchange` in its JSON). */
export function withPendingCopies<
  R extends { readonly json: Record<string, unknown>; readonly lines: readonly string[] },
>(result: R, pending: ReadonlyMap<string, readonly DestinationView[]>): R {
  if (pending.size === 0) return result;
  return {
    ...result,
    json: { ...result.json, exchange: Object.fromEntries([...pending].map(([account, copies]) => [account, copies])) },
    lines: [...result.lines, ...[...pending].map(([account, copies]) => pendingCopiesText(account, copies))],
  };
}

/**
 * `test --all`'s result with its notices shown. Without a notifier (plain Node: cli.js), they are
 * printed instead, with the way to get them: the installed app's `--cli`.
 */
export function withNotifications<
  R extends { readonly json: Record<string, unknown>; readonly lines: readonly string[] },
>(
  result: R & { readonly outcomes: readonly AccountTestOutcome[] },
  accounts: readonly StoredAccount[],
  clock: Clock,
  notifier: Notifier | undefined,
  context: NoticeContext = {},
): R {
  const notices = dailyCheckNotices(result.outcomes, accounts, clock, context);
  if (notifier) for (const notice of notices) notifier.show(notice);
  const shown = notifier !== undefined;
  return {
    ...result,
    json: {
      ...result.json,
      notifications: { shown, accounts: notices.map((notice) => ({ account: notice.account, text: notice.body })) },
    },
    lines: [
      ...result.lines,
      ...(shown
        ? [
            notices.length === 0
              ? 'Aucune notification : aucun compte en échec ni à renouveler.'
              : `${counted(notices.length, 'notification')} ${agreed(notices.length, 'affichée')}.`,
          ]
        : [
            "Notifications : elles ne s'affichent qu'avec l'application installée (\"Chorus Pro Echanges.exe\" --cli test --all --notify) ; voici ce qu'elles diraient :",
            ...(notices.length === 0
              ? ['  (aucune : aucun compte en échec ni à renouveler)']
              : notices.map((notice) => `  ${notice.body}`)),
          ]),
    ],
  };
}
