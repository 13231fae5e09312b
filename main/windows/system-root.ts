// Where Windows' own programs are: %SystemRoot%\System32, never a search of PATH or of the current
// folder (Windows looks there first for a bare name: a folder someone else can write could hold a
// `schtasks.exe` of its own).
import { win32 } from 'node:path';

/** Where Windows is installed on nearly every workstation, when %SystemRoot% cannot be used. */
export const defaultSystemRoot = 'C:\\Windows';

/**
 * %SystemRoot% as Windows sets it for every process (`C:\Windows`), taken only when it is an
 * absolute folder at the root of a local drive (`D:\Windows`, `C:\WINNT`): never a share
 * (`\\srv\…`, the network would choose the program), never a relative path (the current folder
 * again). The variable belongs to the user's own environment: a user who changes it only changes
 * what runs for that same user, who could run it anyway; what matters is that nobody else's folder
 * is searched. Anything else: C:\Windows.
 */
export function systemRoot(env: NodeJS.ProcessEnv): string {
  const given = env.SystemRoot ?? env.SYSTEMROOT ?? env.windir;
  return given !== undefined && /^[A-Za-z]:\\[A-Za-z0-9_.-]+\\?$/u.test(given) && !given.includes('..')
    ? given.replace(/\\$/u, '')
    : defaultSystemRoot;
}

/** The Windows programs the app starts, each by its place under System32. */
export const systemPrograms = {
  schtasks: 'schtasks.exe',
  whoami: 'whoami.exe',
  reg: 'reg.exe',
  powershell: 'WindowsPowerShell\\v1.0\\powershell.exe',
} as const;
export type SystemProgram = (typeof systemPrograms)[keyof typeof systemPrograms];

/** `C:\Windows\System32\schtasks.exe`: the full path a system program is started by. */
export const systemProgramPath = (program: SystemProgram, env: NodeJS.ProcessEnv): string =>
  win32.join(systemRoot(env), 'System32', program);
