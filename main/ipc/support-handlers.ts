// « À propos » and the support log the IT department is sent.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { privateFolderMode } from '../files/private-files';
import { logFolderName } from '../logging/log-file';
import type { HandlerDependencies, Handlers } from './channel-handlers';

export function supportHandlers({
  appInfo,
  desktop,
  userDataDir,
}: HandlerDependencies): Pick<Handlers, 'getAppInfo' | 'openLogFolder'> {
  return {
    getAppInfo: () => Promise.resolve(appInfo),
    openLogFolder: async () => {
      const folder = join(userDataDir, logFolderName);
      await mkdir(folder, { recursive: true, mode: privateFolderMode });
      await desktop.openFolder(folder);
      return { folder };
    },
  };
}
