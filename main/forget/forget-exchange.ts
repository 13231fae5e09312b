import type { Logger } from '../logging/logger';
import { tokenEntryName } from '../handoff/handoff-token';
import { secretAccounts, type SecretStore } from '../secrets/secret-store';
import type { SettingsStore } from '../settings/settings-store';

/**
 * What `forget` (issue 34, wired at merge) removes of one account for its copies: the manual
 * checklist, the push's state and results, the permission given to local programs, and the PISTE
 * token cached in the keychain for them. A cached token is only a cache: another account of the
 * same PISTE client that used it simply asks PISTE for a new one.
 */
export async function forgetExchangeState(
  scoped: SettingsStore,
  secrets: SecretStore,
  logger: Logger,
): Promise<{ readonly tokensRemoved: number }> {
  const current = scoped.read();
  let tokensRemoved = 0;
  if (current.clientId) {
    const clientSecret = await secrets.get(secretAccounts.clientSecret(current, current.clientId));
    if (clientSecret !== undefined) {
      const removed = await secrets.delete(
        tokenEntryName({
          tokenUrl: current.tokenUrl,
          apiBaseUrl: current.apiBaseUrl,
          clientId: current.clientId,
          clientSecret,
        }),
      );
      if (removed) tokensRemoved += 1;
    }
  }
  scoped.recordExchangeState({ exchange: null, manualDestinations: null, allowPrograms: null });
  logger.info('exchange.forgotten', { account: scoped.accountName(), tokensRemoved });
  return { tokensRemoved };
}
