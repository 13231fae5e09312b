import type { AccountSummary } from '../../common/accounts';

/** Each account's state at a glance (issue 35): a failing test first, then a renewal due. */
export type AccountState = 'OK' | 'en échec' | 'à renouveler' | 'non testé';

export function accountState(account: Pick<AccountSummary, 'lastCheck' | 'reminder'>): AccountState {
  if (account.lastCheck && !account.lastCheck.ok) return 'en échec';
  if (account.reminder.known && account.reminder.due) return 'à renouveler';
  return account.lastCheck ? 'OK' : 'non testé';
}
