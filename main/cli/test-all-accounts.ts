import { setTimeout } from 'node:timers/promises';
import { parseISO } from 'date-fns';
import { frenchDay } from '../dates/plain-day';
import { toFailure } from '../failures/errors';
import type { CoreServices } from '../accounts/core-services';
import { accountNameText, accountOptionText } from './account-choice';
import { refuseUnconfirmedHosts } from './confirmed-hosts';
import { agreed, counted } from '../text/plural';
import type { CommandResult } from './command-result';

/** A password that works but is due for renewal: when it expires, in the account's reminder's words. */
export interface RenewalDue {
  readonly expiresOn: string;
  readonly daysLeft: number;
}

/** One account's outcome in `test --all`. */
export type AccountTestOutcome =
  | { readonly account: string; readonly ok: true; readonly structureCount: number; readonly durationMs: number; readonly renewalDue?: RenewalDue }
  | { readonly account: string; readonly ok: false; readonly code: string; readonly message: string; readonly retryAfterSeconds?: number; readonly waitedSeconds?: number }
  /** Not checked: an account nobody set up (no login) says nothing of Chorus Pro. */
  | { readonly account: string; readonly ok: null; readonly skipped: 'no-login' };

/**
 * After a 429, the next account waits what PISTE asked for, but never longer than this: a run over
 * many accounts must end, and a wait of hours is a gateway's misconfiguration, not a plan.
 */
export const longestQuotaWaitSeconds = 60;
/** A 429 without `Retry-After`: a short pause rather than none. */
export const defaultQuotaWaitSeconds = 10;

export type Wait = (seconds: number) => Promise<void>;
const sleep: Wait = (seconds) => setTimeout(seconds * 1000);

/**
 * Every account tested, one after the other: the nightly check of a centre de gestion. An account
 * without a login (the « Compte principal » of a user who never set the app up) is not tested:
 * it would fail every morning for nothing. The result says `renewSoon` when every tested account
 * works but a password is due for renewal (exit status 3).
 */
export async function testAllAccounts(services: CoreServices, wait: Wait = sleep): Promise<CommandResult & { readonly outcomes: readonly AccountTestOutcome[] }> {
  return testAllResult(await testAccounts(services, services.workstation.accounts.list().map((account) => account.name), wait));
}

/** These accounts tested, one after the other (the daily check retests some after a fleet's sync). */
export async function testAccounts(services: CoreServices, names: readonly string[], wait: Wait = sleep): Promise<AccountTestOutcome[]> {
  const results: AccountTestOutcome[] = [];
  const stored = services.workstation.accounts.list();
  const tested = names.filter((name) => stored.some((account) => account.name === name && account.login !== undefined));
  for (const name of names) {
    if (!tested.includes(name)) {
      results.push({ account: name, ok: null, skipped: 'no-login' });
      continue;
    }
    const account = services.account(name);
    try {
      // The daily check runs alone: a host nobody confirmed here is refused, not asked about.
      refuseUnconfirmedHosts(services.workstation, account, account.settings.read());
      const outcome = await account.connection.testConnection(account.settings.read());
      const reminder = account.currentReminder();
      const renewalDue = reminder.known && reminder.due ? { expiresOn: reminder.expiresOn, daysLeft: reminder.daysLeft } : undefined;
      results.push({ account: name, ok: true as const, structureCount: outcome.structureCount, durationMs: outcome.durationMs, ...(renewalDue ? { renewalDue } : {}) });
    } catch (error) {
      const failure = toFailure(error, 'command-line');
      // PISTE's quota covers the application, shared by the accounts after this one: wait it out.
      const isLastTested = tested[tested.length - 1] === name;
      const waitedSeconds = failure.code === 'RATE_LIMITED' && !isLastTested ? Math.min(failure.retryAfterSeconds ?? defaultQuotaWaitSeconds, longestQuotaWaitSeconds) : undefined;
      results.push({ account: name, ok: false as const, code: failure.code, message: failure.message, ...(failure.retryAfterSeconds !== undefined ? { retryAfterSeconds: failure.retryAfterSeconds } : {}), ...(waitedSeconds !== undefined ? { waitedSeconds } : {}) });
      if (waitedSeconds !== undefined) await wait(waitedSeconds);
    }
  }
  return results;
}

/** `test --all`'s result: one line per account, then the summary (`renewSoon`: exit status 3). */
export function testAllResult(results: readonly AccountTestOutcome[]): CommandResult & { readonly outcomes: readonly AccountTestOutcome[] } {
  const failed = results.filter((result) => result.ok === false);
  const due = results.filter((result) => result.ok === true && result.renewalDue !== undefined);
  const skipped = results.filter((result) => result.ok === null);
  return {
    outcomes: results,
    json: { results, renewSoon: due.length > 0 },
    failed: failed.length > 0,
    renewSoon: due.length > 0,
    lines: [
      ...results.map(outcomeLine),
      ...summary(results.length - skipped.length, failed.length, due.length, skipped.length),
      ...failed.map((result) => `Pour « ${result.account} », ajoutez ${accountOptionText(result.account)} aux commandes indiquées.`),
    ],
  };
}

function outcomeLine(result: AccountTestOutcome): string {
  if (result.ok === null) return `—       ${result.account} : non vérifié, aucun identifiant renseigné (configure ${accountOptionText(result.account)} --login IDENTIFIANT pour l'utiliser, ou accounts remove ${accountNameText(result.account)})`;
  if (result.ok) {
    const renewal = result.renewalDue === undefined ? '' : ` — mot de passe à renouveler : il expire le ${frenchDay(parseISO(result.renewalDue.expiresOn))}`;
    return `OK      ${result.account} (${counted(result.structureCount, 'structure')})${renewal}`;
  }
  return `ÉCHEC   ${result.account} : ${result.code} — ${result.message}${quotaPause(result)}`;
}

function summary(testedCount: number, failedCount: number, dueCount: number, skippedCount: number): string[] {
  const notChecked = skippedCount === 0 ? [] : [`${counted(skippedCount, 'compte')} sans identifiant ${agreed(skippedCount, "n'a", "n'ont")} pas été ${agreed(skippedCount, 'vérifié')}.`];
  if (testedCount === 0) return [...notChecked, 'Aucun compte à vérifier : renseignez un compte avec configure --login IDENTIFIANT.'];
  if (failedCount > 0) return [`${counted(failedCount, 'compte')} en échec sur ${testedCount}.`, ...notChecked];
  const reachable = testedCount === 1 ? 'Le compte vérifié est joignable' : `Les ${testedCount} comptes vérifiés sont joignables`;
  const renew = dueCount === 0 ? '.' : ` ; ${counted(dueCount, 'mot de passe est', 'mots de passe sont')} à renouveler bientôt (code de sortie 3) : faites-${agreed(dueCount, 'le', 'les')} renouveler sur le portail Chorus Pro, puis set-password --password-stdin.`;
  return [`${reachable}${renew}`, ...notChecked];
}

function quotaPause(result: { retryAfterSeconds?: number; waitedSeconds?: number }): string {
  if (result.waitedSeconds === undefined) return '';
  const asked = result.retryAfterSeconds;
  if (asked === undefined) return ` — pause de ${result.waitedSeconds} s avant le compte suivant (PISTE n'a pas indiqué de délai).`;
  if (asked > result.waitedSeconds) return ` — pause limitée à ${result.waitedSeconds} s avant le compte suivant (PISTE demandait ${asked} s) : les comptes suivants peuvent encore être refusés ; relancez test --all plus tard.`;
  return ` — pause de ${result.waitedSeconds} s avant le compte suivant, comme demandé par PISTE.`;
}
