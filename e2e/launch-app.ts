import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { LogLine } from '../main/logging/logger';
import { clearKeychainService } from '../main/secrets/keytar-secret-store';
import { launchInBrowser, type ReminderProbe } from './harness/browser-target';
import { launchInBundle, type StandInProbe } from './harness/bundle-target';
import { launchInElectron } from './harness/electron-target';

export interface LaunchOptions {
  /** Reuse a profile folder (to relaunch the same app); a fresh one by default. */
  readonly userDataDir?: string;
  /** Reuse a keychain namespace (to relaunch); a fresh one by default. */
  readonly keychainService?: string;
  /** Environment variables for the app's main process (Electron target). */
  readonly env?: Readonly<Record<string, string>>;
  /** The file the open-file dialog answers with (none: the user cancels it). */
  readonly fileToChoose?: string;
  /** The file the save-file dialog answers with (none: the user cancels it). */
  readonly fileToSave?: string;
  /** A machine-wide deployment profile (none by default, whatever the host has). */
  readonly machineProfile?: string;
  /** The machine's fleet pointer (none by default, whatever the host has). */
  readonly machineFleet?: string;
  /** The machine policy's file (destinations, allowScripts; none by default, whatever the host has). */
  readonly machinePolicy?: string;
  /** The button the user clicks in the app's message boxes, by label (bundle and browser targets; default: the cancel button). */
  readonly messageBoxButton?: string;
  /** Another build than dist/ to run (bundle target: the broken-copy check). */
  readonly distDir?: string;
}

export type Target = 'browser' | 'bundle' | 'electron';
export const currentTarget = (): Target =>
  process.env.E2E_TARGET === 'electron' || process.env.E2E_TARGET === 'bundle' ? process.env.E2E_TARGET : 'browser';

export interface LaunchedApp {
  readonly page: Page;
  readonly target: Target;
  readonly userDataDir: string;
  readonly keychainService: string;
  /** What the main process logged (browser and bundle targets). */
  readonly logLines: readonly LogLine[];
  /** What the main process notified about the password's renewal (browser and bundle targets). */
  readonly reminders: ReminderProbe;
  /** The folders the app asked the desktop to open (browser and bundle targets). */
  readonly openedFolders: readonly string[];
  /** What the app asked of Electron's API, and what only a stand-in can drive (bundle target). */
  readonly standIn: StandInProbe;
  /** What the clipboard holds now, as the app's main process left it. */
  readClipboard(): Promise<string>;
  /** Clicks an item of the window's menu, by its label ("Importer un profil de déploiement…"). */
  chooseMenuItem(label: string): Promise<void>;
  /** Stops the app; with `{ keepData: true }` the profile and keychain entries survive for a relaunch. */
  close(options?: { keepData?: boolean }): Promise<void>;
}

/**
 * Starts the app for a spec. By default the built renderer runs in Debian's Chromium, talking to
 * the real main-process handlers in this process; with E2E_TARGET=bundle the shipped dist/ files
 * run with a stand-in for Electron's API; with E2E_TARGET=electron it is the real app.
 */
export async function launchApp(options: LaunchOptions = {}): Promise<LaunchedApp> {
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'chorus-e2e-'));
  const keychainService = options.keychainService ?? `Chorus Pro Echanges (e2e ${randomUUID()})`;
  const target = currentTarget();
  const logLines: LogLine[] = [];
  const files = {
    fileToChoose: options.fileToChoose,
    fileToSave: options.fileToSave,
    machineProfile: options.machineProfile,
    machineFleet: options.machineFleet,
    machinePolicy: options.machinePolicy,
  };
  const start = () =>
    target === 'electron'
      ? launchInElectron({ userDataDir, keychainService, env: options.env ?? {}, ...files }).then((running) => ({
          ...running,
          standIn: onlyInBundle,
        }))
      : target === 'bundle'
        ? launchInBundle({ userDataDir, keychainService, env: options.env ?? {}, logLines, ...files, ...pick(options) })
        : launchInBrowser({
            userDataDir,
            keychainService,
            logLines,
            ...files,
            messageBoxButton: options.messageBoxButton,
          }).then((running) => ({ ...running, standIn: onlyInBundle }));
  const running = await start().catch((error: unknown) => {
    // A launch that fails leaves nothing behind that it created.
    if (options.userDataDir === undefined) rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  });
  return {
    page: running.page,
    standIn: running.standIn,
    reminders: running.reminders,
    openedFolders: running.openedFolders,
    chooseMenuItem: (label) => running.chooseMenuItem(label),
    readClipboard: () => running.readClipboard(),
    target,
    userDataDir,
    keychainService,
    logLines,
    close: async ({ keepData = false } = {}) => {
      await running.close();
      if (keepData) return;
      rmSync(userDataDir, { recursive: true, force: true });
      await clearKeychainService(keychainService);
    },
  };
}

const pick = ({ messageBoxButton, distDir }: LaunchOptions) => ({
  ...(messageBoxButton === undefined ? {} : { messageBoxButton }),
  ...(distDir === undefined ? {} : { distDir }),
});

const onlyInBundle: StandInProbe = new Proxy({} as StandInProbe, {
  get: () => {
    throw new Error("Ce que l'application demande à Electron ne s'observe qu'avec E2E_TARGET=bundle.");
  },
});
