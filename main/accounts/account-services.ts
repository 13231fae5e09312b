import type { ConnectionTestResult } from '../../common/connection';
import type { ChorusClient } from '../chorus/chorus-client';
import { createConnectionService, type TestOptions } from '../chorus/connection-service';
import { recordingLastCheck } from '../chorus/last-check';
import type { ResolveSystemProxy } from '../chorus/proxy-resolution';
import { createPasswordRenewal } from '../credentials/password-renewal';
import type { Clock } from '../dates/clock';
import type { ExchangeService } from '../destinations/exchange-service';
import { accountLogger } from '../logging/account-logger';
import type { Logger } from '../logging/logger';
import { passwordReminder } from '../reminder/password-reminder';
import type { SecretStore } from '../secrets/secret-store';
import type { StoredSettings } from '../settings/settings-schema';
import type { SettingsStore } from '../settings/settings-store';

/** The services of one technical account: its settings, its connection, its renewal, its reminder. */
export function createAccountServices(
  settings: SettingsStore,
  shared: { client: ChorusClient; secrets: SecretStore; clock: Clock; logger: Logger; exchange: ExchangeService; resolveSystemProxy?: ResolveSystemProxy },
) {
  const { client, secrets, clock, exchange } = shared;
  // Every line this account's services write names it.
  const logger = accountLogger(shared.logger, () => settings.accountName());
  // Set when a test just cleared an unverified password (saved offline, or imported): Chorus Pro
  // accepted it, so its copies follow once the test is over.
  let acceptedByTest = false;
  const tested = recordingLastCheck(createConnectionService({
    client,
    secrets,
    logger,
    recordPasswordExpiry: (day, structure) => settings.recordChorusExpiry(day, structure),
    recordStructuresReadForExpiry: (count) => settings.recordStructuresReadForExpiry(count),
    recordPasswordVerified: () => {
      if (settings.read().passwordVerified === false) {
        settings.recordPasswordVerified();
        logger.info('password.verified', { passwordVerified: true });
        acceptedByTest = true;
      }
    },
    ...(shared.resolveSystemProxy ? { resolveSystemProxy: shared.resolveSystemProxy } : {}),
  }), (check) => settings.recordLastCheck(check), clock);
  const pushIfAccepted = async () => {
    if (!acceptedByTest) return undefined;
    acceptedByTest = false;
    // The copies carry the expiry date: a test that answered at its verdict reads it first.
    await tested.passwordExpiryRead();
    return exchange.afterAccepted(settings);
  };
  const connection = {
    ...tested,
    testConnection: async (current: StoredSettings, options?: TestOptions): Promise<ConnectionTestResult> => {
      let result: ConnectionTestResult;
      try {
        result = await tested.testConnection(current, options);
      } catch (error) {
        // An inactive account still accepted the password: its copies follow all the same.
        await pushIfAccepted();
        throw error;
      }
      const pushed = await pushIfAccepted();
      return pushed ? { ...result, exchange: pushed } : result;
    },
  };
  const renewPassword = createPasswordRenewal({
    settings,
    secrets,
    verifyPassword: (current, password, cancel) => tested.verifyPassword(current, password, cancel),
    clock,
    logger,
    afterAccepted: () => exchange.afterAccepted(settings),
  });
  const currentReminder = () => passwordReminder(settings.read(), clock());
  return { settings, connection, renewPassword, currentReminder };
}
export type AccountServices = ReturnType<typeof createAccountServices>;
