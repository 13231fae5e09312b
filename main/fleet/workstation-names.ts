// The names a join request declares (shown to the IT person beside the phrase, never trusted), and
// on Windows what the system reports as a folder's real path (mapped-drive.ts).
import { existsSync, realpathSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';

function userName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'inconnu';
  }
}

export function workstationNames(platform: NodeJS.Platform = process.platform): {
  machine: string;
  user: string;
  realPath?: (path: string) => string | undefined;
} {
  const realPath = (path: string): string | undefined => {
    try {
      return existsSync(path) ? realpathSync.native(path) : undefined;
    } catch {
      return undefined;
    }
  };
  return { machine: hostname(), user: userName(), ...(platform === 'win32' ? { realPath } : {}) };
}
