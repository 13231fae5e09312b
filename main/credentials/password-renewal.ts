import type { PasswordRenewal } from '../../preload/contract';
import type { Clock } from '../dates/clock';
import { AppError } from '../failures/errors';
import type { Logger } from '../logging/logger';
import { secretAccounts, type SecretStore } from '../secrets/secret-store';
import type { StoredSettings } from '../settings/settings-schema';
import type { SettingsStore } from '../settings/settings-store';
import { parseCommunicatedDay } from './password-date';
import { checkNewPassword } from './password-rules';

/** Asks Chorus Pro whether it accepts these credentials; throws an AppError when it does not. */
export type VerifyPassword = (settings: StoredSettings, password: string, cancel?: AbortSignal) => Promise<void>;

export interface RenewalRequest {
  readonly password: string;
  /** False only when the user explicitly chose to save without checking (offline). */
  readonly verify: boolean;
  readonly surroundingSpacesConfirmed: boolean;
  /**
   * With `verify: false` only: the day Chorus Pro communicated this password (AAAA-MM-JJ), when
   * the user knows it; the renewal is dated from it instead of now.
   */
  readonly communicatedOn?: string;
  /** Stops the check with Chorus Pro ("Annuler"); nothing is stored then. */
  readonly cancel?: AbortSignal;
}

export interface RenewalDependencies {
  readonly settings: SettingsStore;
  readonly secrets: SecretStore;
  readonly verifyPassword: VerifyPassword;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * The one way the stored technical password changes (modal, connection block, command line):
 * check it with Chorus Pro, store it, then date it. Storing and dating are one unit: if dating
 * fails, the previous keychain value comes back. A crash between the two leaves the old date with
 * the new password, i.e. an early reminder, never a date newer than the password. Renewals run
 * one after the other.
 */
export function createPasswordRenewal(dependencies: RenewalDependencies): (request: RenewalRequest) => Promise<PasswordRenewal> {
  let queue: Promise<unknown> = Promise.resolve();
  return (request) => {
    const run = queue.then(() => renew(dependencies, request));
    queue = run.catch(() => undefined);
    return run;
  };
}

async function renew(
  { settings, secrets, verifyPassword, clock, logger }: RenewalDependencies,
  request: RenewalRequest,
): Promise<PasswordRenewal> {
  checkNewPassword(request.password, { surroundingSpacesConfirmed: request.surroundingSpacesConfirmed });
  const current = settings.read();
  if (!current.login) throw new AppError('INVALID_INPUT', 'Identifiant utilisateur : à renseigner avant le mot de passe');
  if (request.communicatedOn !== undefined && request.verify) {
    throw new AppError('INVALID_INPUT', "Date de dernière mise à jour : un mot de passe vérifié par Chorus Pro est daté d'aujourd'hui");
  }
  const dated = request.communicatedOn === undefined ? clock() : parseCommunicatedDay(request.communicatedOn, clock());
  const account = secretAccounts.technicalPassword(current.apiBaseUrl, current.login);
  const previous = await secrets.get(account);
  // The password already stored, typed again: storing it would date it today and forget the
  // expiry Chorus Pro gave for it (issue 35). Nothing changes, and the user is told why.
  if (previous === request.password) throw new AppError('PASSWORD_UNCHANGED');
  if (request.verify) await verifyPassword(current, request.password, request.cancel);
  if (request.cancel?.aborted) throw new AppError('CANCELLED');

  await secrets.set(account, request.password);
  let updated: StoredSettings;
  try {
    updated = settings.recordPasswordUpdate(dated, request.verify);
  } catch (error) {
    await (previous === undefined ? secrets.delete(account) : secrets.set(account, previous));
    logger.error('password.renewal-rolled-back', { code: error instanceof AppError ? error.code : 'INTERNAL_ERROR' });
    throw error;
  }
  logger.info('password.renewed', { verified: request.verify, dated: request.communicatedOn === undefined ? 'now' : 'given' });
  return { stored: true, updatedAt: updated.passwordUpdatedAt ?? dated.toISOString(), verified: request.verify };
}
