// A deployment profile file as an import reads it (import-profile, the screen's import, the
// machine profile's passwords): one account or several, and the daily check's time it may ask for
// (`"dailyCheckAt": "07:30"`, written by `export-profile --daily-check-at`). The time is not a
// setting and is not bound to the encrypted secrets: it only says when the workstation checks.
import { timeOfDayInput } from '../dates/time-of-day';
import { AppError } from '../failures/errors';
import { parseAccountsProfile, type AccountsProfile } from './accounts-profile';
import { parseSingleProfile, readProfileData, type DeploymentProfile } from './deployment-profile';

export interface ProfileFile {
  readonly profile: DeploymentProfile | AccountsProfile;
  /** HH:MM, when the profile asks for a daily check. */
  readonly dailyCheckAt?: string;
}

/** The daily check's time out of a profile's data; a time that is not HH:MM refuses the whole profile. */
export function withoutDailyCheckAt(data: unknown): { readonly data: unknown; readonly dailyCheckAt?: string } {
  if (typeof data !== 'object' || data === null || !('dailyCheckAt' in data)) return { data };
  const { dailyCheckAt, ...rest } = data as Record<string, unknown>;
  const time = timeOfDayInput.safeParse(dailyCheckAt);
  if (!time.success)
    throw new AppError(
      'PROFILE_REFUSED',
      `« dailyCheckAt » doit être une heure HH:MM (par exemple "07:30") : rien n'a été importé ; corrigez le profil ou exportez-le à nouveau (export-profile --daily-check-at HH:MM)`,
    );
  return { data: rest, dailyCheckAt: time.data };
}

export const isAccountsProfileData = (data: unknown): boolean =>
  typeof data === 'object' && data !== null && 'profileVersion' in data && data.profileVersion === 3;

export function parseProfileData(data: unknown): ProfileFile {
  const split = withoutDailyCheckAt(data);
  const profile = isAccountsProfileData(split.data) ? parseAccountsProfile(split.data) : parseSingleProfile(split.data);
  return { profile, ...(split.dailyCheckAt === undefined ? {} : { dailyCheckAt: split.dailyCheckAt }) };
}

export const readProfileFile = (path: string): ProfileFile => parseProfileData(readProfileData(path));
