import { differenceInCalendarDays, isSameDay, parseISO, startOfDay } from 'date-fns';
import type { ExchangeView } from '../../common/exchange';
import type { PasswordRenewal } from '../../common/password-renewal';
import type { Clock } from '../dates/clock';
import { AppError } from '../failures/errors';
import type { Logger } from '../logging/logger';
import { passwordLifetimeDays } from '../reminder/password-reminder';
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
  /**
   * Chorus Pro accepted the new password, now stored and dated: its copies follow (the exchange
   * software, destinations/). Never called for a password saved without checking.
   */
  readonly afterAccepted?: () => Promise<ExchangeView>;
}

/**
 * The one way the stored technical password changes (modal, connection block, command line):
 * check it with Chorus Pro, store it, then date it. Storing and dating are one unit: if dating
 * fails, the previous keychain value comes back. A crash between the two leaves the old date with
 * the new password, i.e. an early reminder, never a date newer than the password. Renewals run
 * one after the other.
 */
export function createPasswordRenewal(
  dependencies: RenewalDependencies,
): (request: RenewalRequest) => Promise<PasswordRenewal> {
  let queue: Promise<unknown> = Promise.resolve();
  return (request) => {
    const run = queue.then(() => renew(dependencies, request));
    queue = run.catch(() => undefined);
    return run;
  };
}

async function renew(
  { settings, secrets, verifyPassword, clock, logger, afterAccepted }: RenewalDependencies,
  request: RenewalRequest,
): Promise<PasswordRenewal> {
  checkNewPassword(request.password, { surroundingSpacesConfirmed: request.surroundingSpacesConfirmed });
  const current = settings.read();
  if (!current.login)
    throw new AppError('INVALID_INPUT', 'Identifiant utilisateur : à renseigner avant le mot de passe');
  if (request.communicatedOn !== undefined && request.verify) {
    throw new AppError(
      'INVALID_INPUT',
      "Date de dernière mise à jour : un mot de passe vérifié par Chorus Pro est daté d'aujourd'hui",
    );
  }
  const given =
    request.communicatedOn === undefined ? undefined : parseCommunicatedDay(request.communicatedOn, clock());
  const account = secretAccounts.technicalPassword(current.apiBaseUrl, current.login);
  const previous = await secrets.get(account);
  // The password already stored, typed again: storing it would date it today and forget the
  // expiry Chorus Pro gave for it (issue 35). Nothing changes, and the user is told why. Not when
  // these settings know nothing of it (the keychain entry, keyed by address and login, came from
  // another settings folder) or a day is given for it: then dating it is what the user asks.
  const knownHere = current.passwordUpdatedAt !== undefined || current.chorusPasswordExpiresOn !== undefined;
  if (previous === request.password && knownHere && given === undefined) throw new AppError('PASSWORD_UNCHANGED');
  if (request.verify) await verifyPassword(current, request.password, request.cancel);
  if (request.cancel?.aborted) throw new AppError('CANCELLED');

  const typedBefore = given === undefined ? dayTypedBeforeFirstPassword(current, previous, clock()) : undefined;
  const dated = given ?? typedBefore ?? clock();
  // A day given for an earlier password kept without checking: this one's date replaces it, and says so.
  const replacedDay =
    given === undefined &&
    typedBefore === undefined &&
    current.passwordVerified === false &&
    current.passwordUpdatedAt !== undefined &&
    !isSameDay(parseISO(current.passwordUpdatedAt), dated)
      ? current.passwordUpdatedAt
      : undefined;
  await secrets.set(account, request.password);
  let updated: StoredSettings;
  try {
    updated = settings.recordPasswordUpdate(dated, request.verify);
  } catch (error) {
    await (previous === undefined ? secrets.delete(account) : secrets.set(account, previous));
    logger.error('password.renewal-rolled-back', { code: error instanceof AppError ? error.code : 'INTERNAL_ERROR' });
    throw error;
  }
  logger.info('password.renewed', {
    verified: request.verify,
    dated: given !== undefined ? 'given' : typedBefore !== undefined ? 'typed-before' : 'now',
  });
  // A typo never reaches the finance software: only a password Chorus Pro accepted is pushed.
  const exchange = request.verify && afterAccepted ? await afterAccepted() : undefined;
  return {
    stored: true,
    updatedAt: updated.passwordUpdatedAt ?? dated.toISOString(),
    verified: request.verify,
    ...(typedBefore !== undefined ? { keptTypedDay: true as const } : {}),
    ...(replacedDay !== undefined ? { replacedDay } : {}),
    ...(exchange ? { exchange } : {}),
  };
}

/**
 * The day typed before the account's first password (the portal's e-mail, given offline ahead of
 * the password: `configure --password-updated-on`, or the screen's date field), which that first
 * password keeps, checked or not: dating it today would bring the reminder and the expiry estimate
 * weeks late. Only a day the app did not set itself (the account has no password in the keychain
 * and its date is not a verified one) and still within a password's lifetime.
 */
function dayTypedBeforeFirstPassword(
  current: StoredSettings,
  previous: string | undefined,
  now: Date,
): Date | undefined {
  if (previous !== undefined || current.passwordVerified !== false || current.passwordUpdatedAt === undefined)
    return undefined;
  const typed = parseISO(current.passwordUpdatedAt);
  const age = differenceInCalendarDays(startOfDay(now), startOfDay(typed));
  return age >= 0 && age <= passwordLifetimeDays ? typed : undefined;
}
