import { spawn } from 'node:child_process';
import { join } from 'node:path';

const projectRoot = join(__dirname, '..', '..');
/** A machine policy that is not there: what a workstation without one reads. */
export const noMachinePolicy = '/nonexistent/chorus-pro-echanges-policy.json';

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The one JSON line of `--json`, parsed; empty when the output is not exactly one. */
  readonly json: Record<string, unknown>;
}

/** The real command line, in its own process, as an administrator's script runs it. */
export function runCliProcess(
  args: readonly string[],
  keychainService: string,
  options: {
    stdin?: string;
    env?: NodeJS.ProcessEnv;
    /** Killed (SIGKILL) past this: a command that would block for ever. */ timeoutMs?: number;
  } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'main/cli.ts'), ...args], {
      cwd: projectRoot,
      // No machine policy unless the test gives one, whatever the host has.
      env: {
        ...process.env,
        CHORUS_PRO_KEYCHAIN_SERVICE: keychainService,
        CHORUS_PRO_MACHINE_POLICY: noMachinePolicy,
        ...options.env,
      },
      ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs, killSignal: 'SIGKILL' as const }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => {
      const lines = stdout.split('\n').filter(Boolean);
      const parsed: unknown = lines.length === 1 && lines[0]?.startsWith('{') ? JSON.parse(lines[0]) : {};
      resolve({ status, stdout, stderr, json: parsed as Record<string, unknown> });
    });
    child.stdin.end(options.stdin ?? '');
  });
}
