import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Frame, type Page } from '@playwright/test';
import { build } from 'esbuild';
import type { PasswordReminder } from '../../common/reminder';
import type { LogLine } from '../../main/logging/logger';
import { chromiumExecutable, frenchChromiumEnvironment, type ReminderProbe } from './browser-target';
import { projectRoot } from './paths';
import type { SenderFrame, StandInConfig, StandInRecord, SyncAnswer } from './electron-stand-in/protocol';
import { deliverName, invokeBindingName } from './electron-stand-in/renderer';
import { startAppProcess } from './bundle-app-process';
import { screenReadingCounter } from './screen-readings';
import { windowsUserAgent } from './windows-user-agent';

export interface BundleTargetOptions {
  readonly userDataDir: string;
  readonly keychainService: string;
  readonly env: Readonly<Record<string, string>>;
  readonly logLines: LogLine[];
  readonly fileToChoose: string | undefined;
  readonly fileToSave: string | undefined;
  readonly machineProfile: string | undefined;
  /** The machine's fleet pointer, followed at start (none: a path that does not exist, whatever the host has). */
  readonly machineFleet?: string | undefined;
  /** The machine policy's file (none by default, whatever the host has). */
  readonly machinePolicy: string | undefined;
  /** The button clicked in the app's message boxes, by label (default: the box's cancel button). */
  readonly messageBoxButton?: string;
  /** Another build to run instead of dist/ (the broken-copy check). */
  readonly distDir?: string;
}

/** What the stand-in recorded and what only the bundle target can drive. */
export interface StandInProbe {
  readonly records: readonly StandInRecord[];
  /** Clicks the OS notification shown in position `index`. */
  clickNotification(index: number): Promise<void>;
  /** Closes the window as the user would: beforeunload, then Electron's will-prevent-unload. Resolves with whether it closed. */
  closeWindow(): Promise<boolean>;
  /** Sends one bridge call from the given frame of the page, as Electron would describe its sender. */
  invokeFrom(frame: Frame, channel: string, args: readonly unknown[]): Promise<unknown>;
  /** Starts the app a second time on the same profile; resolves with its exit code and records. */
  startSecondInstance(): Promise<{ exitCode: number | null; records: readonly StandInRecord[] }>;
}

let standInBundles: Promise<{ child: string; renderer: string }> | undefined;

/** The two halves of the stand-in, bundled once per worker. */
export function bundleStandIn(): Promise<{ child: string; renderer: string }> {
  const bundle = (entry: string, platform: 'node' | 'browser', globalName?: string) =>
    build({
      absWorkingDir: projectRoot,
      entryPoints: [entry],
      bundle: true,
      platform,
      format: platform === 'node' ? 'cjs' : 'iife',
      ...(globalName ? { globalName } : {}),
      target: platform === 'node' ? 'node20' : 'chrome120',
      write: false,
      logLevel: 'warning',
    }).then((result) => result.outputFiles[0]?.text ?? '');
  standInBundles ??= Promise.all([
    bundle('e2e/harness/electron-stand-in/child-bootstrap.ts', 'node'),
    bundle('e2e/harness/electron-stand-in/renderer.ts', 'browser', 'electronStandIn'),
  ]).then(([child, renderer]) => ({ child, renderer }));
  return standInBundles;
}

/** The page's first script: the renderer half of the stand-in, then the shipped preload, unchanged. */
export const initScript = (renderer: string, preload: string): string => `(() => {
${renderer}
const require = electronStandIn.preloadRequire();
if (!require) return;
const module = { exports: {} };
(function (require, module, exports) {
${preload}
})(require, module, module.exports);
})();`;

export const electronVersion = (): string => {
  const manifest = JSON.parse(readFileSync(join(projectRoot, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
};

/**
 * The shipped files, unchanged: dist/main/index.js in its own Node process with the stand-in for
 * Electron's API, dist/preload/index.js in the page before its scripts, the page served by the app
 * protocol's own handler on loopback, in Debian's Chromium.
 */
export async function launchInBundle(options: BundleTargetOptions) {
  const distDir = options.distDir ?? join(projectRoot, 'dist');
  const mainEntry = join(distDir, 'main', 'index.js');
  if (!existsSync(mainEntry))
    throw new Error('L’application n’est pas construite : lancez « npm run build » avant les tests de bout en bout.');
  const { child: childBundle, renderer } = await bundleStandIn();
  const harnessDir = mkdtempSync(join(tmpdir(), 'chorus-bundle-'));
  const bootstrap = join(harnessDir, 'electron-stand-in.cjs');
  writeFileSync(bootstrap, childBundle);

  const browser = await chromium.launch({
    executablePath: chromiumExecutable,
    // The app asks Chromium for French (app.commandLine): its date field shows jj/mm/aaaa. Chromium
    // on Linux takes that order from the system locale, not --lang: the Blink feature makes it
    // follow the page's lang="fr" (see browser-target.ts); its own words are French (LANGUAGE).
    args: [
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--lang=fr-FR',
      '--enable-blink-features=LangAttributeAwareFormControlUI',
    ],
    env: frenchChromiumEnvironment(),
  });
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const env = {
    ...inherited,
    ...options.env,
    CHORUS_PRO_USER_DATA_DIR: options.userDataDir,
    CHORUS_PRO_KEYCHAIN_SERVICE: options.keychainService,
    CHORUS_PRO_MACHINE_PROFILE: options.machineProfile ?? '/nonexistent/chorus-pro-echanges-profile.json',
    CHORUS_PRO_MACHINE_FLEET: options.machineFleet ?? '/nonexistent/chorus-pro-echanges-fleet.json',
    CHORUS_PRO_MACHINE_POLICY: options.machinePolicy ?? '/nonexistent/chorus-pro-echanges-policy.json',
  };
  const config = (syncSocket: string): StandInConfig => ({
    syncSocket,
    electronVersion: electronVersion(),
    chromeVersion: browser.version(),
    ...(options.fileToChoose === undefined ? {} : { fileToChoose: options.fileToChoose }),
    ...(options.fileToSave === undefined ? {} : { fileToSave: options.fileToSave }),
    ...(options.messageBoxButton === undefined ? {} : { messageBoxButton: options.messageBoxButton }),
  });

  // What main sent to the window, in order; a record seen through the synchronous path is not counted twice.
  const seen = new Set<number>();
  const notifications: PasswordReminder[] = [];
  const notificationTexts: string[] = [];
  const openedFolders: string[] = [];
  let clipboardText = '';
  const note = (seq: number, record: StandInRecord): void => {
    if (seen.has(seq)) return;
    seen.add(seq);
    if (record.kind === 'send' && record.channel === 'chorus-event:passwordReminder')
      notifications.push(record.args[0] as PasswordReminder);
    if (record.kind === 'open-path') openedFolders.push(record.path);
    if (record.kind === 'notification') notificationTexts.push(record.body);
    if (record.kind === 'clipboard' && record.call === 'writeText') clipboardText = record.text ?? '';
    if (record.kind === 'clipboard' && record.call === 'clear') clipboardText = '';
  };
  let page: Page | undefined = undefined;
  let deliveries = Promise.resolve();
  const deliver = (record: StandInRecord): void => {
    if (record.kind !== 'send' || !page) return;
    const target = page;
    deliveries = deliveries
      .then(() =>
        target.evaluate(
          ([name, channel, args]) =>
            (window as unknown as Record<string, (channel: string, args: readonly unknown[]) => void>)[name]?.(
              channel,
              args,
            ),
          [deliverName, record.channel, record.args] as const,
        ),
      )
      .catch(() => undefined);
  };

  const syncSocket = join(harnessDir, 'sync.sock');
  const app = startAppProcess(
    mainEntry,
    bootstrap,
    env,
    config(syncSocket),
    (seq, record) => {
      note(seq, record);
      deliver(record);
    },
    options.logLines,
  );

  const fail = async (error: unknown): Promise<never> => {
    app.child.kill();
    await browser.close();
    rmSync(harnessDir, { recursive: true, force: true });
    throw error;
  };

  let loaded: Extract<StandInRecord, { kind: 'load-url' }>;
  let preloadPath: string;
  try {
    loaded = await app.waitFor('load-url');
    const window = await app.waitFor('window');
    const preload = (window.options as { webPreferences?: { preload?: unknown } }).webPreferences?.preload;
    if (typeof preload !== 'string') throw new Error('La fenêtre de l’application ne déclare pas de preload');
    preloadPath = preload;
  } catch (error) {
    return fail(error);
  }
  const appUrl = new URL(loaded.url);
  const toAppUrl = (url: string): string =>
    url.startsWith(`${loaded.servedAt}/`)
      ? `${appUrl.origin === 'null' ? `${appUrl.protocol}//${appUrl.host}` : appUrl.origin}${url.slice(loaded.servedAt.length)}`
      : url;

  const context = await browser.newContext({
    viewport: { width: 1024, height: 760 },
    locale: 'fr-FR',
    userAgent: windowsUserAgent(browser),
  });
  page = await context.newPage();
  const mainPage = page;
  const invokeFrom = async (frame: Frame, channel: string, args: readonly unknown[]) => {
    const sender: SenderFrame = {
      url: toAppUrl(frame.url()),
      isMainFrame: frame === frame.page().mainFrame(),
      fromAppWindow: frame.page() === mainPage,
    };
    return app.request({ type: 'invoke', channel, args, sender }).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, message: error instanceof Error ? error.message : String(error) }),
    );
  };
  // A navigation the page starts towards another origin reaches main's will-navigate first; a
  // prevented one is aborted, which Chromium drops without an error page, as Electron does.
  await page.route(
    (url) => !url.href.startsWith(`${loaded.servedAt}/`),
    async (route) => {
      const request = route.request();
      if (!request.isNavigationRequest()) return route.fallback();
      const prevented = await app.request({
        type: 'will-navigate',
        url: request.url(),
        isMainFrame: request.frame() === mainPage.mainFrame(),
      });
      return prevented === true ? route.abort('aborted') : route.fallback();
    },
  );
  const counted = screenReadingCounter(page);
  await page.exposeBinding(invokeBindingName, ({ frame }, channel: string, args: unknown[]) =>
    counted(channel, () => invokeFrom(frame, channel, args)),
  );
  await page.addInitScript({ content: initScript(renderer, readFileSync(preloadPath, 'utf8')) });
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  try {
    await page.goto(`${loaded.servedAt}${appUrl.pathname}${appUrl.search}`);
    if (pageErrors.length > 0)
      throw new Error(`Le preload ou la page a échoué : ${pageErrors.map((error) => error.message).join(' ; ')}`);
    await app.request({ type: 'page-loaded' });
  } catch (error) {
    return fail(error);
  }

  const runDailyTimers = (): void => {
    const output = execFileSync(process.execPath, ['-e', syncClient, syncSocket], {
      encoding: 'utf8',
      timeout: 10_000,
    });
    for (const { seq, record } of (JSON.parse(output) as SyncAnswer).records) note(seq, record);
  };

  // The window is gone: Electron emits closed, then window-all-closed, and the app quits.
  let windowGone = false;
  const windowClosed = (): void => {
    if (windowGone || !app.child.connected) return;
    windowGone = true;
    void app.request({ type: 'window-closed' }).catch(() => undefined);
  };
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await browser.close();
    windowClosed();
    const timeout = setTimeout(() => app.child.kill('SIGKILL'), 10_000);
    const code = await app.exited;
    clearTimeout(timeout);
    rmSync(harnessDir, { recursive: true, force: true });
    if (code !== 0)
      throw new Error(
        `Le processus principal de l'application s'est terminé avec le code ${code ?? 'signal'} :\n${app.stderr()}`,
      );
  };

  const standIn: StandInProbe = {
    records: app.records,
    clickNotification: async (index) => {
      await app.request({ type: 'click-notification', index });
    },
    closeWindow: async () => {
      // Chromium asks through beforeunload; Electron turns that into will-prevent-unload in main,
      // whose preventDefault() means "unload anyway".
      const pageClosed = new Promise<'close'>((resolve) => mainPage.once('close', () => resolve('close')));
      const decided = new Promise<'close' | 'stay'>((resolve, reject) => {
        mainPage.once('dialog', (dialog) => {
          app
            .request({ type: 'will-prevent-unload' })
            .then(async (prevented) => {
              if (prevented === true) {
                await dialog.accept();
                resolve('close');
              } else {
                await dialog.dismiss();
                resolve('stay');
              }
            })
            .catch(reject);
        });
      });
      await mainPage.close({ runBeforeUnload: true });
      if ((await Promise.race([decided, pageClosed])) === 'close') await pageClosed;
      if (!mainPage.isClosed()) return false;
      windowClosed();
      return true;
    },
    invokeFrom: (frame, channel, args) => invokeFrom(frame, channel, args),
    startSecondInstance: async () => {
      const second = startAppProcess(
        mainEntry,
        bootstrap,
        env,
        config(join(harnessDir, 'sync-2.sock')),
        () => undefined,
        undefined,
      );
      const timeout = setTimeout(() => second.child.kill('SIGKILL'), 15_000);
      const exitCode = await second.exited;
      clearTimeout(timeout);
      return { exitCode, records: second.records };
    },
  };

  const reminders: ReminderProbe = {
    notifications,
    notificationTexts,
    nextDay: runDailyTimers,
  };
  return {
    page,
    reminders,
    openedFolders,
    standIn,
    readClipboard: () => Promise.resolve(clipboardText),
    chooseMenuItem: async (label: string) => {
      await app.request({ type: 'click-menu-item', label });
      await deliveries;
    },
    close,
  };
}

// Run in a short-lived Node process so that nextDay() stays synchronous for the specs.
const syncClient = `
const socket = require('node:net').connect(process.argv[1], () => socket.write('next-day'));
let text = '';
socket.setEncoding('utf8').on('data', (chunk) => (text += chunk)).on('end', () => process.stdout.write(text));
socket.on('error', (error) => { console.error(error.message); process.exit(1); });
`;
