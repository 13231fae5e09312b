import type { ConnectionTestResult } from '../../common/connection';
import type { PasswordReminder } from '../../common/reminder';
import type { PasswordRenewal } from '../../common/password-renewal';
import type { ChorusClient } from '../chorus/chorus-client';
import { createConnectionService, type ConnectionService, type TestOptions } from '../chorus/connection-service';
import { recordingLastCheck } from '../chorus/last-check';
import type { ResolveSystemProxy } from '../chorus/proxy-resolution';
import { createPasswordRenewal, type RenewalRequest } from '../credentials/password-renewal';
import type { Clock } from '../dates/clock';
import { scopedExchange, type ExchangeService, type ScopedExchange } from '../destinations/exchange-service';
import {
  credentialsFor,
  headersFor,
  type CredentialsHandOff,
  type HandoffDependencies,
  type HeadersHandOff,
} from '../handoff/handoff';
import type { HandOffTokenOptions } from '../handoff/handoff-token';
import { accountLogger } from '../logging/account-logger';
import type { Logger } from '../logging/logger';
import { passwordReminder } from '../reminder/password-reminder';
import type { SecretStore } from '../secrets/secret-store';
import type { StoredAccount, StoredSettings } from '../settings/settings-schema';
import type { SettingsStore } from '../settings/settings-store';

/** An account's connection to Chorus Pro; a test that clears an unverified password also pushes its copies. */
export type AccountConnection = ConnectionService;

/** `headers` and `credentials` for this account, when it allows local programs. */
export interface AccountHandoff {
  readonly headers: (options: HandOffTokenOptions) => Promise<HeadersHandOff>;
  readonly credentials: () => Promise<CredentialsHandOff>;
}

/**
 * The services of one technical account, named once by whoever calls (the window's selected
 * account, the command line's --account): its settings, its connection, its renewal, its reminder,
 * the copies of its password and what it hands to local programs.
 */
export interface AccountServices {
  /** The account these services act on. */
  readonly name: string;
  readonly settings: SettingsStore;
  readonly connection: AccountConnection;
  readonly renewPassword: (request: RenewalRequest) => Promise<PasswordRenewal>;
  readonly currentReminder: () => PasswordReminder;
  readonly exchange: ScopedExchange;
  readonly handoff: AccountHandoff;
}

/** What every account's services share: the one Chorus Pro client, keychain, clock, log, copies. */
export interface SharedServices {
  readonly client: ChorusClient;
  readonly secrets: SecretStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly exchange: ExchangeService;
  readonly handoff: HandoffDependencies;
  /** Every account, for the copies still to make across them all (the daily check's reminder). */
  readonly allAccounts: () => readonly StoredAccount[];
  readonly resolveSystemProxy?: ResolveSystemProxy;
}

export function createAccountServices(settings: SettingsStore, shared: SharedServices): AccountServices {
  const { client, secrets, clock, exchange } = shared;
  // Every line this account's services write names it.
  const logger = accountLogger(shared.logger, () => settings.accountName());
  // Set when a test just cleared an unverified password (saved offline, or imported): Chorus Pro
  // accepted it, so its copies follow once the test is over.
  let acceptedByTest = false;
  const tested = recordingLastCheck(
    createConnectionService({
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
    }),
    (check) => settings.recordLastCheck(check),
    clock,
  );
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
  const handoff: AccountHandoff = {
    headers: (options) => headersFor(settings, connection, shared.handoff, options),
    credentials: () => credentialsFor(settings, shared.handoff),
  };
  return {
    name: settings.accountName(),
    settings,
    connection,
    renewPassword,
    currentReminder,
    exchange: scopedExchange(exchange, settings, shared.allAccounts),
    handoff,
  };
}
