// Each path's security descriptor in SDDL, read by Windows PowerShell's Get-Acl: the owner and the
// ACL as SIDs, whatever the workstation's language. PowerShell is started by its full path; the
// paths reach it as data, in an environment variable its fixed script reads, never as an argument
// (a path cannot turn into an option, nor end the script).
import { execFileSync } from 'node:child_process';
import { consoleText } from './console-text';
import { systemProgramPath } from './system-root';

export const aclPathsVariable = 'CHORUS_PRO_ACL_PATHS';

/** One line per path: its SDDL, or `-` when Get-Acl could not read it. `|` cannot be in a Windows path. */
export const aclScript = `$ErrorActionPreference = 'Stop'; foreach ($p in $env:${aclPathsVariable}.Split('|')) { try { (Get-Acl -LiteralPath $p).Sddl } catch { '-' } }`;

export interface AclReaderOptions {
  /** Where powershell.exe is (default: %SystemRoot%\System32\WindowsPowerShell\v1.0\powershell.exe). */
  readonly powershell?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** The SDDL of each path, in order (undefined: that one could not be read); undefined when PowerShell failed. */
export function readSddls(paths: readonly string[], options: AclReaderOptions = {}): (string | undefined)[] | undefined {
  if (paths.length === 0 || paths.some((path) => path.includes('|') || /[\r\n]/u.test(path))) return undefined;
  const env = options.env ?? process.env;
  const powershell = options.powershell ?? systemProgramPath('WindowsPowerShell\\v1.0\\powershell.exe', env);
  let output: Buffer;
  try {
    output = execFileSync(powershell, ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', aclScript], {
      env: { ...env, [aclPathsVariable]: paths.join('|') },
      encoding: 'buffer',
      windowsHide: true,
      timeout: 30_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch {
    return undefined;
  }
  const lines = consoleText(output, undefined)
    .split(/\r?\n/u)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines.length !== paths.length) return undefined;
  return lines.map((line) => (line === '-' ? undefined : line));
}
