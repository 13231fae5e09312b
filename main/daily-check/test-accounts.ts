import { setTimeout } from 'node:timers/promises';
import type { AccountServices } from '../accounts/account-services';
import type { CoreServices } from '../accounts/core-services';
import { toFailure } from '../failures/errors';
import type { StoredSettings } from '../settings/settings-schema';

/** A password that works but is due for renewal: when it expires, in the account's reminder's words. */
export interface RenewalDue {
  readonly expiresOn: string;
  readonly daysLeft: number;
}

/** One account's outcome in `test --all`. */
export type AccountTestOutcome =
  | {
      readonly account: string;
      readonly ok: true;
      readonly structureCount: number;
      readonly durationMs: number;
      readonly renewalDue?: RenewalDue;
    }
  | {
      readonly account: string;
      readonly ok: false;
      readonly code: string;
      readonly message: string;
      readonly retryAfterSeconds?: number;
      readonly waitedSeconds?: number;
    }
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
 * Refuses, before anything is sent, a host nobody confirmed on this workstation: the daily check
 * runs alone, nobody is there to be asked (the command line says how to confirm it).
 */
export type RefuseUnconfirmedHosts = (account: AccountServices, settings: StoredSettings) => void;

export interface TestAccountsOptions {
  readonly refuseUnconfirmedHosts: RefuseUnconfirmedHosts;
  readonly wait?: Wait;
}

/**
 * Every account tested, one after the other: the nightly check of a centre de gestion. An account
 * without a login (the « Compte principal » of a user who never set the app up) is not tested:
 * it would fail every morning for nothing.
 */
export async function testAllAccounts(
  services: CoreServices,
  options: TestAccountsOptions,
): Promise<AccountTestOutcome[]> {
  return testAccounts(
    services,
    services.workstation.accounts.list().map((account) => account.name),
    options,
  );
}

/** These accounts tested, one after the other (the daily check retests some after a fleet's sync). */
export async function testAccounts(
  services: CoreServices,
  names: readonly string[],
  { refuseUnconfirmedHosts, wait = sleep }: TestAccountsOptions,
): Promise<AccountTestOutcome[]> {
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
      refuseUnconfirmedHosts(account, account.settings.read());
      const outcome = await account.connection.testConnection(account.settings.read());
      const reminder = account.currentReminder();
      const renewalDue =
        reminder.known && reminder.due ? { expiresOn: reminder.expiresOn, daysLeft: reminder.daysLeft } : undefined;
      results.push({
        account: name,
        ok: true as const,
        structureCount: outcome.structureCount,
        durationMs: outcome.durationMs,
        ...(renewalDue ? { renewalDue } : {}),
      });
    } catch (error) {
      const failure = toFailure(error, 'command-line');
      // PISTE's quota covers the application, shared by the accounts after this one: wait it out.
      const isLastTested = tested[tested.length - 1] === name;
      const waitedSeconds =
        failure.code === 'RATE_LIMITED' && !isLastTested
          ? Math.min(failure.retryAfterSeconds ?? defaultQuotaWaitSeconds, longestQuotaWaitSeconds)
          : undefined;
      results.push({
        account: name,
        ok: false as const,
        code: failure.code,
        message: failure.message,
        ...(failure.retryAfterSeconds !== undefined ? { retryAfterSeconds: failure.retryAfterSeconds } : {}),
        ...(waitedSeconds !== undefined ? { waitedSeconds } : {}),
      });
      if (waitedSeconds !== undefined) await wait(waitedSeconds);
    }
  }
  return results;
}
