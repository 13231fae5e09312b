// The only file that wires the main-process services to Electron.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, protocol, session, shell, type IpcMainInvokeEvent } from 'electron';
import ElectronStore from 'electron-store';
import { channelNames } from '../preload/contract';
import { ipcChannelOf, ipcEventOf } from '../preload/ipc-channel';
import { appMenuTemplate } from './shell/app-menu';
import { appEntryUrl, appOrigin, appScheme, createAppProtocolHandler } from './shell/app-protocol';
import { createHttpTransport } from './chorus/http-transport';
import { createElectronNotifier } from './shell/electron-notifier';
import { accountArgumentOf, cliArgumentsOf } from './cli/in-app-arguments';
import { systemClock } from './dates/clock';
import { createLogFileSink } from './logging/log-file';
import { consoleSink, createLogger, type LogLine } from './logging/logger';
import { createKeytarSecretStore, defaultKeychainService } from './secrets/keytar-secret-store';
import { machineProfilePath } from './profiles/machine-profile';
import { reminderNotificationText } from './reminder/reminder-message';
import { startReminderSchedule } from './reminder/reminder-schedule';
import { createMainProcess } from './services';
import type { SettingsFile } from './settings/settings-schema';
import { createMainWindow, hardenSession, hardenWebContents } from './shell/window';

const keychainService = process.env.CHORUS_PRO_KEYCHAIN_SERVICE ?? defaultKeychainService;
// Windows shows notifications under this identity (the installer's appId).
const appUserModelId = 'fr.collectivites.chorus-pro-echanges';

// The console for development, the support log file for the finance office's IT department.
let fileSink: ((line: LogLine) => void) | undefined;
const logger = createLogger((line) => {
  consoleSink(line);
  fileSink?.(line);
});
let mainWindow: BrowserWindow | undefined;

function senderFacts(event: IpcMainInvokeEvent) {
  const frame = event.senderFrame;
  return {
    frameUrl: frame?.url ?? '',
    isMainFrame: frame !== null && frame === event.sender.mainFrame,
    isAppWindow: mainWindow !== undefined && event.sender.id === mainWindow.webContents.id,
  };
}

function start(): void {
  // A notification's click (the daily check) starts the app on the account it named.
  const askedAccount = accountArgumentOf(process.argv);

  fileSink = createLogFileSink(app.getPath('userData'));
  logger.info('app.started', { version: app.getVersion() });
  const { dispatch, allReminders } = createMainProcess({
    appInfo: {
      name: app.getName(),
      version: app.getVersion(),
      electronVersion: process.versions.electron,
      chromeVersion: process.versions.chrome,
      userDataDir: app.getPath('userData'),
    },
    userDataDir: app.getPath('userData'),
    openSettingsBackend: (options) => new ElectronStore<SettingsFile>(options),
    secrets: createKeytarSecretStore(keychainService),
    send: createHttpTransport(),
    resolveSystemProxy: (url) => session.defaultSession.resolveProxy(url),
    machineProfilePath: machineProfilePath(),
    desktop: {
      chooseFile: async (purpose) => {
        const options =
          purpose === 'ca-certificate'
            ? { title: "Certificat de l'autorité de votre réseau", properties: ['openFile' as const], filters: [{ name: 'Certificat (PEM)', extensions: ['pem', 'crt', 'cer'] }] }
            : { title: 'Importer un profil de déploiement', properties: ['openFile' as const], filters: [{ name: 'Profil (JSON)', extensions: ['json'] }] };
        const choice = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
        return choice.canceled ? undefined : choice.filePaths[0];
      },
      chooseSaveFile: async (defaultName) => {
        const options = { title: 'Exporter le profil de déploiement', defaultPath: defaultName, filters: [{ name: 'Profil (JSON)', extensions: ['json'] }] };
        const choice = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
        return choice.canceled ? undefined : choice.filePath;
      },
      openFolder: async (path) => {
        await shell.openPath(path);
      },
      confirmNewHost: async ({ host, role, account }) => {
        const options = {
          type: 'question' as const,
          title: 'Chorus Pro Echanges',
          message: `Première connexion à ${host}`,
          detail: `Le compte « ${account} » va envoyer ses identifiants à ${host} (${role}), une adresse qui n'est ni celle de Chorus Pro (PISTE) ni une adresse que vous avez déjà confirmée. Autorisez-la seulement si c'est bien l'adresse indiquée par votre service informatique.`,
          buttons: ['Autoriser', 'Ne pas envoyer'],
          defaultId: 1,
          cancelId: 1,
        };
        const choice = mainWindow ? await dialog.showMessageBox(mainWindow, options) : await dialog.showMessageBox(options);
        return choice.response === 0;
      },
    },
    clock: systemClock,
    logger,
    appOrigin,
    ...(askedAccount === undefined ? {} : { selectAccount: askedAccount }),
  });
  for (const name of channelNames) {
    ipcMain.handle(ipcChannelOf(name), (event, ...args: unknown[]) => dispatch(name, senderFacts(event), args));
  }

  hardenSession(session.defaultSession, appScheme);
  session.defaultSession.protocol.handle(appScheme, createAppProtocolHandler(join(__dirname, '../renderer')));

  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate((command) => mainWindow?.webContents.send(ipcEventOf('menuCommand'), { command }))));
  const window = createMainWindow(BrowserWindow, join(__dirname, '../preload/index.js'));
  mainWindow = window;
  window.once('ready-to-show', () => window.show());
  window.webContents.once('did-finish-load', () => {
    const stopReminders = startReminderSchedule({
      reminders: allReminders,
      logger,
      every: (milliseconds, task) => {
        const timer = setInterval(task, milliseconds);
        return () => clearInterval(timer);
      },
      notify: (reminder, accountName) => {
        window.webContents.send(ipcEventOf('passwordReminder'), reminder);
        if (!reminder.known || !Notification.isSupported()) return;
        const notification = new Notification({ title: 'Chorus Pro Echanges', body: reminderNotificationText(reminder, accountName) });
        notification.on('click', () => {
          if (window.isMinimized()) window.restore();
          window.show();
          window.focus();
        });
        notification.show();
      },
    });
    window.once('closed', stopReminders);
  });
  // The page refuses to unload while a typed secret is not saved: ask, as Windows programs do.
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'warning',
      title: 'Chorus Pro Echanges',
      message: "Un mot de passe ou un secret saisi n'a pas encore été enregistré.",
      detail: 'Si vous fermez maintenant, la saisie sera perdue. Pour la conserver, restez et cliquez sur « Test de connexion » ou « Enregistrer le secret ».',
      buttons: ['Fermer sans enregistrer', 'Rester'],
      defaultId: 1,
      cancelId: 1,
    });
    if (choice === 0) event.preventDefault();
  });
  window.on('closed', () => {
    mainWindow = undefined;
  });
  void window.loadURL(appEntryUrl);
}

/** The window, the tray of reminders, the single instance: the app as the accountant opens it. */
function startWindowedApp(): void {
  // Tests and IT scripts may point the app at another profile folder and keychain namespace.
  const userDataOverride = process.env.CHORUS_PRO_USER_DATA_DIR;
  if (userDataOverride) app.setPath('userData', userDataOverride);
  // The screen is French whatever the system's language: Chromium's own controls (the date field's
  // jj/mm/aaaa, its calendar) follow this, not the page's lang attribute.
  app.commandLine.appendSwitch('lang', 'fr-FR');

  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  ]);

  app.setAppUserModelId(appUserModelId);

  if (!app.requestSingleInstanceLock()) {
    app.quit();
  } else {
    app.on('second-instance', () => {
      if (!mainWindow) return;
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    });
    app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appOrigin));
    app.on('window-all-closed', () => app.quit());
    app
      .whenReady()
      .then(start)
      .catch((error: unknown) => {
        logger.error('app.start-failed', { error: error instanceof Error ? error.name : typeof error });
        dialog.showErrorBox(
          'Chorus Pro Echanges',
          "L'application n'a pas pu démarrer. Redémarrez-la ; si le problème persiste, contactez votre service informatique.",
        );
        app.quit();
      });
  }
}

/**
 * `"Chorus Pro Echanges.exe" --cli COMMAND …`: the command line of cli.js, unchanged, with the
 * desktop's notifications; nothing of the window is started, and the process ends with the
 * command's status.
 */
function runCommandLineInApp(args: readonly string[]): void {
  app.setAppUserModelId(appUserModelId);
  const notifier = createElectronNotifier({
    whenReady: () => app.whenReady(),
    Notification,
    openAccount: (account) => {
      spawn(process.execPath, ['--account', account], { detached: true, stdio: 'ignore' }).unref();
    },
    lingerMs: 2 * 60 * 1000,
    warn: (line) => process.stderr.write(`${line}\n`),
  });
  void import('./cli-commands').then(({ runCommands }) => {
    runCommands(args, { notifier, executablePath: process.execPath });
  });
}

const cliArguments = cliArgumentsOf(process.argv);
if (cliArguments === undefined) startWindowedApp();
else runCommandLineInApp(cliArguments);
