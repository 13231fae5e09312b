import { cproAccountHeader } from '../chorus/chorus-client';
import type { ConnectionService } from '../chorus/connection-service';
import type { HttpSend } from '../chorus/http-transport';
import type { Clock } from '../dates/clock';
import { programsForbiddenBy } from '../destinations/exchange-view';
import { readMachinePolicy, type ReadPolicyText } from '../destinations/machine-policy';
import { AppError } from '../failures/errors';
import type { Logger } from '../logging/logger';
import { secretAccounts, type SecretStore } from '../secrets/secret-store';
import type { StoredSettings } from '../settings/settings-schema';
import type { SettingsStore } from '../settings/settings-store';
import type { CallerFacts } from './caller-process';
import { handOffToken, type HandOffTokenOptions } from './handoff-token';

/*
 * `headers` and `credentials`: an account's credentials handed to a program of this workstation
 * (an in-house script), only where the account allows it and the machine policy does not forbid
 * it, each hand-off logged with the account, the command and the calling program — never a secret.
 * No `run` command: environment variables would carry the 14-month password to every grandchild
 * process, to other processes of the user and to crash dumps.
 */

export interface HandoffDependencies {
  readonly send: HttpSend;
  readonly clock: Clock;
  readonly secrets: SecretStore;
  readonly logger: Logger;
  readonly readPolicy: ReadPolicyText;
  readonly caller: () => Promise<CallerFacts>;
}

/** What `headers --json` prints: enough to call Chorus Pro, and nothing else. */
export interface HeadersHandOff {
  readonly apiBaseUrl: string;
  readonly expiresAt: string;
  readonly headers: { readonly Authorization: string; readonly 'cpro-account': string };
}

/** What `credentials --json` prints, for a copy made by hand. */
export interface CredentialsHandOff {
  readonly account: string;
  readonly login: string;
  readonly password: string;
  readonly apiBaseUrl: string;
  readonly tokenUrl: string;
}

/** Refused unless this account allows local programs and the machine policy does not forbid them. */
async function checkAllowed(settings: StoredSettings, readPolicy: ReadPolicyText): Promise<void> {
  const forbidden = programsForbiddenBy(await readMachinePolicy(readPolicy));
  if (forbidden !== undefined) throw new AppError('PROGRAMS_NOT_ALLOWED', forbidden);
  if (settings.allowPrograms !== true)
    throw new AppError(
      'PROGRAMS_NOT_ALLOWED',
      '« Autoriser les scripts de ce poste à utiliser ce compte » n’est pas coché pour ce compte (configure --allow-programs oui)',
    );
  // A password Chorus Pro has not accepted is never handed out: it may be a typo.
  if (settings.passwordVerified === false) throw new AppError('PASSWORD_NOT_VERIFIED');
}

async function logged(
  dependencies: HandoffDependencies,
  account: string,
  command: 'headers' | 'credentials',
): Promise<void> {
  const { caller, callerParent } = await dependencies.caller();
  dependencies.logger.info('handoff.given', { account, command, caller, ...(callerParent ? { callerParent } : {}) });
}

export async function headersFor(
  store: SettingsStore,
  connection: Pick<ConnectionService, 'prepared'>,
  dependencies: HandoffDependencies,
  options: HandOffTokenOptions,
): Promise<HeadersHandOff> {
  const settings = store.read();
  await checkAllowed(settings, dependencies.readPolicy);
  const { target, credentials } = await connection.prepared(settings);
  const token = await handOffToken(dependencies, target, credentials, options);
  await logged(dependencies, store.accountName(), 'headers');
  return {
    apiBaseUrl: settings.apiBaseUrl,
    expiresAt: token.expiresAt.toISOString(),
    headers: {
      Authorization: `Bearer ${token.value}`,
      'cpro-account': cproAccountHeader(credentials.login, credentials.password),
    },
  };
}

export async function credentialsFor(
  store: SettingsStore,
  dependencies: HandoffDependencies,
): Promise<CredentialsHandOff> {
  const settings = store.read();
  await checkAllowed(settings, dependencies.readPolicy);
  const { login } = settings;
  if (!login) throw new AppError('INVALID_INPUT', 'Identifiant utilisateur : à renseigner (configure --login)');
  const password = await dependencies.secrets.get(secretAccounts.technicalPassword(settings.apiBaseUrl, login));
  if (password === undefined) throw new AppError('MISSING_SECRET', 'mot de passe du compte technique');
  await logged(dependencies, store.accountName(), 'credentials');
  return {
    account: store.accountName(),
    login,
    password,
    apiBaseUrl: settings.apiBaseUrl,
    tokenUrl: settings.tokenUrl,
  };
}
