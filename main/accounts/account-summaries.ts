import { createHash } from 'node:crypto';
import type { AccountList, AccountSummary, LastCheckView } from '../../common/accounts';
import { lastCheckReason } from '../chorus/last-check-text';
import type { LastCheck } from '../settings/settings-schema';
import type { Clock } from '../dates/clock';
import { passwordReminder } from '../reminder/password-reminder';
import type { WorkstationStore } from '../settings/workstation-store';

/** Every account as the account bar and the list of due accounts show it, in the user's order. */
export function accountSummaries(workstation: WorkstationStore, clock: Clock): AccountSummary[] {
  const now = clock();
  return workstation.accounts.list().map((account) => ({
    name: account.name,
    ...(account.login ? { login: account.login } : {}),
    environment: account.environment,
    reminder: passwordReminder(account, now),
    ...(account.lastCheck ? { lastCheck: lastCheckView(account.lastCheck) } : {}),
  }));
}

/** A last check as the screen shows it, with its reason in French words. */
export const lastCheckView = (check: LastCheck): LastCheckView => ({ ...check, reason: lastCheckReason(check.code) });

/** The list with its revision: a digest of what it shows, so that any change shows in it. */
export function accountList(workstation: WorkstationStore, clock: Clock): AccountList {
  const accounts = accountSummaries(workstation, clock);
  return { accounts, revision: createHash('sha256').update(JSON.stringify(accounts)).digest('base64url').slice(0, 22) };
}
