import type { BrowserWindow as ElectronBrowserWindow, Session, WebContents } from 'electron';
import { originOf } from '../ipc/origin';

export const windowTitle = 'Configuration des échanges Chorus Pro';

/**
 * Creates the main window with Electron's security checklist, every setting explicit and written
 * at the construction site, where electronegativity reads it. The class comes in as an argument
 * so that this file runs under Node in tests.
 */
export function createMainWindow(
  BrowserWindow: typeof ElectronBrowserWindow,
  preloadPath: string,
): ElectronBrowserWindow {
  return new BrowserWindow({
    title: windowTitle,
    width: 1024,
    height: 760,
    minWidth: 800,
    minHeight: 600,
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
    },
  });
}

const sameOrigin = (url: string, origin: string): boolean => originOf(url) === origin;

/**
 * Every web contents the app creates: no navigation away from the app's origin, no new window,
 * no <webview>.
 */
export function hardenWebContents(contents: WebContents, appOrigin: string): void {
  const keepInApp = (event: { preventDefault(): void }, url: string): void => {
    if (!sameOrigin(url, appOrigin)) event.preventDefault();
  };
  contents.on('will-navigate', keepInApp);
  contents.on('will-redirect', keepInApp);
  contents.on('will-frame-navigate', (event) => keepInApp(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** The app's session: every permission refused, and no request leaves for the network. */
export function hardenSession(session: Session, appScheme: string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = details.url.startsWith(`${appScheme}:`) || details.url.startsWith('devtools:');
    callback({ cancel: !allowed });
  });
}
