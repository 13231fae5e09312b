// Upgrade from 0.2.0: the authority its first start took from the machine-wide profile served every
// host, PISTE's official ones included. From this version a profile's authority serves them only
// when the profile says `"trustForOfficialHosts": true`; an account whose authority is that
// profile's (the same file, named after its content) is limited once, at the first opening, and
// `status`, the screen and a refused connection name the setting: nothing breaks silently.
import { existsSync } from 'node:fs';
import type { Logger } from '../logging/logger';
import { splitMachineOnlyFields } from '../schedule/machine-daily-check';
import type { WorkstationStore } from '../settings/workstation-store';
import { importedCaFileName, parseSingleProfile, readProfileData } from './deployment-profile';

const fileName = (path: string): string => path.split(/[\\/]/u).at(-1) ?? path;

/** The authority file the machine profile gives, when it does not give it PISTE's hosts. */
function scopedAuthorityFile(path: string, logger: Logger): string | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const profile = parseSingleProfile(splitMachineOnlyFields(readProfileData(path), logger).profile);
    return profile.caCertificatePem !== undefined && profile.trustForOfficialHosts !== true
      ? importedCaFileName(profile.caCertificatePem)
      : undefined;
  } catch {
    // Only ever narrows what is trusted: a profile that cannot be read narrows nothing.
    return undefined;
  }
}

export function scopeMachineProfileAuthorities(
  store: WorkstationStore,
  machineProfilePath: string | undefined,
  logger: Logger,
): void {
  const authority = machineProfilePath === undefined ? undefined : scopedAuthorityFile(machineProfilePath, logger);
  if (authority !== undefined) {
    for (const account of store.accounts.list()) {
      if (
        account.caCertificatePath === undefined ||
        account.caForCustomHostsOnly === true ||
        fileName(account.caCertificatePath) !== authority
      )
        continue;
      store.account(account.name).update({ caForOfficialHosts: false });
      logger.warn('profile.machine-authority-scoped', { authority });
    }
  }
  store.markMachineProfileCaScoped();
}
