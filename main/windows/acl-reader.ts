// Each path's security descriptor in SDDL, read by Windows PowerShell's Get-Acl: the owner and the
// ACL as SIDs, whatever the workstation's language. PowerShell is started by its full path; the
// paths reach it as data, in an environment variable its fixed script reads, never as an argument
// (a path cannot turn into an option, nor end the script).
import { execFile, execFileSync } from 'node:child_process';
import { consoleText } from './console-text';
import { systemProgramPath } from './system-root';

export const aclPathsVariable = 'CHORUS_PRO_ACL_PATHS';

/** One line per path: its SDDL, or `-` when Get-Acl could not read it. `|` cannot be in a Windows path. */
export const aclScript =
  "$ErrorActionPreference = 'Stop'; " +
  `foreach ($p in $env:${aclPathsVariable}.Split('|')) ` +
  "{ try { (Get-Acl -LiteralPath $p).Sddl } catch { '-' } }";

export interface AclReaderOptions {
  /** Where powershell.exe is (default: %SystemRoot%\System32\WindowsPowerShell\v1.0\powershell.exe). */
  readonly powershell?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** Paths PowerShell's script could not take as one list (`|` separates them; a line break ends one). */
const unreadablePaths = (paths: readonly string[]): boolean =>
  paths.length === 0 || paths.some((path) => path.includes('|') || /[\r\n]/u.test(path));

function powershellCall(paths: readonly string[], options: AclReaderOptions) {
  const env = options.env ?? process.env;
  const program = options.powershell ?? systemProgramPath('WindowsPowerShell\\v1.0\\powershell.exe', env);
  const args = ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', aclScript];
  const spawnOptions = {
    env: { ...env, [aclPathsVariable]: paths.join('|') },
    encoding: 'buffer' as const,
    windowsHide: true,
    timeout: 30_000,
  };
  return { program, args, spawnOptions };
}

/** One SDDL per path from PowerShell's output; undefined when the lines do not match the paths. */
function sddlsOf(output: Buffer, count: number): (string | undefined)[] | undefined {
  const lines = consoleText(output, undefined)
    .split(/\r?\n/u)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines.length !== count) return undefined;
  return lines.map((line) => (line === '-' ? undefined : line));
}

/** The SDDL of each path, in order (undefined: that one could not be read); undefined when PowerShell failed. */
export function readSddls(
  paths: readonly string[],
  options: AclReaderOptions = {},
): (string | undefined)[] | undefined {
  if (unreadablePaths(paths)) return undefined;
  const { program, args, spawnOptions } = powershellCall(paths, options);
  try {
    return sddlsOf(execFileSync(program, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'] }), paths.length);
  } catch {
    return undefined;
  }
}

/** The same, without blocking the process while PowerShell starts (the window's main process: the fleet report's screen). */
export function readSddlsInBackground(
  paths: readonly string[],
  options: AclReaderOptions = {},
): Promise<(string | undefined)[] | undefined> {
  if (unreadablePaths(paths)) return Promise.resolve(undefined);
  const { program, args, spawnOptions } = powershellCall(paths, options);
  return new Promise((resolve) => {
    execFile(program, args, spawnOptions, (error, stdout) =>
      resolve(error === null ? sddlsOf(stdout, paths.length) : undefined),
    );
  });
}
