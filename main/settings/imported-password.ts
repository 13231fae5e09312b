import { addDays, parseISO } from 'date-fns';
import { newExchangeState } from './exchange-state';
import type { StoredSettings } from './settings-schema';
import { passwordLifetimeDays } from '../dates/password-lifetime';

/** A password a deployment profile brought for an account. */
export interface ImportedPassword {
  /** Its date in the profile, when the exporting workstation knew it. */
  readonly updatedAt: string | undefined;
  /** The keychain already held exactly this password for the same address and login. */
  readonly sameAsStored?: boolean;
}

/**
 * The password state of an account once a profile brought it a password. The same password as the
 * one stored keeps what this workstation learnt of it (verified, Chorus Pro's expiry date); another
 * one is not verified yet, dated as in the profile, and its estimated expiry never falls after a
 * date Chorus Pro gave for this account: the reminder may come early, never late.
 */
export function withImportedPassword(
  before: StoredSettings,
  next: StoredSettings,
  imported: ImportedPassword,
): StoredSettings {
  const sameAccount = before.apiBaseUrl === next.apiBaseUrl && before.login === next.login;
  if (sameAccount && imported.sameAsStored === true) return next;
  const {
    passwordUpdatedAt: _date,
    chorusPasswordExpiresOn: chorusExpiry,
    chorusPasswordExpiryStructure: expiryStructure,
    ...rest
  } = next;
  const estimate =
    imported.updatedAt === undefined ? undefined : addDays(parseISO(imported.updatedAt), passwordLifetimeDays);
  const keepChorusExpiry =
    sameAccount && chorusExpiry !== undefined && (estimate === undefined || parseISO(chorusExpiry) < estimate);
  return {
    ...rest,
    passwordVerified: false,
    // Another password: its copies are to be made again, once Chorus Pro has accepted it.
    exchange: newExchangeState(),
    ...(imported.updatedAt ? { passwordUpdatedAt: imported.updatedAt } : {}),
    ...(keepChorusExpiry
      ? {
          chorusPasswordExpiresOn: chorusExpiry,
          ...(expiryStructure !== undefined ? { chorusPasswordExpiryStructure: expiryStructure } : {}),
        }
      : {}),
  };
}
