import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, Notification, session } from 'electron';
import { accountArgument } from '../cli/in-app-arguments';
import { appUserModelId } from './app-identity';
import { createElectronNotifier } from './electron-notifier';
import { askSecretInWindow } from './secret-prompt-window';

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
      // '' is a notice about no one account (the publisher's fleet report): the app opens as it is.
      spawn(process.execPath, account === '' ? [] : [accountArgument(account)], {
        detached: true,
        stdio: 'ignore',
      }).unref();
    },
    lingerMs: 2 * 60 * 1000,
    warn: (line) => process.stderr.write(`${line}\n`),
  });
  // A secret window that closes must not end the command (Electron quits when its last window
  // closes and nobody listens): the command ends the process itself, with its status.
  app.on('window-all-closed', () => undefined);
  const askSecret = (label: string) =>
    askSecretInWindow(
      { app, BrowserWindow, ipcMain, session: () => session.defaultSession },
      join(__dirname, '../preload/secret-prompt.js'),
      label,
    );
  void import('../cli-commands').then(({ runCommands }) => {
    runCommands(args, { notifier, executablePath: process.execPath, askSecret });
  });
}
