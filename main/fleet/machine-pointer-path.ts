// Where an installer, a GPO or a script puts the machine's fleet pointer, beside the machine
// profile: %ProgramData%\Chorus Pro Echanges\fleet.json on Windows. CHORUS_PRO_MACHINE_FLEET
// overrides it, as CHORUS_PRO_MACHINE_PROFILE does the profile's. Kept apart from the fleet's code,
// which only loads when there is a pointer to follow; so is what the screen and `status` say of one
// that is not followed.
import { join } from 'node:path';

export function machineFleetPath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.CHORUS_PRO_MACHINE_FLEET) return env.CHORUS_PRO_MACHINE_FLEET;
  if (platform === 'win32') return join(env.PROGRAMDATA ?? 'C:\\ProgramData', 'Chorus Pro Echanges', 'fleet.json');
  if (platform === 'darwin') return '/Library/Application Support/Chorus Pro Echanges/fleet.json';
  return '/etc/chorus-pro-echanges/fleet.json';
}

/** What the screen and `status` say of a pointer not followed: what, why, what to do. */
export const pointerRefusalText = (path: string, reason: string): string =>
  `Le pointeur de parc du poste (${path}) n'a pas été suivi : ${reason}. Votre service informatique peut le corriger (guide de déploiement, « Le pointeur de parc du poste ») ; en attendant, ce poste ne rejoint pas le parc de lui-même.`;
