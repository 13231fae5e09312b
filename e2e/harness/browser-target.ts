import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build } from 'esbuild';
import sirv from 'sirv';
import type { PasswordReminder } from '../../common/reminder';
import { contentSecurityPolicy } from '../../main/shell/content-security-policy';
import { createHttpTransport } from '../../main/chorus/http-transport';
import { systemClock } from '../../main/dates/clock';
import { createLogFileSink } from '../../main/logging/log-file';
import { createLogger, type LogLine } from '../../main/logging/logger';
import { createKeytarSecretStore } from '../../main/secrets/keytar-secret-store';
import { createMainProcess } from '../../main/ipc/main-process';
import { openConfBackend } from '../../main/settings/conf-backend';
import { policyFileReader } from '../../main/destinations/policy-source';
import { projectRoot, rendererBuildDir } from './paths';
import { screenReadingCounter } from './screen-readings';
import { windowsUserAgent } from './windows-user-agent';

/** What the main process notified about the password's renewal, and its daily timer. */
export interface ReminderProbe {
  readonly notifications: readonly PasswordReminder[];
  /** The OS notifications' texts, in order. */
  readonly notificationTexts: readonly string[];
  /** Runs the daily check now, as if a day had passed. */
  nextDay(): void;
}

export interface BrowserTargetOptions {
  readonly userDataDir: string;
  readonly keychainService: string;
  readonly logLines: LogLine[];
  readonly fileToChoose: string | undefined;
  readonly fileToSave: string | undefined;
  readonly machineProfile: string | undefined;
  /** The machine's fleet pointer: the screen's fleet line reads it (following it at start is main/shell/'s: bundle target). */
  readonly machineFleet?: string | undefined;
  /** The machine policy's file (none by default, whatever the host has). */
  readonly machinePolicy: string | undefined;
  /** The button clicked in the main process's questions ("Autoriser"); none: the cancel button. */
  readonly messageBoxButton?: string | undefined;
}

let bridgeScript: Promise<string> | undefined;

/** The browser stand-in for the preload, bundled once per worker from the same sources. */
function browserBridgeScript(): Promise<string> {
  bridgeScript ??= build({
    absWorkingDir: projectRoot,
    entryPoints: ['e2e/harness/browser-bridge.ts'],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    logLevel: 'warning',
  }).then((result) => result.outputFiles[0]?.text ?? '');
  return bridgeScript;
}

/** Serves the built renderer on loopback with the same CSP header as the app protocol. */
async function serveRenderer(): Promise<{ server: Server; origin: string }> {
  if (!existsSync(join(rendererBuildDir, 'index.html'))) {
    throw new Error('Le renderer n’est pas construit : lancez « npm run build » avant les tests de bout en bout.');
  }
  const files = sirv(rendererBuildDir, {
    dev: false,
    etag: false,
    setHeaders: (response) => response.setHeader('Content-Security-Policy', contentSecurityPolicy),
  });
  const server = createServer((request, response) =>
    files(request, response, () => {
      response.statusCode = 404;
      response.end();
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${port}` };
}

const onlyInBundle =
  "Le menu et le rappel quotidien sont câblés dans main/shell/windowed-app.ts : ils s'observent avec E2E_TARGET=bundle.";

export const chromiumExecutable = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Chromium's own words in French, as Electron shows them with --lang=fr-FR: on Linux, Chromium
 * takes its interface language from LANGUAGE, not --lang, and needs its French strings (Debian's
 * chromium-l10n, installed by the README's set-up): the date field's placeholder then reads
 * jj/mm/aaaa, not dd/mm/yyyy, as on the workstations and in the guides' pictures.
 */
export const frenchChromiumEnvironment = (): Record<string, string> => ({
  ...Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  ),
  LANGUAGE: 'fr',
});

/**
 * The app without Electron: the built renderer in Debian's Chromium, `window.chorus` wired to the
 * real main-process dispatcher (same contract, validation, services, keychain); only the
 * transport differs.
 */
export async function launchInBrowser(options: BrowserTargetOptions): Promise<{
  page: Page;
  browser: Browser;
  reminders: ReminderProbe;
  openedFolders: readonly string[];
  chooseMenuItem: (label: string) => Promise<void>;
  readClipboard: () => Promise<string>;
  close: () => Promise<void>;
}> {
  const { server, origin } = await serveRenderer();
  const logFile = createLogFileSink(options.userDataDir);
  const openedFolders: string[] = [];
  // Electron's clipboard is the shell's: here, what the main process asked the desktop to hold.
  let clipboardText = '';
  const { dispatch } = createMainProcess({
    appInfo: { name: 'Chorus Pro Echanges', version: readPackageVersion(), userDataDir: options.userDataDir },
    userDataDir: options.userDataDir,
    openSettingsBackend: openConfBackend,
    secrets: createKeytarSecretStore(options.keychainService),
    send: createHttpTransport(),
    clock: systemClock,
    logger: createLogger((line) => {
      options.logLines.push(line);
      logFile(line);
    }),
    appOrigin: origin,
    // Electron's dialogs and shell cannot open here: the spec says what the user would pick.
    desktop: {
      chooseFile: () => Promise.resolve(options.fileToChoose),
      chooseSaveFile: () => Promise.resolve(options.fileToSave),
      openFolder: (path) => {
        openedFolders.push(path);
        return Promise.resolve();
      },
      confirmNewHost: () => Promise.resolve(options.messageBoxButton === 'Autoriser'),
      copySecret: (text) => {
        clipboardText = text;
        return Promise.resolve();
      },
    },
    ...(options.machineProfile ? { machineProfilePath: options.machineProfile } : {}),
    ...(options.machineFleet ? { machineFleetPath: options.machineFleet } : {}),
    machinePolicy: policyFileReader(options.machinePolicy ?? '/nonexistent/chorus-pro-echanges-policy.json'),
  });
  const browser = await chromium.launch({
    executablePath: chromiumExecutable,
    // French as the app asks of Electron (app.commandLine --lang=fr): Chromium on Linux takes the
    // date field's order from the system locale, not from --lang; with this Blink feature it follows
    // the page's lang="fr", so the field shows jj/mm/aaaa as on a French Windows workstation.
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
  const context = await browser.newContext({
    viewport: { width: 1024, height: 760 },
    locale: 'fr-FR',
    userAgent: windowsUserAgent(browser),
  });
  const page = await context.newPage();
  const counted = screenReadingCounter(page);
  await page.exposeBinding('__chorusTransport', ({ page: sourcePage, frame }, channel: unknown, args: unknown) =>
    counted(channel, () =>
      dispatch(
        channel,
        { frameUrl: frame.url(), isMainFrame: frame === sourcePage.mainFrame(), isAppWindow: sourcePage === page },
        args,
      ),
    ),
  );
  await page.addInitScript({ content: await browserBridgeScript() });
  await page.goto(`${origin}/index.html`);
  return {
    page,
    browser,
    openedFolders,
    readClipboard: () => Promise.resolve(clipboardText),
    // The menu and the reminder schedule are wired in main/shell/ only: the bundle target runs them.
    chooseMenuItem: () => Promise.reject(new Error(onlyInBundle)),
    reminders: {
      get notifications(): never {
        throw new Error(onlyInBundle);
      },
      get notificationTexts(): never {
        throw new Error(onlyInBundle);
      },
      nextDay: () => {
        throw new Error(onlyInBundle);
      },
    },
    close: async () => {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function readPackageVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8'));
  if (
    typeof manifest === 'object' &&
    manifest !== null &&
    'version' in manifest &&
    typeof manifest.version === 'string'
  ) {
    return manifest.version;
  }
  throw new Error('package.json sans version');
}
