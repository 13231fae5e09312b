import { setTimeout } from 'node:timers/promises';
import { toFailure } from '../failures/errors';
import type { CoreServices } from '../services';
import { accountOptionText } from './account-choice';
import { refuseUnconfirmedHosts } from './confirmed-hosts';
import type { CommandResult } from './command-result';

/** One account's outcome in `test --all`. */
export type AccountTestOutcome =
  | { readonly account: string; readonly ok: true; readonly structureCount: number; readonly durationMs: number }
  | { readonly account: string; readonly ok: false; readonly code: string; readonly message: string; readonly retryAfterSeconds?: number; readonly waitedSeconds?: number };

/**
 * After a 429, the next account waits what PISTE asked for, but never longer than this: a run over
 * many accounts must end, and a wait of hours is a gateway's misconfiguration, not a plan.
 */
export const longestQuotaWaitSeconds = 60;
/** A 429 without `Retry-After`: a short pause rather than none. */
export const defaultQuotaWaitSeconds = 10;

export type Wait = (seconds: number) => Promise<void>;
const sleep: Wait = (seconds) => setTimeout(seconds * 1000);

/** Every account tested, one after the other: the nightly check of a centre de gestion. */
export async function testAllAccounts(services: CoreServices, wait: Wait = sleep): Promise<CommandResult & { readonly outcomes: readonly AccountTestOutcome[] }> {
  return testAllResult(await testAccounts(services, services.settings.accounts.list().map((account) => account.name), wait));
}

/** These accounts tested, one after the other (the daily check retests some after a fleet's sync). */
export async function testAccounts(services: CoreServices, names: readonly string[], wait: Wait = sleep): Promise<AccountTestOutcome[]> {
  const results: AccountTestOutcome[] = [];
  for (const [index, name] of names.entries()) {
    const account = services.withAccount(name);
    try {
      // The daily check runs alone: a host nobody confirmed here is refused, not asked about.
      refuseUnconfirmedHosts(account, account.settings.read());
      const outcome = await account.connection.testConnection(account.settings.read());
      results.push({ account: name, ok: true as const, structureCount: outcome.structureCount, durationMs: outcome.durationMs });
    } catch (error) {
      const failure = toFailure(error, 'command-line');
      // PISTE's quota covers the application, shared by the accounts after this one: wait it out.
      const waitedSeconds =
        failure.code === 'RATE_LIMITED' && index < names.length - 1 ? Math.min(failure.retryAfterSeconds ?? defaultQuotaWaitSeconds, longestQuotaWaitSeconds) : undefined;
      results.push({ account: name, ok: false as const, code: failure.code, message: failure.message, ...(failure.retryAfterSeconds !== undefined ? { retryAfterSeconds: failure.retryAfterSeconds } : {}), ...(waitedSeconds !== undefined ? { waitedSeconds } : {}) });
      if (waitedSeconds !== undefined) await wait(waitedSeconds);
    }
  }
  return results;
}

/** `test --all`'s result: one line per account, then the summary. */
export function testAllResult(results: readonly AccountTestOutcome[]): CommandResult & { readonly outcomes: readonly AccountTestOutcome[] } {
  const failed = results.filter((result) => !result.ok);
  return {
    outcomes: results,
    json: { results },
    failed: failed.length > 0,
    lines: [
      ...results.map((result) => (result.ok ? `OK      ${result.account} (${result.structureCount} structure(s))` : `ÉCHEC   ${result.account} : ${result.code} — ${result.message}${quotaPause(result)}`)),
      failed.length === 0 ? `Les ${results.length} comptes sont joignables.` : `${failed.length} compte(s) en échec sur ${results.length}.`,
      ...failed.map((result) => `Pour « ${result.account} », ajoutez ${accountOptionText(result.account)} aux commandes indiquées.`),
    ],
  };
}

function quotaPause(result: { retryAfterSeconds?: number; waitedSeconds?: number }): string {
  if (result.waitedSeconds === undefined) return '';
  const asked = result.retryAfterSeconds;
  if (asked === undefined) return ` — pause de ${result.waitedSeconds} s avant le compte suivant (PISTE n'a pas indiqué de délai).`;
  if (asked > result.waitedSeconds) return ` — pause limitée à ${result.waitedSeconds} s avant le compte suivant (PISTE demandait ${asked} s) : les comptes suivants peuvent encore être refusés ; relancez test --all plus tard.`;
  return ` — pause de ${result.waitedSeconds} s avant le compte suivant, comme demandé par PISTE.`;
}
