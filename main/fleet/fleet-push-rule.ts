// Issue 33's rule for a fleet: the copies of an account's password (finance software, a server's
// exchange) are pushed once, by the publisher after its own successful test — not by each of the
// members that received the same password.
import type { ShouldPush } from '../destinations/push';

/**
 * Pushes unless a fleet this user is a member of manages the account. Read at each push (a
 * membership can start or end between two), loaded only then: every other start stays without
 * the fleet's code.
 */
export function onlyWhereNoFleetManages(userDataDir: string): ShouldPush {
  return async (account) => {
    const { fleetManagedAccounts } = await import('./local-records');
    return !fleetManagedAccounts(userDataDir).has(account);
  };
}
