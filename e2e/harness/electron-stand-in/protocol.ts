// What the test process and the app's main process (a Node child running dist/main/index.js with
// the stand-in for `electron`) say to each other. Internal to the harness: both ends are ours.

/** What the app asked of Electron, in the order it asked. Only data: functions stay in the child. */
export type StandInRecord =
  | { readonly kind: 'app-user-model-id'; readonly id: string }
  | { readonly kind: 'command-line-switch'; readonly name: string; readonly value: string | undefined }
  | { readonly kind: 'single-instance-lock'; readonly granted: boolean }
  | { readonly kind: 'privileged-schemes'; readonly schemes: readonly PrivilegedScheme[] }
  | { readonly kind: 'protocol-handler'; readonly scheme: string }
  | { readonly kind: 'ipc-handle'; readonly channel: string }
  | { readonly kind: 'ipc-on'; readonly channel: string }
  | { readonly kind: 'session'; readonly call: string }
  | { readonly kind: 'web-contents'; readonly call: string }
  | { readonly kind: 'window'; readonly options: unknown }
  | { readonly kind: 'window-call'; readonly call: 'show' | 'focus' | 'restore' | 'close' }
  | { readonly kind: 'load-url'; readonly url: string; readonly servedAt: string }
  | { readonly kind: 'menu'; readonly template: readonly MenuShape[] }
  | { readonly kind: 'notification'; readonly title: string; readonly body: string }
  | { readonly kind: 'message-box'; readonly options: MessageBoxShape; readonly response: number }
  | {
      readonly kind: 'file-dialog';
      readonly dialog: 'open' | 'save';
      readonly title: string;
      readonly answer: string | undefined;
    }
  | { readonly kind: 'open-path'; readonly path: string }
  /** The clipboard as the app used it; the text is the harness's to check (a password copied for a destination). */
  | { readonly kind: 'clipboard'; readonly call: 'writeText' | 'readText' | 'clear'; readonly text?: string }
  | { readonly kind: 'send'; readonly channel: string; readonly args: readonly unknown[] }
  | { readonly kind: 'error-box'; readonly title: string; readonly content: string }
  | { readonly kind: 'quit' };

export interface PrivilegedScheme {
  readonly scheme: string;
  readonly privileges: Readonly<Record<string, boolean>>;
}

export interface MenuShape {
  readonly label?: string;
  readonly role?: string;
  readonly type?: string;
  readonly submenu?: readonly MenuShape[];
}

export interface MessageBoxShape {
  readonly type?: string;
  readonly title?: string;
  readonly message: string;
  readonly detail?: string;
  readonly buttons?: readonly string[];
  readonly defaultId?: number;
  readonly cancelId?: number;
}

/** Read by the stand-in from ELECTRON_STAND_IN when the child starts (dialogs answer synchronously). */
export interface StandInConfig {
  /** The file the open-file dialog answers with (none: the user cancels it). */
  readonly fileToChoose?: string;
  /** The file the save-file dialog answers with (none: the user cancels it). */
  readonly fileToSave?: string;
  /** The button the user clicks in a message box, by its label (none: the box's cancel button). */
  readonly messageBoxButton?: string;
  /** Where the harness asks synchronous questions (the daily timer), a Unix socket path. */
  readonly syncSocket: string;
  /** `process.versions.electron` and `.chrome` as Electron sets them: the installed electron package, the Chromium of the page. */
  readonly electronVersion: string;
  readonly chromeVersion: string;
  /**
   * `process.execPath` as Electron sets it: the app's own executable, which the app starts again
   * (a notification's click). Default: Node's, which the child runs on.
   */
  readonly executablePath?: string;
}

export const standInConfigVariable = 'ELECTRON_STAND_IN';

/** From the test process to the child. */
export type HarnessRequest =
  | {
      readonly type: 'invoke';
      readonly id: number;
      readonly channel: string;
      readonly args: readonly unknown[];
      readonly sender: SenderFrame;
    }
  | { readonly type: 'page-loaded'; readonly id: number }
  | { readonly type: 'click-menu-item'; readonly id: number; readonly label: string }
  | { readonly type: 'click-notification'; readonly id: number; readonly index: number }
  /** The user dismisses the notification (or it leaves the screen unclicked). */
  | { readonly type: 'close-notification'; readonly id: number; readonly index: number }
  | { readonly type: 'will-prevent-unload'; readonly id: number }
  /** The page leaves for `url` on its own (a link, `location`): Electron asks main first. */
  | { readonly type: 'will-navigate'; readonly id: number; readonly url: string; readonly isMainFrame: boolean }
  | { readonly type: 'window-closed'; readonly id: number };

/** Which frame sent an IPC message, as Electron knows it. */
export interface SenderFrame {
  /** The frame's URL, at the app's origin (`app://chorus/…`) when the page came from the app protocol. */
  readonly url: string;
  readonly isMainFrame: boolean;
  /** Whether it came from the web contents of the window the app created. */
  readonly fromAppWindow: boolean;
}

/** From the child to the test process. */
export type ChildMessage =
  | { readonly type: 'record'; readonly seq: number; readonly record: StandInRecord }
  | { readonly type: 'reply'; readonly id: number; readonly ok: true; readonly value?: unknown }
  | { readonly type: 'reply'; readonly id: number; readonly ok: false; readonly message: string };

/** The one synchronous question: run the daily timers now; the answer lists what they recorded. */
export interface SyncAnswer {
  readonly records: readonly { readonly seq: number; readonly record: StandInRecord }[];
}
