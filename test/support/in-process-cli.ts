import { createHttpTransport } from '../../main/chorus/http-transport';
import type { CliEnvironment } from '../../main/cli/command';
import { runCli } from '../../main/cli/run-cli';
import type { Clock } from '../../main/dates/clock';
import { createKeytarSecretStore } from '../../main/secrets/keytar-secret-store';

export interface InProcessRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The one JSON line of `--json`, parsed; empty when the output is not exactly one. */
  readonly json: Record<string, unknown>;
}

/**
 * The command line in the test's own process, over the real keychain (the namespace `keychain()`
 * names at each call) and HTTP, on a fixed clock, reading `stdin` as the secret; `environment`
 * adds or replaces what a test needs (a notifier, a schtasks runner, a platform).
 */
export function inProcessCli(keychain: () => string, clock: Clock, environment: Partial<CliEnvironment> = {}) {
  return async (
    args: readonly string[],
    options: { readonly stdin?: string } & Partial<CliEnvironment> = {},
  ): Promise<InProcessRun> => {
    const out: string[] = [];
    const err: string[] = [];
    const { stdin, ...more } = options;
    const status = await runCli(args, {
      print: (line) => out.push(line),
      warn: (line) => err.push(line),
      readSecret: () => Promise.resolve(stdin ?? ''),
      stdinIsTerminal: false,
      env: { ...process.env, CHORUS_PRO_MACHINE_PROFILE: '/nonexistent/profil.json' },
      secretsFor: () => createKeytarSecretStore(keychain()),
      send: createHttpTransport(),
      clock,
      ...environment,
      ...more,
    });
    return {
      status,
      stdout: out.join('\n'),
      stderr: err.join('\n'),
      json: (out.length === 1 && out[0]?.startsWith('{') ? JSON.parse(out[0]) : {}) as Record<string, unknown>,
    };
  };
}
