// Node's compile cache for the command line (issue 36): V8's compiled code of the commands' file,
// kept between runs, so that a command does not compile ≈ 1.5 MB of script again each time (the
// largest part of its start after Node's own, `wrapSafe` in a `node --cpu-prof`). Imported by
// cli.ts before anything else is loaded: it must stay small (Node's own modules and the user-data
// path alone).
import { existsSync, statSync } from 'node:fs';
import { constants, enableCompileCache } from 'node:module';
import { join } from 'node:path';
import { compileCacheFolderName } from '../files/compile-cache-folder';
import { defaultUserDataDir } from './user-data-dir';

export { compileCacheFolderName };

/** The folder `--user-data-dir` names in these arguments (`--user-data-dir X` or `=X`), else the default one. */
export function userDataDirOf(args: readonly string[], env: NodeJS.ProcessEnv): string {
  for (let index = 0; index < args.length; index += 1) {
    const argument = args[index] ?? '';
    if (argument === '--user-data-dir') {
      const value = args[index + 1];
      // A missing value, or the next option taken for it: the parser refuses it later.
      return value === undefined || value.startsWith('--') ? defaultUserDataDir(env) : value;
    }
    if (argument.startsWith('--user-data-dir=')) return argument.slice('--user-data-dir='.length);
  }
  return defaultUserDataDir(env);
}

/**
 * V8's code cache is code: it goes only where nobody else may write. On Windows, the user's own
 * data folder (%APPDATA%), never one named by --user-data-dir (a share, ProgramData), whose rights
 * only PowerShell could read, which would cost more than the cache saves. Elsewhere, a folder this
 * user owns that neither group nor others may write.
 */
export function isPrivateFolder(
  folder: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): boolean {
  if (platform === 'win32')
    return folder === defaultUserDataDir(env) && !args.some((argument) => argument.startsWith('--user-data-dir'));
  try {
    const stats = statSync(folder);
    return stats.isDirectory() && stats.uid === process.getuid?.() && (stats.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/**
 * Turns the cache on in the user-data folder, when that folder exists and is private (above): a command never creates it
 * for its cache (a mistyped --user-data-dir given to a command that only reads stays uncreated).
 * Returns the cache's folder, or undefined when it is not used (no folder yet, Node without the
 * cache, NODE_DISABLE_COMPILE_CACHE set, or the folder not writable: the command just compiles).
 */
export function enableCommandCompileCache(args: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  const userDataDir = userDataDirOf(args, env);
  if (!existsSync(userDataDir) || !isPrivateFolder(userDataDir, args, env)) return undefined;
  try {
    const { status, directory } = enableCompileCache(join(userDataDir, compileCacheFolderName));
    return status === constants.compileCacheStatus.ENABLED || status === constants.compileCacheStatus.ALREADY_ENABLED
      ? directory
      : undefined;
  } catch {
    return undefined;
  }
}
