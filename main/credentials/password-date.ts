import { differenceInCalendarDays, isValid, parseISO, startOfDay } from 'date-fns';
import { AppError } from '../failures/errors';
import { passwordLifetimeDays } from '../reminder/password-reminder';
import type { StoredSettings } from '../settings/settings-schema';

/**
 * The day Chorus Pro communicated the current password (AAAA-MM-JJ, the user's own calendar),
 * given by the user when the app could not date it: checked, then turned into the local midnight
 * the reminder counts from.
 */
export function parseCommunicatedDay(typed: string, now: Date): Date {
  // Surrounding spaces are trimmed, as they are from an address.
  const text = typed.trim();
  const day = /^\d{4}-\d{2}-\d{2}$/.test(text) ? parseISO(text) : undefined;
  if (!day || !isValid(day)) {
    // The value is not repeated: it may be anything typed in the wrong place.
    throw new AppError(
      'INVALID_INPUT',
      "Date de dernière mise à jour : ce n'est pas une date (format attendu AAAA-MM-JJ, par exemple 2026-03-02)",
    );
  }
  const age = differenceInCalendarDays(startOfDay(now), day);
  if (age < 0) throw new AppError('INVALID_INPUT', 'Date de dernière mise à jour : la date est dans le futur');
  if (age > passwordLifetimeDays) {
    throw new AppError(
      'INVALID_INPUT',
      `Date de dernière mise à jour : un mot de passe communiqué il y a plus de ${passwordLifetimeDays} jours a déjà expiré ; demandez-en un nouveau sur le portail Chorus Pro (Réinitialisation du mot de passe)`,
    );
  }
  return day;
}

/**
 * The date may be given only where the app does not know it: no date yet, a password kept without
 * Chorus Pro checking it, or no password stored at all (`passwordStored` false: the date is
 * provisional, typed ahead of the password). A verified renewal dates itself, and that date is
 * never rewritten. A keychain that cannot be read (`passwordStored` null or absent) proves nothing.
 */
export function canEnterPasswordDay(
  settings: Pick<StoredSettings, 'passwordUpdatedAt' | 'passwordVerified'>,
  passwordStored: boolean | null = null,
): boolean {
  return settings.passwordUpdatedAt === undefined || settings.passwordVerified === false || passwordStored === false;
}

export function assertCanEnterPasswordDay(
  settings: Pick<StoredSettings, 'passwordUpdatedAt' | 'passwordVerified'>,
  passwordStored: boolean | null = null,
): void {
  if (!canEnterPasswordDay(settings, passwordStored)) {
    throw new AppError(
      'INVALID_INPUT',
      "Date de dernière mise à jour : elle est connue (le mot de passe a été vérifié par Chorus Pro) et change d'elle-même au prochain renouvellement",
    );
  }
}
