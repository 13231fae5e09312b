import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ChorusStructure, ConnectionTestResult, StructureDetails } from '../../preload/contract';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import { secretAccounts, type SecretStore } from '../secrets/secret-store';
import type { StoredSettings } from '../settings/settings-schema';
import type { ChorusClient, ChorusCredentials, ConnectionTarget } from './chorus-client';
import { resolveProxy, type ResolveSystemProxy } from './proxy-resolution';

export interface ConnectionServiceDependencies {
  readonly client: ChorusClient;
  readonly secrets: SecretStore;
  readonly logger: Logger;
  readonly resolveSystemProxy?: ResolveSystemProxy;
}

/** Reads an extra authority's certificate, refusing a file that is not one (INVALID_INPUT). */
export async function readCaCertificate(path: string): Promise<string> {
  let pem: string;
  try {
    pem = await readFile(path, 'utf8');
  } catch {
    throw new AppError('INVALID_INPUT', `Certificat d'autorité : fichier illisible (${path})`);
  }
  try {
    new X509Certificate(pem);
  } catch {
    throw new AppError('INVALID_INPUT', `Certificat d'autorité : ce fichier n'est pas un certificat PEM (${path})`);
  }
  return pem;
}

async function requiredSecret(secrets: SecretStore, account: string, what: string): Promise<string> {
  const value = await secrets.get(account);
  if (value === undefined) throw new AppError('MISSING_SECRET', what);
  return value;
}

/** A proxy's password lives in the keychain, under its host and user name. */
export const proxyAccount = (proxy: URL): string => `proxy|${proxy.host}|${decodeURIComponent(proxy.username)}`;

/**
 * The connection test, the structures and a structure's details, for the settings as saved:
 * secrets are read from the keychain at the moment of use and never leave the main process.
 */
export function createConnectionService({ client, secrets, logger, resolveSystemProxy }: ConnectionServiceDependencies) {
  async function prepare(settings: StoredSettings, candidatePassword?: string): Promise<{ target: ConnectionTarget; credentials: ChorusCredentials }> {
    const { login, clientId } = settings;
    if (!login) throw new AppError('INVALID_INPUT', 'Identifiant utilisateur : à renseigner');
    if (!clientId) throw new AppError('INVALID_INPUT', 'Identifiant client PISTE : à renseigner dans les paramètres avancés');
    const proxy = await resolveProxy(settings.apiBaseUrl, settings.proxyUrl, resolveSystemProxy);
    const [clientSecret, password, proxyPassword, extraCaPem] = await Promise.all([
      requiredSecret(secrets, secretAccounts.clientSecret(settings.tokenUrl, clientId), 'secret client PISTE'),
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
    /** One test at a time: a second request while one runs gets the same answer. */
    testConnection(settings: StoredSettings, cancel?: AbortSignal): Promise<ConnectionTestResult> {
      runningTest ??= logged('chorus.connection-test', async () => {
        const { target, credentials } = await prepare(settings);
        return client.testConnection(target, credentials, cancel);
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
