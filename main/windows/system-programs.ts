// Starts Windows' own programs by their full path (system-root.ts) and reads what they print in
// the console's code page (console-text.ts). Tests give `locate` a folder of stand-in programs.
import { execFile } from 'node:child_process';
import { consoleText } from './console-text';
import { systemProgramPath, type SystemProgram } from './system-root';

export interface ProgramOutcome {
  /** The exit code; 1 when the program could not be started or was stopped. */
  readonly status: number;
  /** What it printed, decoded. */
  readonly stdout: string;
  readonly stderr: string;
}

export interface SystemPrograms {
  /** Runs one program with these arguments; `env` adds variables (data, never options). */
  run(
    program: SystemProgram,
    args: readonly string[],
    options?: { readonly env?: Readonly<Record<string, string>> },
  ): Promise<ProgramOutcome>;
}

interface RawOutcome {
  readonly status: number;
  readonly stdout: Buffer;
  readonly stderr: Buffer;
}

function runRaw(path: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<RawOutcome> {
  return new Promise((resolve) => {
    execFile(
      path,
      [...args],
      { windowsHide: true, timeout: 30_000, encoding: 'buffer', env, maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const status = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        const started = error === null || typeof error.code === 'number';
        resolve({
          status,
          stdout,
          stderr: started || stderr.length > 0 ? stderr : Buffer.from(`${path} : ${error.message}`),
        });
      },
    );
  });
}

/** `OEMCP    REG_SZ    850`, as `reg query` prints the value (the words are not translated). */
export const oemCodePageOf = (regOutput: string): number | undefined => {
  const match = /\bOEMCP\s+REG_SZ\s+(\d{2,5})\b/u.exec(regOutput);
  return match ? Number(match[1]) : undefined;
};

/**
 * Windows' programs found where `locate` says (by default, under %SystemRoot%\System32). The OEM
 * code page is read once, from where Windows keeps it (HKLM\…\Nls\CodePage, OEMCP), by `reg.exe`
 * whose answer is plain ASCII: no `chcp`, whose words are translated.
 */
export function createSystemPrograms({
  locate,
  env = process.env,
}: { readonly locate?: (program: SystemProgram) => string; readonly env?: NodeJS.ProcessEnv } = {}): SystemPrograms {
  const pathOf = locate ?? ((program: SystemProgram) => systemProgramPath(program, env));
  let codePage: Promise<number | undefined> | undefined;
  const oemCodePage = (): Promise<number | undefined> => {
    codePage ??= runRaw(
      pathOf('reg.exe'),
      ['query', 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Nls\\CodePage', '/v', 'OEMCP'],
      env,
    ).then((outcome) => (outcome.status === 0 ? oemCodePageOf(outcome.stdout.toString('latin1')) : undefined));
    return codePage;
  };
  return {
    async run(program, args, options = {}) {
      const raw = await runRaw(pathOf(program), args, { ...env, ...options.env });
      const page =
        raw.stdout.every((byte) => byte < 0x80) && raw.stderr.every((byte) => byte < 0x80)
          ? undefined
          : await oemCodePage();
      return { status: raw.status, stdout: consoleText(raw.stdout, page), stderr: consoleText(raw.stderr, page) };
    },
  };
}

/** This workstation's programs, under its %SystemRoot%. */
export const windowsSystemPrograms = (): SystemPrograms => createSystemPrograms();
