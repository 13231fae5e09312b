import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../failures/errors';
import type { Logger } from '../logging/logger';
import type { WorkstationStore } from '../settings/workstation-store';
import { machineProfileDistrust, platformPathsTrust } from './machine-profile-trust';
import { splitMachineOnlyFields } from '../schedule/machine-daily-check';
import { applyProfile, parseSingleProfile, readProfileData } from './deployment-profile';
import { checkNewAccountNames, parseAccountsProfile } from './accounts-profile';
import { applyAccountsProfileSettings } from './machine-accounts-profile';

/**
 * Where an installer or a script puts the profile every workstation starts from:
 * %PROGRAMDATA%\\Chorus Pro Echanges\\profile.json on Windows. CHORUS_PRO_MACHINE_PROFILE overrides it.
 */
export function machineProfilePath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.CHORUS_PRO_MACHINE_PROFILE) return env.CHORUS_PRO_MACHINE_PROFILE;
  if (platform === 'win32') return join(env.PROGRAMDATA ?? 'C:\\ProgramData', 'Chorus Pro Echanges', 'profile.json');
  if (platform === 'darwin') return '/Library/Application Support/Chorus Pro Echanges/profile.json';
  return '/etc/chorus-pro-echanges/profile.json';
}

/** Why the machine profile at `path` may not be applied (undefined: it may). */
export type MachineProfileTrust = (path: string) => string | undefined;
export const platformMachineProfileTrust: MachineProfileTrust = (path) =>
  machineProfileDistrust(path, platformPathsTrust());

/** What the screen and `status` say of a refused machine profile: what, why, what to do. */
export const machineProfileRefusalText = (path: string, reason: string): string =>
  `Le profil de déploiement du poste (${path}) n'a pas été appliqué : ${reason}. Votre service informatique peut le rendre sûr (guide de déploiement, « Profil du poste ») ; ensuite, importez-le vous-même (Fichier > Importer un profil de déploiement, ou import-profile "${path}").`;

/**
 * At first start only (no settings file yet), takes the machine-wide profile if there is one: it
 * pre-configures the workstation and never overrides what the user changes afterwards. A profile
 * that cannot be used is not applied, and why is kept for the screen and `status` (and logged):
 * the app starts from its defaults. Returns the time of the daily check it asks for
 * (`dailyCheckAt`), which the app registers.
 */
export function applyMachineProfileAtFirstStart(
  firstStart: boolean,
  path: string | undefined,
  workstation: WorkstationStore,
  userDataDir: string,
  logger: Logger,
  trust: MachineProfileTrust = platformMachineProfileTrust,
): string | undefined {
  if (!firstStart || !path || !existsSync(path)) return undefined;
  // Standard users may create folders in %PROGRAMDATA%: a profile one of them planted is not applied.
  const distrust = trust(path);
  if (distrust !== undefined) {
    logger.warn('profile.machine-untrusted', { path, reason: distrust });
    workstation.recordMachineProfileRefusal(machineProfileRefusalText(path, distrust));
    return undefined;
  }
  try {
    const { profile: data, dailyCheckAt } = splitMachineOnlyFields(readProfileData(path), logger);
    if (typeof data === 'object' && data !== null && 'profileVersion' in data && data.profileVersion === 3) {
      // Several accounts (a centre de gestion's communes): each one's settings, its secrets waiting for the passphrase.
      const accounts = parseAccountsProfile(data);
      // A name that could pass for a Chromium switch refuses the whole profile (issue 29, S1).
      checkNewAccountNames(workstation.accounts.list(), accounts);
      applyAccountsProfileSettings(workstation, accounts, userDataDir);
      if (accounts.secrets !== undefined) workstation.markMachineProfileSecrets(true);
      logger.info('profile.machine-applied', {
        path,
        accounts: accounts.accounts.length,
        withSecrets: accounts.secrets !== undefined,
      });
      return dailyCheckAt;
    }
    const profile = parseSingleProfile(data);
    // One account's profile, at first start: the workstation's first account, its default.
    applyProfile(workstation.account(workstation.accounts.selected()), profile, userDataDir);
    // A machine-wide file is readable by every user: its secrets wait for the passphrase.
    if (profile.profileVersion === 2) workstation.markMachineProfileSecrets(true);
    logger.info('profile.machine-applied', { path, withSecrets: profile.profileVersion === 2 });
    return dailyCheckAt;
  } catch (error) {
    // Why, not only the code: « champ invalide : accounts.2.login » tells the IT person what to fix.
    logger.warn('profile.machine-refused', {
      path,
      code: error instanceof AppError ? error.code : 'INTERNAL_ERROR',
      ...(error instanceof AppError && error.detail !== undefined ? { reason: error.detail } : {}),
    });
    const reason =
      error instanceof AppError && error.detail !== undefined
        ? error.detail
        : 'le fichier est illisible ou ce n’est pas un profil de déploiement';
    workstation.recordMachineProfileRefusal(machineProfileRefusalText(path, reason));
    return undefined;
  }
}

/**
 * Why the machine-wide profile at `path` would not be applied, in French (undefined: there is none,
 * or it would be). For `status`, at any start: the IT person sees what the first start logged.
 */
export function machineProfileRefusal(
  path: string | undefined,
  trust: MachineProfileTrust = platformMachineProfileTrust,
): string | undefined {
  if (!path || !existsSync(path)) return undefined;
  const distrust = trust(path);
  if (distrust !== undefined) return distrust;
  try {
    const { profile: data } = splitMachineOnlyFields(readProfileData(path), {
      info: () => undefined,
      warn: () => undefined,
      error: () => undefined,
    });
    if (typeof data === 'object' && data !== null && 'profileVersion' in data && data.profileVersion === 3)
      parseAccountsProfile(data);
    else parseSingleProfile(data);
    return undefined;
  } catch (error) {
    return error instanceof AppError ? (error.detail ?? error.message) : 'il est illisible';
  }
}
