// `test --all` on the command line: the accounts tested by the core (daily-check/test-accounts.ts),
// told a line per account, then the summary.
import { parseISO } from 'date-fns';
import type { CoreServices } from '../accounts/core-services';
import {
  testAllAccounts as testEveryAccount,
  type AccountTestOutcome,
  type TestAccountsOptions,
  type Wait,
} from '../daily-check/test-accounts';
import { frenchDay } from '../dates/plain-day';
import { agreed, counted } from '../text/plural';
import { accountNameText, accountOptionText } from './account-choice';
import type { CommandResult } from './command-result';
import { refuseUnconfirmedHosts } from './confirmed-hosts';

export { longestQuotaWaitSeconds } from '../daily-check/test-accounts';

/** How the command line runs the tests: a host nobody confirmed is refused with the command that confirms it. */
export const commandLineTests = (services: CoreServices, wait?: Wait): TestAccountsOptions => ({
  refuseUnconfirmedHosts: (account, settings) => refuseUnconfirmedHosts(services.workstation, account, settings),
  ...(wait === undefined ? {} : { wait }),
});

/**
 * `test --all`: every account tested; the result says `renewSoon` when every tested account works
 * but a password is due (exit status 3).
 */
export async function testAllAccounts(
  services: CoreServices,
  wait?: Wait,
): Promise<CommandResult & { readonly outcomes: readonly AccountTestOutcome[] }> {
  return testAllResult(await testEveryAccount(services, commandLineTests(services, wait)));
}

/**
 * `test --all`'s result: one line per account, then the summary; `renewSoon` when every tested
 * account works but a password is due (exit status 3).
 */
export function testAllResult(
  results: readonly AccountTestOutcome[],
): CommandResult & { readonly outcomes: readonly AccountTestOutcome[] } {
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
      ...failed.map(
        (result) => `Pour « ${result.account} », ajoutez ${accountOptionText(result.account)} aux commandes indiquées.`,
      ),
    ],
  };
}

function outcomeLine(result: AccountTestOutcome): string {
  if (result.ok === null)
    return `—       ${result.account} : non vérifié, aucun identifiant renseigné (configure ${accountOptionText(result.account)} --login IDENTIFIANT pour l'utiliser, ou accounts remove ${accountNameText(result.account)})`;
  if (result.ok) {
    const renewal =
      result.renewalDue === undefined
        ? ''
        : ` — mot de passe à renouveler : il expire le ${frenchDay(parseISO(result.renewalDue.expiresOn))}`;
    return `OK      ${result.account} (${counted(result.structureCount, 'structure')})${renewal}`;
  }
  return `ÉCHEC   ${result.account} : ${result.code} — ${result.message}${quotaPause(result)}`;
}

function summary(testedCount: number, failedCount: number, dueCount: number, skippedCount: number): string[] {
  const notChecked =
    skippedCount === 0
      ? []
      : [
          `${counted(skippedCount, 'compte')} sans identifiant ${agreed(skippedCount, "n'a", "n'ont")} pas été ${agreed(skippedCount, 'vérifié')}.`,
        ];
  if (testedCount === 0)
    return [...notChecked, 'Aucun compte à vérifier : renseignez un compte avec configure --login IDENTIFIANT.'];
  if (failedCount > 0) return [`${counted(failedCount, 'compte')} en échec sur ${testedCount}.`, ...notChecked];
  const reachable =
    testedCount === 1 ? 'Le compte vérifié est joignable' : `Les ${testedCount} comptes vérifiés sont joignables`;
  const renew =
    dueCount === 0
      ? '.'
      : ` ; ${counted(dueCount, 'mot de passe est', 'mots de passe sont')} à renouveler bientôt (code de sortie 3) : faites-${agreed(dueCount, 'le', 'les')} renouveler sur le portail Chorus Pro, puis set-password --password-stdin.`;
  return [`${reachable}${renew}`, ...notChecked];
}

function quotaPause(result: { retryAfterSeconds?: number; waitedSeconds?: number }): string {
  if (result.waitedSeconds === undefined) return '';
  const asked = result.retryAfterSeconds;
  if (asked === undefined)
    return ` — pause de ${result.waitedSeconds} s avant le compte suivant (PISTE n'a pas indiqué de délai).`;
  if (asked > result.waitedSeconds)
    return ` — pause limitée à ${result.waitedSeconds} s avant le compte suivant (PISTE demandait ${asked} s) : les comptes suivants peuvent encore être refusés ; relancez test --all plus tard.`;
  return ` — pause de ${result.waitedSeconds} s avant le compte suivant, comme demandé par PISTE.`;
}
