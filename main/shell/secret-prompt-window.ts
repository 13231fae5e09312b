import type { App, BrowserWindow as ElectronBrowserWindow, IpcMain, IpcMainInvokeEvent, Session } from 'electron';
import { z } from 'zod';
import { AppError } from '../failures/errors';
import { secretPromptChannel, secretPromptUrl } from './secret-prompt-page';

/** What the window needs of Electron: given as arguments, so that this file runs under Node in tests. */
export interface SecretPromptElectron {
  readonly app: Pick<App, 'whenReady'>;
  readonly BrowserWindow: typeof ElectronBrowserWindow;
  readonly ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  readonly session: () => Session;
}

const answerSchema = z.union([
  z.object({ secret: z.string().max(10_000) }).strict(),
  z.object({ cancelled: z.literal(true) }).strict(),
]);

/** How long the window waits for someone to type: a task run with nobody there must still end. */
export const secretPromptWaitMs = 5 * 60 * 1000;

/**
 * The window, Electron's checklist written out at the construction site as main/shell/window.ts
 * does (not shared with it: electronegativity reads the settings where the window is built).
 */
function createPromptWindow(
  BrowserWindow: typeof ElectronBrowserWindow,
  preloadPath: string,
  label: string,
): ElectronBrowserWindow {
  return new BrowserWindow({
    title: `Chorus Pro Echanges — ${label}`,
    width: 480,
    height: 260,
    resizable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    // Started from a console, it must not open behind it.
    alwaysOnTop: true,
    autoHideMenuBar: true,
    show: false,
    backgroundColor: '#f3f3f3',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: false,
      devTools: false,
    },
  });
}

/** Nothing leaves this window: no navigation, no new window, no permission, no request. */
function hardenPrompt(window: ElectronBrowserWindow, session: Session): void {
  const contents = window.webContents;
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // The page is a data: URL with its style inline: it has nothing to fetch.
  session.webRequest.onBeforeRequest((_details, callback) => callback({ cancel: true }));
}

/**
 * Asks for a secret in a small window of the app's own, for the installed command line when the
 * console cannot give it one (Windows: a GUI program does not receive the console's keyboard). The
 * answer comes on one channel, from this window's main frame only, checked; Abandonner, Escape,
 * closing the window or nobody typing for 5 minutes is CANCELLED.
 */
export async function askSecretInWindow(
  electron: SecretPromptElectron,
  preloadPath: string,
  label: string,
  waitMs = secretPromptWaitMs,
): Promise<string> {
  await electron.app.whenReady();
  const window = createPromptWindow(electron.BrowserWindow, preloadPath, label);
  hardenPrompt(window, electron.session());
  return new Promise<string>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      electron.ipcMain.removeHandler(secretPromptChannel);
      if (!window.isDestroyed()) window.close();
      outcome();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new AppError(
              'CANCELLED',
              `aucune saisie dans la fenêtre en ${String(Math.round(waitMs / 60_000))} minutes`,
            ),
          ),
        ),
      waitMs,
    );
    electron.ipcMain.handle(secretPromptChannel, (event: IpcMainInvokeEvent, answer: unknown) => {
      // Only this window's own page may answer.
      if (
        event.sender.id !== window.webContents.id ||
        event.senderFrame !== event.sender.mainFrame ||
        !event.senderFrame.url.startsWith('data:text/html')
      )
        return false;
      const parsed = answerSchema.safeParse(answer);
      if (!parsed.success) return false;
      const given = parsed.data;
      finish(() => ('secret' in given ? resolve(given.secret) : reject(new AppError('CANCELLED'))));
      return true;
    });
    window.on('closed', () => finish(() => reject(new AppError('CANCELLED'))));
    window.once('ready-to-show', () => {
      window.show();
      window.focus();
    });
    window
      .loadURL(secretPromptUrl(label))
      .catch(() =>
        finish(() => reject(new AppError('INTERNAL_ERROR', 'la fenêtre de saisie du secret ne s’est pas ouverte'))),
      );
  });
}
