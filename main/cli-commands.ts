// The command line's commands: the real keychain, HTTP, clock and streams around runCli.
// Loaded by cli.ts only when a command is given (its own file once built).
import { createHttpTransport } from './chorus/http-transport';
import type { Notifier } from './cli/daily-check';
import { runCli } from './cli/run-cli';
import { askAtTerminal, readSecretFromStdin, readSecretFromTerminal } from './cli/read-secret';
import { systemClock } from './dates/clock';
import { createCommandSecretStore, defaultKeychainService } from './secrets/keytar-secret-store';

const write = (stream: NodeJS.WriteStream, line: string): Promise<void> =>
  new Promise((resolve) => stream.write(`${line}\n`, () => resolve()));

/** `inApp`: what only the installed app gives the command line (`--cli`): the desktop's notifications, its own path. */
export function runCommands(args: readonly string[], inApp: { readonly notifier?: Notifier; readonly executablePath?: string } = {}): void {
  const pending: Promise<void>[] = [];
  void runCli([...args], {
    print: (line) => pending.push(write(process.stdout, line)),
    warn: (line) => pending.push(write(process.stderr, line)),
    readSecret: () => (process.stdin.isTTY ? readSecretFromTerminal(process.stdin, process.stderr) : readSecretFromStdin(process.stdin)),
    stdinIsTerminal: process.stdin.isTTY,
    ...(process.stdin.isTTY ? { confirm: (question: string) => askAtTerminal(process.stdin, process.stderr, question) } : {}),
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
