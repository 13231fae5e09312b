// The `electron` module the built main bundle gets in the bundle target, in place of Electron's.
// Only the members the app uses, each checked against Electron's own typings (`implements` /
// `satisfies` a Pick of the real type), so a renamed or misused API fails the typecheck. It keeps
// Electron's rules that bite outside Electron (privileged schemes before `ready`, no session before
// `ready`, one window-all-closed quit) and records every request for the specs to read.
import { EventEmitter } from 'node:events';
import { dirname, join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import type * as Electron from 'electron';
import type { MenuShape, MessageBoxShape, PrivilegedScheme, StandInConfig, StandInRecord } from './protocol';
import { acquireSingleInstanceLock } from './single-instance';

/** What the stand-in needs from the child's harness side. */
export interface StandInHost {
  readonly config: StandInConfig;
  record(record: StandInRecord): void;
  /** Serves `origin` (`app://chorus`) on loopback through the scheme's registered handler; returns the loopback origin. */
  serve(origin: string, handler: ProtocolHandler, filter: () => BeforeRequestListener | undefined): Promise<string>;
}

export type ProtocolHandler = (request: Request) => Response | Promise<Response>;
export type BeforeRequestListener = (
  details: Electron.OnBeforeRequestListenerDetails,
  callback: (response: Electron.CallbackResponse) => void,
) => void;

interface AppManifest {
  readonly name: string;
  readonly productName?: string;
  readonly version: string;
}

/** Electron reads the name and version from the app's package.json, the one beside its entry. */
function readAppManifest(entry: string): AppManifest {
  for (let folder = dirname(entry); ; folder = dirname(folder)) {
    const file = join(folder, 'package.json');
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as AppManifest;
    if (dirname(folder) === folder) throw new Error(`package.json introuvable au-dessus de ${entry}`);
  }
}

const electronEvent = (): Electron.Event & { readonly defaultPrevented: boolean } => {
  let prevented = false;
  return {
    preventDefault: () => {
      prevented = true;
    },
    get defaultPrevented() {
      return prevented;
    },
  };
};

function menuShape(items: readonly Electron.MenuItemConstructorOptions[]): MenuShape[] {
  return items.map((item) => ({
    ...(item.label === undefined ? {} : { label: item.label }),
    ...(item.role === undefined ? {} : { role: item.role }),
    ...(item.type === undefined ? {} : { type: item.type }),
    ...(Array.isArray(item.submenu) ? { submenu: menuShape(item.submenu) } : {}),
  }));
}

/** Only data crosses to the test process: functions in options are named, not sent. */
function dataOf(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'function' ? '[function]' : inner)),
  ) as unknown;
}

export function createElectronStandIn(host: StandInHost, entry: string) {
  const manifest = readAppManifest(entry);
  const paths = new Map<string, string>();
  let ready = false;
  let quitting = false;
  const privileged: PrivilegedScheme[] = [];

  /** Only `appendSwitch` is used by the app; the rest answers as an empty command line would. */
  class StandInCommandLine implements Pick<
    Electron.CommandLine,
    'appendSwitch' | 'appendArgument' | 'hasSwitch' | 'getSwitchValue' | 'removeSwitch'
  > {
    appendSwitch(name: string, value?: string): void {
      if (ready) throw new Error(`app.commandLine.appendSwitch('${name}') après ready : Chromium l'ignorerait`);
      host.record({ kind: 'command-line-switch', name, value });
    }
    appendArgument(): void {
      throw new Error("app.commandLine.appendArgument n'est pas utilisé par l'application");
    }
    hasSwitch(): boolean {
      return false;
    }
    getSwitchValue(): string {
      return '';
    }
    removeSwitch(): void {
      throw new Error("app.commandLine.removeSwitch n'est pas utilisé par l'application");
    }
  }

  class StandInApp
    extends EventEmitter
    implements
      Pick<
        Electron.App,
        | 'getName'
        | 'getVersion'
        | 'getPath'
        | 'setPath'
        | 'setAppUserModelId'
        | 'requestSingleInstanceLock'
        | 'quit'
        | 'whenReady'
        | 'isReady'
        | 'commandLine'
      >
  {
    // Switches for Chromium: recorded (the harness starts its Chromium with the same language).
    readonly commandLine = new StandInCommandLine();
    getName(): string {
      return manifest.productName ?? manifest.name;
    }
    getVersion(): string {
      return manifest.version;
    }
    getPath(name: Parameters<Electron.App['getPath']>[0]): string {
      const path = paths.get(name);
      if (path === undefined)
        throw new Error(`app.getPath('${name}') : chemin non défini dans le remplaçant d'Electron`);
      return path;
    }
    setPath(name: string, path: string): void {
      if (ready && name === 'userData')
        throw new Error("app.setPath('userData') après ready : Electron l'ignorerait en partie");
      paths.set(name, path);
    }
    setAppUserModelId(id: string): void {
      host.record({ kind: 'app-user-model-id', id });
    }
    requestSingleInstanceLock(): boolean {
      const granted = acquireSingleInstanceLock(this.getPath('userData'), (argv, workingDirectory) => {
        this.emit('second-instance', electronEvent(), argv, workingDirectory, {});
      });
      host.record({ kind: 'single-instance-lock', granted });
      return granted;
    }
    quit(): void {
      if (quitting) return;
      const beforeQuit = electronEvent();
      this.emit('before-quit', beforeQuit);
      if (beforeQuit.defaultPrevented) return;
      quitting = true;
      host.record({ kind: 'quit' });
      setImmediate(() => {
        this.emit('will-quit', electronEvent());
        this.emit('quit', electronEvent(), 0);
        process.exit(0);
      });
    }
    whenReady(): Promise<void> {
      return ready ? Promise.resolve() : new Promise((resolve) => this.once('ready', () => resolve()));
    }
    isReady(): boolean {
      return ready;
    }
  }
  const app = new StandInApp();
  // Electron's default: <appData>/<name>; the app (or a test) may point it elsewhere before ready.
  paths.set(
    'userData',
    join(process.env.XDG_CONFIG_HOME ?? join(process.env.HOME ?? '/tmp', '.config'), app.getName()),
  );

  const invokeHandlers = new Map<string, (event: Electron.IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
  class StandInIpcMain extends EventEmitter implements Pick<Electron.IpcMain, 'handle' | 'removeHandler'> {
    handle(channel: string, listener: (event: Electron.IpcMainInvokeEvent, ...args: unknown[]) => unknown): void {
      // Electron refuses a second handler for one channel.
      if (invokeHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      invokeHandlers.set(channel, listener);
      host.record({ kind: 'ipc-handle', channel });
    }
    removeHandler(channel: string): void {
      invokeHandlers.delete(channel);
    }
    override on(channel: string | symbol, listener: (...args: unknown[]) => void): this {
      host.record({ kind: 'ipc-on', channel: String(channel) });
      return super.on(channel, listener);
    }
  }
  const ipcMain = new StandInIpcMain();

  const protocolHandlers = new Map<string, ProtocolHandler>();
  const protocol = {
    registerSchemesAsPrivileged(schemes: Electron.CustomScheme[]): void {
      // Electron applies privileges at start-up only: after ready they are silently missing.
      if (ready)
        throw new Error('protocol.registerSchemesAsPrivileged doit être appelé avant que app soit prêt (ready)');
      for (const { scheme, privileges = {} } of schemes) privileged.push({ scheme, privileges: { ...privileges } });
      host.record({ kind: 'privileged-schemes', schemes: privileged.map((entry) => ({ ...entry })) });
    },
  } satisfies Pick<Electron.Protocol, 'registerSchemesAsPrivileged'>;

  let beforeRequest: BeforeRequestListener | undefined;
  class StandInWebRequest implements Pick<Electron.WebRequest, 'onBeforeRequest'> {
    onBeforeRequest(
      filterOrListener: Electron.WebRequestFilter | BeforeRequestListener | null,
      listener?: BeforeRequestListener | null,
    ): void {
      beforeRequest = (typeof filterOrListener === 'function' ? filterOrListener : listener) ?? undefined;
      sessionCall('webRequest.onBeforeRequest');
    }
  }
  const sessionCall = (call: string) => host.record({ kind: 'session', call });
  class StandInSession implements Pick<
    Electron.Session,
    'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'resolveProxy'
  > {
    readonly webRequest = new StandInWebRequest();
    readonly protocol = {
      handle: (scheme: string, handler: ProtocolHandler): void => {
        if (protocolHandlers.has(scheme))
          throw new Error(`protocol.handle : le schéma « ${scheme} » a déjà un gestionnaire`);
        protocolHandlers.set(scheme, handler);
        host.record({ kind: 'protocol-handler', scheme });
      },
      isProtocolHandled: (scheme: string): boolean => protocolHandlers.has(scheme),
    } satisfies Pick<Electron.Protocol, 'handle' | 'isProtocolHandled'>;
    setPermissionRequestHandler(): void {
      sessionCall('setPermissionRequestHandler');
    }
    setPermissionCheckHandler(): void {
      sessionCall('setPermissionCheckHandler');
    }
    setDevicePermissionHandler(): void {
      sessionCall('setDevicePermissionHandler');
    }
    resolveProxy(): Promise<string> {
      // What Chromium answers on a machine without a proxy.
      return Promise.resolve('DIRECT');
    }
  }
  let defaultSession: StandInSession | undefined;
  const session = {
    get defaultSession(): StandInSession {
      if (!ready) throw new Error('session.defaultSession ne peut être lu qu’une fois app prêt (ready)');
      defaultSession ??= new StandInSession();
      return defaultSession;
    },
  };

  let nextWebContentsId = 1;
  class StandInFrame implements Pick<Electron.WebFrameMain, 'url'> {
    constructor(public url: string) {}
  }
  class StandInWebContents
    extends EventEmitter
    implements Pick<Electron.WebContents, 'id' | 'send' | 'setWindowOpenHandler' | 'getURL'>
  {
    readonly id = nextWebContentsId++;
    readonly mainFrame = new StandInFrame('');
    windowOpenHandler: ((details: Electron.HandlerDetails) => Electron.WindowOpenHandlerResponse) | undefined;
    send(channel: string, ...args: unknown[]): void {
      host.record({ kind: 'send', channel, args });
    }
    setWindowOpenHandler(handler: (details: Electron.HandlerDetails) => Electron.WindowOpenHandlerResponse): void {
      this.windowOpenHandler = handler;
      host.record({ kind: 'web-contents', call: 'setWindowOpenHandler' });
    }
    getURL(): string {
      return this.mainFrame.url;
    }
    override on(eventName: string | symbol, listener: (...args: unknown[]) => void): this {
      host.record({ kind: 'web-contents', call: `on:${String(eventName)}` });
      return super.on(eventName, listener);
    }
  }

  const windows: StandInBrowserWindow[] = [];
  class StandInBrowserWindow
    extends EventEmitter
    implements
      Pick<Electron.BrowserWindow, 'show' | 'focus' | 'restore' | 'isMinimized' | 'loadURL' | 'isDestroyed' | 'close'>
  {
    readonly webContents = new StandInWebContents();
    readonly options: Electron.BrowserWindowConstructorOptions;
    private destroyed = false;
    constructor(options: Electron.BrowserWindowConstructorOptions = {}) {
      super();
      if (!ready) throw new Error('BrowserWindow ne peut être créée qu’une fois app prêt (ready)');
      this.options = options;
      windows.push(this);
      host.record({ kind: 'window', options: dataOf(options) });
      app.emit('web-contents-created', electronEvent(), this.webContents);
      app.emit('browser-window-created', electronEvent(), this);
    }
    show(): void {
      host.record({ kind: 'window-call', call: 'show' });
    }
    focus(): void {
      host.record({ kind: 'window-call', call: 'focus' });
    }
    restore(): void {
      host.record({ kind: 'window-call', call: 'restore' });
    }
    isMinimized(): boolean {
      return false;
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    /** The app closes its window (the installed command line's secret window, once answered). */
    close(): void {
      if (this.destroyed) return;
      host.record({ kind: 'window-call', call: 'close' });
      this.markClosed();
    }
    async loadURL(url: string): Promise<void> {
      // A page given whole (the secret window's data: URL): nothing to serve, the harness opens it as it is.
      if (url.startsWith('data:')) {
        host.record({ kind: 'load-url', url, servedAt: url });
        return;
      }
      const { protocol: scheme, origin, host: urlHost } = new URL(url);
      const name = scheme.slice(0, -1);
      const handler = protocolHandlers.get(name);
      if (!handler) throw new Error(`loadURL(${url}) : aucun gestionnaire pour le schéma « ${name} »`);
      const privileges = privileged.find((entry) => entry.scheme === name)?.privileges ?? {};
      // A module script from a custom scheme loads only if the scheme is standard and secure.
      if (privileges.standard !== true || privileges.secure !== true) {
        throw new Error(`loadURL(${url}) : le schéma « ${name} » n’est pas déclaré standard et sûr avant ready`);
      }
      const appOrigin = origin === 'null' ? `${scheme}//${urlHost}` : origin;
      const servedAt = await host.serve(appOrigin, handler, () => beforeRequest);
      host.record({ kind: 'load-url', url, servedAt });
    }
    /** The harness: the page is gone (the user closed the window). */
    markClosed(): void {
      this.destroyed = true;
      const closing = electronEvent();
      this.emit('close', closing);
      this.emit('closed');
      this.webContents.emit('destroyed');
      windows.splice(windows.indexOf(this), 1);
      if (windows.length === 0) {
        // Electron quits by itself when nobody listens to window-all-closed.
        if (app.listenerCount('window-all-closed') === 0) app.quit();
        else app.emit('window-all-closed');
      }
    }
  }

  class StandInMenuItem {
    readonly label: string;
    readonly submenu: StandInMenu | undefined;
    readonly click:
      ((item: StandInMenuItem, window: StandInBrowserWindow | undefined, event: KeyboardEvent) => void) | undefined;
    constructor(options: Electron.MenuItemConstructorOptions) {
      this.label = options.label ?? '';
      this.submenu = Array.isArray(options.submenu) ? new StandInMenu(options.submenu) : undefined;
      const click = options.click as
        ((item: StandInMenuItem, window: StandInBrowserWindow | undefined, event: KeyboardEvent) => void) | undefined;
      this.click = click;
    }
  }
  class StandInMenu {
    readonly items: StandInMenuItem[];
    constructor(template: readonly Electron.MenuItemConstructorOptions[] = []) {
      this.items = template.map((item) => new StandInMenuItem(item));
    }
  }
  let applicationMenu: StandInMenu | null = null;
  const Menu = {
    buildFromTemplate(template: (Electron.MenuItemConstructorOptions | Electron.MenuItem)[]): Electron.Menu {
      // The app builds from plain templates; only menus built here ever reach setApplicationMenu.
      const options = template as Electron.MenuItemConstructorOptions[];
      host.record({ kind: 'menu', template: menuShape(options) });
      return new StandInMenu(options) as unknown as Electron.Menu;
    },
    setApplicationMenu(menu: Electron.Menu | null): void {
      applicationMenu = menu as unknown as StandInMenu | null;
    },
    getApplicationMenu(): Electron.Menu | null {
      return applicationMenu as unknown as Electron.Menu | null;
    },
  } satisfies Pick<typeof Electron.Menu, 'buildFromTemplate' | 'setApplicationMenu' | 'getApplicationMenu'>;

  const notifications: StandInNotification[] = [];
  class StandInNotification extends EventEmitter implements Pick<Electron.Notification, 'show' | 'title' | 'body'> {
    title: string;
    body: string;
    constructor(options: Electron.NotificationConstructorOptions = {}) {
      super();
      this.title = options.title ?? '';
      this.body = options.body ?? '';
    }
    show(): void {
      notifications.push(this);
      host.record({ kind: 'notification', title: this.title, body: this.body });
    }
    static isSupported(): boolean {
      return true;
    }
  }

  const messageBoxResponse = (options: Electron.MessageBoxSyncOptions): number => {
    const wanted = host.config.messageBoxButton;
    const index = wanted === undefined ? -1 : (options.buttons ?? []).indexOf(wanted);
    if (wanted !== undefined && index < 0) throw new Error(`Boîte de message sans bouton « ${wanted} »`);
    return index >= 0 ? index : (options.cancelId ?? 0);
  };
  const fileDialog = (kind: 'open' | 'save', options: { title?: string }, answer: string | undefined) => {
    host.record({ kind: 'file-dialog', dialog: kind, title: options.title ?? '', answer });
  };
  const optionsOf = <T>(first: unknown, second: T | undefined): T => (second ?? first) as T;
  const dialog = {
    showOpenDialog(
      first: Electron.BaseWindow | Electron.OpenDialogOptions,
      second?: Electron.OpenDialogOptions,
    ): Promise<Electron.OpenDialogReturnValue> {
      const answer = host.config.fileToChoose;
      fileDialog('open', optionsOf(first, second), answer);
      return Promise.resolve({ canceled: answer === undefined, filePaths: answer === undefined ? [] : [answer] });
    },
    showSaveDialog(
      first: Electron.BaseWindow | Electron.SaveDialogOptions,
      second?: Electron.SaveDialogOptions,
    ): Promise<Electron.SaveDialogReturnValue> {
      const answer = host.config.fileToSave;
      fileDialog('save', optionsOf(first, second), answer);
      return Promise.resolve({ canceled: answer === undefined, filePath: answer ?? '' });
    },
    showMessageBox(
      first: Electron.BaseWindow | Electron.MessageBoxOptions,
      second?: Electron.MessageBoxOptions,
    ): Promise<Electron.MessageBoxReturnValue> {
      const options = optionsOf<Electron.MessageBoxOptions>(first, second);
      const response = messageBoxResponse(options);
      host.record({ kind: 'message-box', options: dataOf(options) as MessageBoxShape, response });
      return Promise.resolve({ response, checkboxChecked: false });
    },
    showMessageBoxSync(
      first: Electron.BaseWindow | Electron.MessageBoxSyncOptions,
      second?: Electron.MessageBoxSyncOptions,
    ): number {
      const options = optionsOf<Electron.MessageBoxSyncOptions>(first, second);
      const response = messageBoxResponse(options);
      host.record({ kind: 'message-box', options: dataOf(options) as MessageBoxShape, response });
      return response;
    },
    showErrorBox(title: string, content: string): void {
      host.record({ kind: 'error-box', title, content });
    },
  } satisfies Pick<
    Electron.Dialog,
    'showOpenDialog' | 'showSaveDialog' | 'showMessageBox' | 'showMessageBoxSync' | 'showErrorBox'
  >;

  const shell = {
    openPath(path: string): Promise<string> {
      host.record({ kind: 'open-path', path });
      return Promise.resolve('');
    },
  } satisfies Pick<Electron.Shell, 'openPath'>;

  // Electron's clipboard is the shell's alone (main/shell/secret-clipboard.ts): one text, recorded.
  let clipboardText = '';
  const clipboard = {
    writeText(text: string): Promise<void> {
      clipboardText = text;
      host.record({ kind: 'clipboard', call: 'writeText', text });
      return Promise.resolve();
    },
    readText(): Promise<string> {
      host.record({ kind: 'clipboard', call: 'readText' });
      return Promise.resolve(clipboardText);
    },
    clear(): void {
      clipboardText = '';
      host.record({ kind: 'clipboard', call: 'clear' });
    },
  } satisfies Pick<Electron.Clipboard, 'writeText' | 'readText' | 'clear'>;

  // The constructors and statics the app calls, against Electron's.
  StandInBrowserWindow satisfies new (options?: Electron.BrowserWindowConstructorOptions) => unknown;
  StandInNotification satisfies (new (options?: Electron.NotificationConstructorOptions) => unknown) &
    Pick<typeof Electron.Notification, 'isSupported'>;

  const module = {
    app,
    BrowserWindow: StandInBrowserWindow,
    ipcMain,
    protocol,
    session,
    dialog,
    Menu,
    Notification: StandInNotification,
    shell,
    clipboard,
  };

  /** What the harness side of the child drives: Electron's own events and the user's clicks. */
  const control = {
    becomeReady(): void {
      ready = true;
      app.emit('will-finish-launching');
      app.emit('ready', electronEvent(), {});
    },
    mainWindow(): StandInBrowserWindow {
      const window = windows[0];
      if (!window) throw new Error('L’application n’a ouvert aucune fenêtre');
      return window;
    },
    invokeHandler(channel: string) {
      return invokeHandlers.get(channel);
    },
    eventFor(
      window: StandInBrowserWindow,
      fromAppWindow: boolean,
      frameUrl: string,
      isMainFrame: boolean,
    ): Electron.IpcMainInvokeEvent {
      const sender = fromAppWindow ? window.webContents : new StandInWebContents();
      sender.mainFrame.url = isMainFrame ? frameUrl : sender.mainFrame.url;
      const senderFrame = isMainFrame ? sender.mainFrame : new StandInFrame(frameUrl);
      return {
        sender,
        senderFrame,
        frameId: isMainFrame ? 1 : 2,
        processId: 1,
        type: 'frame',
      } as unknown as Electron.IpcMainInvokeEvent;
    },
    clickMenuItem(label: string): void {
      const items = applicationMenu?.items.flatMap((menu) => menu.submenu?.items ?? []) ?? [];
      const item = items.find((candidate) => candidate.label === label);
      if (!item?.click) throw new Error(`Aucun élément de menu « ${label} »`);
      item.click(item, windows[0], {} as KeyboardEvent);
    },
    clickNotification(index: number): void {
      const notification = notifications[index];
      if (!notification) throw new Error(`Aucune notification n° ${index}`);
      notification.emit('click', electronEvent());
    },
    closeNotification(index: number): void {
      const notification = notifications[index];
      if (!notification) throw new Error(`Aucune notification n° ${index}`);
      notification.emit('close', electronEvent());
    },
  };
  return { module, control };
}

export type ElectronStandIn = ReturnType<typeof createElectronStandIn>;
