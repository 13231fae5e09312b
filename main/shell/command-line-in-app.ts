import { spawn } from 'node:child_process';
import { app, Notification } from 'electron';
import { accountArgument } from '../cli/in-app-arguments';
import { appUserModelId } from './app-identity';
import { createElectronNotifier } from './electron-notifier';

/**
 * `"Chorus Pro Echanges.exe" --cli COMMAND …`: the command line of cli.js, unchanged, with the
 * desktop's notifications; nothing of the window is started, and the process ends with the
 * command's status.
 */
export function runCommandLineInApp(args: readonly string[]): void {
  app.setAppUserModelId(appUserModelId);
  const notifier = createElectronNotifier({
    whenReady: () => app.whenReady(),
    Notification,
    // One argument, `--account=NAME`: a name is the value of a switch, never a switch of its own.
    openAccount: (account) => {
      spawn(process.execPath, [accountArgument(account)], { detached: true, stdio: 'ignore' }).unref();
    },
    lingerMs: 2 * 60 * 1000,
    warn: (line) => process.stderr.write(`${line}\n`),
  });
  void import('../cli-commands').then(({ runCommands }) => {
    runCommands(args, { notifier, executablePath: process.execPath });
  });
}
