import { homedir } from 'node:os';
import { join } from 'node:path';

export const productName = 'Chorus Pro Echanges';

/**
 * The folder Electron gives the app (`app.getPath('userData')`), so that the command line and the
 * app share one configuration: %APPDATA% on Windows, Application Support on macOS, XDG elsewhere.
 */
export function defaultUserDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const home = homedir();
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), productName);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', productName);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), productName);
}
