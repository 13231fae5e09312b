// The app as the accountant opens it: the services wired to Electron, the window, the reminders,
// the single instance.
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  Menu,
  Notification,
  protocol,
  session,
  shell,
  type IpcMainInvokeEvent,
} from 'electron';
import ElectronStore from 'electron-store';
import { channelNames } from '../../common/bridge';
import { ipcChannelOf, ipcEventOf } from '../../preload/ipc-channel';
import { createHttpTransport } from '../chorus/http-transport';
import { accountArgumentOf } from '../cli/in-app-arguments';
import { systemClock } from '../dates/clock';
import { createLogFileSink } from '../logging/log-file';
import { consoleSink, createLogger, type LogLine } from '../logging/logger';
import { machineFleetPath } from '../fleet/machine-pointer-path';
import { machineProfilePath } from '../profiles/machine-profile';
import { createKeytarSecretStore, defaultKeychainService } from '../secrets/keytar-secret-store';
import { createMainProcess } from '../ipc/main-process';
import type { SettingsFile } from '../settings/settings-schema';
import { appMenuTemplate } from './app-menu';
import { appUserModelId } from './app-identity';
import { appEntryUrl, appOrigin, appScheme, createAppProtocolHandler } from './app-protocol';
import { createElectronDesktop } from './desktop-dialogs';
import { remindInWindow } from './reminder-notifications';
import { askBeforeLosingTypedSecrets } from './unsaved-input-guard';
import { createMainWindow, hardenSession, hardenWebContents } from './window';

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
  const keychainService = process.env.CHORUS_PRO_KEYCHAIN_SERVICE ?? defaultKeychainService;

  fileSink = createLogFileSink(app.getPath('userData'));
  logger.info('app.started', { version: app.getVersion() });
  const { dispatch, allReminders, syncFleets, followMachineFleet } = createMainProcess({
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
    machineFleetPath: machineFleetPath(),
    desktop: createElectronDesktop(dialog, shell, () => mainWindow, clipboard),
    clock: systemClock,
    logger,
    appOrigin,
    ...(askedAccount === undefined ? {} : { selectAccount: askedAccount }),
  });
  // A member of a fleet takes the latest publication at start, alongside the window, never before
  // it: a share that does not answer costs the accountant nothing (the sync logs what it did).
  // The machine's pointer first: a user not yet a member joins, nothing typed. The open screen is
  // told when something changed (fleetUpdated), and reads its settings again.
  void followMachineFleet()
    .then(async (pointer) => {
      const results = await syncFleets();
      const applied = results
        .map((result) => (result.outcome.kind === 'applied' ? result.outcome.revision : undefined))
        .find((revision) => revision !== undefined);
      if (applied !== undefined || pointer.kind === 'joined')
        mainWindow?.webContents.send(ipcEventOf('fleetUpdated'), { revision: applied ?? null });
    })
    .catch(() => logger.warn('fleet.sync-at-start', { code: 'INTERNAL_ERROR' }));
  for (const name of channelNames) {
    ipcMain.handle(ipcChannelOf(name), (event, ...args: unknown[]) => dispatch(name, senderFacts(event), args));
  }

  hardenSession(session.defaultSession, appScheme);
  session.defaultSession.protocol.handle(appScheme, createAppProtocolHandler(join(__dirname, '../renderer')));

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate((command) => mainWindow?.webContents.send(ipcEventOf('menuCommand'), { command })),
    ),
  );
  const window = createMainWindow(BrowserWindow, join(__dirname, '../preload/index.js'));
  mainWindow = window;
  window.once('ready-to-show', () => window.show());
  window.webContents.once('did-finish-load', () => remindInWindow(window, Notification, allReminders, logger));
  askBeforeLosingTypedSecrets(window, dialog);
  window.on('closed', () => {
    mainWindow = undefined;
  });
  void window.loadURL(appEntryUrl);
}

export function startWindowedApp(): void {
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
