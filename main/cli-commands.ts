// The command line's commands: the real keychain, HTTP, clock and streams around runCli.
// Loaded by cli.ts only when a command is given (its own file once built).
import { createHttpTransport } from './chorus/http-transport';
import type { Notifier } from './daily-check/notices';
import { runCli } from './cli/run-cli';
import { askAtTerminal, readSecretFromStdin, readSecretFromTerminal } from './cli/read-secret';
import { standardInputKind } from './cli/standard-input';
import { systemClock } from './dates/clock';
import { createCommandSecretStore, defaultKeychainService } from './secrets/keytar-secret-store';

const write = (stream: NodeJS.WriteStream, line: string): Promise<void> =>
  new Promise((resolve) => stream.write(`${line}\n`, () => resolve()));

/** What only the installed app gives the command line (`--cli`). */
export interface InApp {
  /** The desktop's notifications. */
  readonly notifier?: Notifier;
  /** Its own path, for the task it registers. */
  readonly executablePath?: string;
  /** A secret asked in a window of its own, when the console cannot hand one to a GUI program. */
  readonly askSecret?: (label: string) => Promise<string>;
}

/**
 * Where a secret comes from: what is piped or redirected in, always; else a terminal someone
 * types in; else, in the installed app, its own window. On Windows the installed app is a GUI
 * program: the console's keyboard input does not reach it (electron/electron PR 5776), so a
 * console, like no input at all, means the window there.
 */
function secretSource(inApp: InApp): 'stdin' | 'terminal' | 'window' {
  const kind = standardInputKind(process.stdin);
  if (kind === 'data') return 'stdin';
  if (inApp.askSecret !== undefined && (kind === 'none' || process.platform === 'win32')) return 'window';
  return kind === 'terminal' ? 'terminal' : 'stdin';
}

export function runCommands(args: readonly string[], inApp: InApp = {}): void {
  const pending: Promise<void>[] = [];
  const source = secretSource(inApp);
  const { askSecret } = inApp;
  void runCli([...args], {
    print: (line) => pending.push(write(process.stdout, line)),
    warn: (line) => pending.push(write(process.stderr, line)),
    readSecret: (label) =>
      source === 'window' && askSecret
        ? askSecret(label)
        : source === 'terminal'
          ? readSecretFromTerminal(process.stdin, process.stderr)
          : readSecretFromStdin(process.stdin),
    stdinIsTerminal: source === 'terminal',
    ...(source === 'window' ? { secretsInWindow: true } : {}),
    ...(source === 'terminal'
      ? { confirm: (question: string) => askAtTerminal(process.stdin, process.stderr, question) }
      : {}),
    env: process.env,
    secretsFor: (env) => createCommandSecretStore(env.CHORUS_PRO_KEYCHAIN_SERVICE ?? defaultKeychainService),
    send: createHttpTransport(),
    clock: systemClock,
    ...(inApp.notifier ? { notifier: inApp.notifier } : {}),
    ...(inApp.executablePath ? { executablePath: inApp.executablePath } : {}),
  }).then(async (status) => {
    await Promise.all(pending);
    await inApp.notifier?.settled();
    // Keep-alive sockets would hold the process open: the work is done, leave now.
    process.exit(status);
  });
}
