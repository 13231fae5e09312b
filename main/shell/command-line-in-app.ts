import { spawn } from 'node:child_process';
import { app, Notification } from 'electron';
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
    openAccount: (account) => {
      // '' is a notice about no one account (the publisher's fleet report): the app opens as it is.
      spawn(process.execPath, account === '' ? [] : ['--account', account], { detached: true, stdio: 'ignore' }).unref();
    },
    lingerMs: 2 * 60 * 1000,
    warn: (line) => process.stderr.write(`${line}\n`),
  });
  void import('../cli-commands').then(({ runCommands }) => {
    runCommands(args, { notifier, executablePath: process.execPath });
  });
}
