import { isoDay } from '../dates/plain-day';
import { readFile } from 'node:fs/promises';
import type { ChorusStructure, ConnectionTestResult, StructureDetails } from '../../preload/contract';
import { AppError } from '../errors';
import { certificatesOnly } from '../net/ca-certificates';
import type { Logger } from '../logger';
import { secretAccounts, type SecretStore } from '../secrets/secret-store';
import { hostOf, proxyUserName } from '../net/url-policy';
import type { StoredSettings } from '../settings/settings-schema';
import type { ChorusClient, ChorusCredentials, ConnectionTarget } from './chorus-client';
import { parseChorusDate } from '../reminder/password-reminder';
import { resolveProxy, type ResolveSystemProxy } from './proxy-resolution';

export interface ConnectionServiceDependencies {
  readonly client: ChorusClient;
  readonly secrets: SecretStore;
  readonly logger: Logger;
  readonly resolveSystemProxy?: ResolveSystemProxy;
  /** Keeps the stored password's expiry that Chorus Pro reported (YYYY-MM-DD), or forgets it. */
  readonly recordPasswordExpiry: (day: string | undefined) => void;
  /** Chorus Pro accepted the stored password: it is no longer "saved without checking". */
  readonly recordPasswordVerified: () => void;
}

export interface TestOptions {
  readonly cancel?: AbortSignal;
  /**
   * False when the test ran on parameters other than the saved ones (command line overrides):
   * then neither the expiry nor the password's verification is recorded.
   */
  readonly recordExpiry?: boolean;
}

/** Reads an extra authority's certificates, refusing a file that holds anything else (INVALID_INPUT). */
export async function readCaCertificate(path: string): Promise<string> {
  let pem: string;
  try {
    pem = await readFile(path, 'utf8');
  } catch {
    throw new AppError('INVALID_INPUT', `Certificat d'autorité : fichier illisible (${path})`);
  }
  const bundle = certificatesOnly(pem);
  if (!bundle.ok) throw new AppError('INVALID_INPUT', `Certificat d'autorité : ${bundle.reason} (${path})`);
  return bundle.pem;
}

async function requiredSecret(secrets: SecretStore, account: string, what: string): Promise<string> {
  const value = await secrets.get(account);
  if (value === undefined) throw new AppError('MISSING_SECRET', what);
  return value;
}

/** A proxy's password lives in the keychain, under its host and user name. */
export const proxyAccount = (proxy: URL): string => `proxy|${proxy.host}|${proxyUserName(proxy)}`;

/**
 * The connection test, the structures and a structure's details, for the settings as saved:
 * secrets are read from the keychain at the moment of use and never leave the main process.
 */
export function createConnectionService({ client, secrets, logger, resolveSystemProxy, recordPasswordExpiry, recordPasswordVerified }: ConnectionServiceDependencies) {
  async function prepare(settings: StoredSettings, candidatePassword?: string): Promise<{ target: ConnectionTarget; credentials: ChorusCredentials }> {
    const { login, clientId } = settings;
    if (!login) throw new AppError('INVALID_INPUT', 'Identifiant utilisateur : à renseigner');
    if (!clientId) throw new AppError('INVALID_INPUT', 'Identifiant client PISTE : à renseigner dans les paramètres avancés');
    const proxy = await resolveProxy(settings.apiBaseUrl, settings.proxyUrl, resolveSystemProxy);
    const [clientSecret, password, proxyPassword, extraCaPem] = await Promise.all([
      requiredSecret(secrets, secretAccounts.clientSecret(settings, clientId), `secret client PISTE pour ${hostOf(settings.apiBaseUrl)} : un secret client ne sert qu'avec le Lien URL pour lequel il a été saisi, saisissez-le à nouveau pour cette adresse`),
      candidatePassword ?? requiredSecret(secrets, secretAccounts.technicalPassword(settings.apiBaseUrl, login), 'mot de passe du compte technique'),
      proxy?.username ? secrets.get(proxyAccount(proxy)) : undefined,
      settings.caCertificatePath ? readCaCertificate(settings.caCertificatePath) : undefined,
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

  async function logged<T>(event: string, work: () => Promise<T>): Promise<T> {
    const started = Date.now();
    try {
      const result = await work();
      logger.info(event, { code: 'OK', durationMs: Date.now() - started });
      return result;
    } catch (error) {
      logger.warn(event, { code: error instanceof AppError ? error.code : 'INTERNAL_ERROR', durationMs: Date.now() - started });
      throw error;
    }
  }

  let runningTest: Promise<ConnectionTestResult> | undefined;

  return {
    /**
     * One test at a time: a second request while one runs gets the same answer. A success also
     * reads the password's expiry from Chorus Pro, when it gives one, for the renewal reminder.
     */
    testConnection(settings: StoredSettings, { cancel, recordExpiry = true }: TestOptions = {}): Promise<ConnectionTestResult> {
      runningTest ??= logged('chorus.connection-test', async () => {
        const { target, credentials } = await prepare(settings);
        const { firstStructureId, ...result } = await client.testConnection(target, credentials, cancel);
        if (recordExpiry) recordPasswordVerified();
        if (recordExpiry && firstStructureId !== undefined) {
          await client.structureDetails(target, credentials, firstStructureId, cancel).then(
            (details) => {
              const expiry = details.passwordExpiresAt === undefined ? undefined : parseChorusDate(details.passwordExpiresAt);
              recordPasswordExpiry(expiry ? isoDay(expiry) : undefined);
            },
            (error: unknown) => logger.warn('chorus.password-expiry', { code: error instanceof AppError ? error.code : 'INTERNAL_ERROR' }),
          );
        }
        return result;
      }).finally(() => {
        runningTest = undefined;
      });
      return runningTest;
    },

    /** Checks a password that is not stored yet: the renewal's first step. */
    async verifyPassword(settings: StoredSettings, password: string, cancel?: AbortSignal): Promise<void> {
      await logged('chorus.password-check', async () => {
        const { target, credentials } = await prepare(settings, password);
        return client.testConnection(target, credentials, cancel);
      });
    },

    listStructures(settings: StoredSettings, cancel?: AbortSignal): Promise<ChorusStructure[]> {
      return logged('chorus.structures', async () => {
        const { target, credentials } = await prepare(settings);
        return client.listStructures(target, credentials, cancel);
      });
    },

    structureDetails(settings: StoredSettings, structureId: number, cancel?: AbortSignal): Promise<StructureDetails> {
      return logged('chorus.structure-details', async () => {
        const { target, credentials } = await prepare(settings);
        return client.structureDetails(target, credentials, structureId, cancel);
      });
    },
  };
}
export type ConnectionService = ReturnType<typeof createConnectionService>;
