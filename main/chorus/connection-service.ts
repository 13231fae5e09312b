import type { ChorusStructure, ConnectionTestResult, StructureDetails } from '../../common/connection';
import { AppError, fieldFailure } from '../failures/errors';
import type { FailureField } from '../../common/failures';
import { readCaFile } from '../net/ca-file-copy';
import type { Logger } from '../logging/logger';
import { proxyAccount, secretAccounts, type SecretStore } from '../secrets/secret-store';
import { hostOf } from '../net/host-of';
import type { StoredSettings } from '../settings/settings-schema';
import type { ChorusClient, ChorusCredentials, ConnectionTarget } from './chorus-client';
import { expiryReadConcurrency, readEarliestExpiry } from './password-expiry';
import { resolveProxy, splitProxyPassword, type ResolveSystemProxy } from './proxy-resolution';
import { authorityWithheld, withheldAuthorityError } from './withheld-authority';

export interface ConnectionServiceDependencies {
  readonly client: ChorusClient;
  readonly secrets: SecretStore;
  readonly logger: Logger;
  readonly resolveSystemProxy?: ResolveSystemProxy;
  /** How long a verdict may wait for the expiry dates (default `expiryReadBudgetMs`). */
  readonly expiryReadBudgetMs?: number;
  /** Keeps the stored password's expiry that Chorus Pro reported (YYYY-MM-DD) and its structure, or forgets them. */
  readonly recordPasswordExpiry: (day: string | undefined, structure?: string) => void;
  /** Chorus Pro accepted the stored password: it is no longer "saved without checking". */
  readonly recordPasswordVerified: () => void;
  /** Keeps how many structures' cards a test read for the expiry: the next test opens their connections from its start. */
  readonly recordStructuresReadForExpiry?: (count: number) => void;
}

export interface TestOptions {
  readonly cancel?: AbortSignal;
  /**
   * False when the test ran on parameters other than the saved ones (command line overrides):
   * then neither the expiry nor the password's verification is recorded.
   */
  readonly recordExpiry?: boolean;
  /**
   * `after-verdict`: the test answers as soon as Chorus Pro accepted the credentials (the screen's
   * success message, `test`'s verdict); the expiry dates are read on, and `passwordExpiryRead()`
   * waits for them. By default the answer waits for them (`test --all`, the daily check: their
   * reminder and exit status depend on the date).
   */
  readonly expiry?: 'with-verdict' | 'after-verdict';
}

/**
 * "Without slowing the verdict": the verdict is the attachments call's alone; the expiry dates are
 * read after it, concurrently, and waited for at most this long. A structure that refuses, fails or
 * is slower than that changes nothing in the verdict; the reads still running are stopped and the
 * date known before is kept.
 */
export const expiryReadBudgetMs = 3000;

/** Reads an extra authority's certificates, refusing a file that holds anything else (INVALID_INPUT). */
export const readCaCertificate = readCaFile;

async function requiredSecret(
  secrets: SecretStore,
  account: string,
  field: FailureField,
  what: string,
): Promise<string> {
  const value = await secrets.get(account);
  if (value === undefined) throw fieldFailure(field, 'MISSING_SECRET', what);
  return value;
}

/**
 * An account's connection to Chorus Pro: the test, the renewal's check, the structures, a
 * structure's details and the hand-off's route, for the settings as saved. Secrets are read from
 * the keychain at the moment of use and never leave the main process.
 */
export interface ConnectionService {
  /** Where to reach Chorus Pro for these settings, and the secrets it takes (the hand-off to local programs). */
  readonly prepared: (
    settings: StoredSettings,
  ) => Promise<{ target: ConnectionTarget; credentials: ChorusCredentials }>;
  /**
   * One test at a time: a second request while one runs gets the same answer. A success also
   * reads the password's expiry from Chorus Pro, when it gives one, for the renewal reminder.
   */
  testConnection(settings: StoredSettings, options?: TestOptions): Promise<ConnectionTestResult>;
  /** Resolves once the expiry dates the last test went on reading are recorded, or given up within their budget. */
  readonly passwordExpiryRead: () => Promise<void>;
  /** Checks a password that is not stored yet: the renewal's first step. */
  verifyPassword(settings: StoredSettings, password: string, cancel?: AbortSignal): Promise<void>;
  listStructures(settings: StoredSettings, cancel?: AbortSignal): Promise<ChorusStructure[]>;
  structureDetails(settings: StoredSettings, structureId: number, cancel?: AbortSignal): Promise<StructureDetails>;
}

export function createConnectionService({
  client,
  secrets,
  logger,
  resolveSystemProxy,
  recordPasswordExpiry,
  recordPasswordVerified,
  recordStructuresReadForExpiry,
  expiryReadBudgetMs: budgetMs = expiryReadBudgetMs,
}: ConnectionServiceDependencies): ConnectionService {
  async function prepare(
    settings: StoredSettings,
    candidatePassword?: string,
  ): Promise<{ target: ConnectionTarget; credentials: ChorusCredentials }> {
    const { login, clientId } = settings;
    if (!login) throw fieldFailure('login', 'INVALID_INPUT', 'Identifiant utilisateur : à renseigner');
    // The portal's e-mail gives the login and the password, not the PISTE application: the IT
    // person declared it and gives its identifier and secret (issue 35).
    if (!clientId)
      throw fieldFailure(
        'clientId',
        'INVALID_INPUT',
        'Identifiant client PISTE : à faire renseigner par votre service informatique, dans les paramètres avancés',
      );
    const { proxy, password: proxyPasswordFromEnvironment } = splitProxyPassword(
      await resolveProxy(settings.apiBaseUrl, settings.proxyUrl, resolveSystemProxy),
    );
    const [clientSecret, password, proxyPassword, extraCaPem] = await Promise.all([
      requiredSecret(
        secrets,
        secretAccounts.clientSecret(settings, clientId),
        'clientSecret',
        `secret client PISTE pour ${hostOf(settings.apiBaseUrl)} : un secret client ne sert qu'avec le Lien URL, l'URL du jeton, le proxy et le certificat d'autorité pour lesquels il a été saisi ; saisissez-le à nouveau pour cette adresse`,
      ),
      candidatePassword ??
        requiredSecret(
          secrets,
          secretAccounts.technicalPassword(settings.apiBaseUrl, login),
          'password',
          'mot de passe du compte technique',
        ),
      proxyPasswordFromEnvironment ?? (proxy?.username ? secrets.get(proxyAccount(proxy)) : undefined),
      settings.caCertificatePath && !authorityWithheld(settings)
        ? readCaCertificate(settings.caCertificatePath)
        : undefined,
    ]);
    return {
      target: {
        apiBaseUrl: settings.apiBaseUrl,
        tokenUrl: settings.tokenUrl,
        timeoutSeconds: settings.timeoutSeconds,
        ...(extraCaPem ? { extraCaPem } : {}),
        ...(proxy ? { proxy } : {}),
      },
      credentials: { clientId, clientSecret, login, password, ...(proxyPassword ? { proxyPassword } : {}) },
    };
  }

  async function logged<T>(event: string, work: () => Promise<T>, settings?: StoredSettings): Promise<T> {
    const started = Date.now();
    try {
      const result = await work();
      logger.info(event, { code: 'OK', durationMs: Date.now() - started });
      return result;
    } catch (error) {
      logger.warn(event, {
        code: error instanceof AppError ? error.code : 'INTERNAL_ERROR',
        durationMs: Date.now() - started,
      });
      throw settings !== undefined &&
        authorityWithheld(settings) &&
        error instanceof AppError &&
        error.code === 'TLS_UNTRUSTED'
        ? withheldAuthorityError(error)
        : error;
    }
  }

  /** What the test only notes for the next one: a file that cannot be written changes nothing of this one. */
  const keep = (record: () => void): void => {
    try {
      record();
    } catch {
      // The next test opens its connections one by one, as before.
    }
  };

  let runningTest: Promise<ConnectionTestResult> | undefined;
  // The last test's reading of the expiry dates; it never rejects.
  let expiryReading: Promise<void> = Promise.resolve();

  /** Reads the earliest expiry within the budget and records it; never fails (a test has its verdict already). */
  async function readAndRecordExpiry(
    target: ConnectionTarget,
    credentials: ChorusCredentials,
    sources: Parameters<typeof readEarliestExpiry>[1],
    cancel: AbortSignal | undefined,
  ): Promise<void> {
    try {
      const budget = AbortSignal.timeout(budgetMs);
      const stop = cancel ? AbortSignal.any([budget, cancel]) : budget;
      const reading = await readEarliestExpiry((id) => client.structureDetails(target, credentials, id, stop), sources);
      if (reading.kind === 'unknown') logger.warn('chorus.password-expiry', { code: 'UNREAD' });
      else
        recordPasswordExpiry(
          reading.kind === 'found' ? reading.day : undefined,
          reading.kind === 'found' ? reading.structure : undefined,
        );
    } catch (error) {
      // The settings could not be written (the account renamed meanwhile, a full disk): the date known before stays.
      logger.warn('chorus.password-expiry', { code: error instanceof AppError ? error.code : 'INTERNAL_ERROR' });
    }
  }

  return {
    /** Where to reach Chorus Pro for these settings, and the secrets it takes (the hand-off to local programs). */
    prepared: (settings: StoredSettings) => prepare(settings),

    /**
     * One test at a time: a second request while one runs gets the same answer. A success also
     * reads the password's expiry from Chorus Pro, when it gives one, for the renewal reminder.
     */
    testConnection(
      settings: StoredSettings,
      { cancel, recordExpiry = true, expiry = 'with-verdict' }: TestOptions = {},
    ): Promise<ConnectionTestResult> {
      runningTest ??= logged(
        'chorus.connection-test',
        async () => {
          const { target, credentials } = await prepare(settings);
          // The cards the last test read, as many at once as they are read: their connections open
          // with the token's (issue 36).
          const apiConnections = recordExpiry
            ? Math.min(settings.structuresReadForExpiry ?? 1, expiryReadConcurrency)
            : 1;
          const { expirySources, inactive, ...result } = await client.testConnection(
            target,
            credentials,
            cancel,
            apiConnections,
          );
          // Chorus Pro accepted the password even when the account is inactive.
          if (recordExpiry) recordPasswordVerified();
          if (inactive !== undefined) throw new AppError('ACCOUNT_INACTIVE', inactive);
          if (recordExpiry && expirySources.length > 0 && expirySources.length !== settings.structuresReadForExpiry)
            keep(() => recordStructuresReadForExpiry?.(expirySources.length));
          if (recordExpiry && expirySources.length > 0) {
            // On the connections this test opened (keep-alive), after the verdict or before it.
            const reading = readAndRecordExpiry(target, credentials, expirySources, cancel);
            expiryReading = reading;
            if (expiry === 'with-verdict') await reading;
          }
          return result;
        },
        settings,
      ).finally(() => {
        runningTest = undefined;
      });
      return runningTest;
    },

    /**
     * Resolves once the expiry dates the last test went on reading (`expiry: 'after-verdict'`) are
     * recorded, or given up within their budget; at once when none is being read.
     */
    passwordExpiryRead: (): Promise<void> => expiryReading,

    /** Checks a password that is not stored yet: the renewal's first step. */
    async verifyPassword(settings: StoredSettings, password: string, cancel?: AbortSignal): Promise<void> {
      await logged(
        'chorus.password-check',
        async () => {
          const { target, credentials } = await prepare(settings, password);
          // An inactive account still accepted the password: that is all a renewal asks.
          return client.testConnection(target, credentials, cancel);
        },
        settings,
      );
    },

    listStructures(settings: StoredSettings, cancel?: AbortSignal): Promise<ChorusStructure[]> {
      return logged(
        'chorus.structures',
        async () => {
          const { target, credentials } = await prepare(settings);
          return client.listStructures(target, credentials, cancel);
        },
        settings,
      );
    },

    structureDetails(settings: StoredSettings, structureId: number, cancel?: AbortSignal): Promise<StructureDetails> {
      return logged(
        'chorus.structure-details',
        async () => {
          const { target, credentials } = await prepare(settings);
          return client.structureDetails(target, credentials, structureId, cancel);
        },
        settings,
      );
    },
  };
}
