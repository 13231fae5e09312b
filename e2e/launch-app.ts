import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { LogLine } from '../main/logger';
import { clearKeychainService } from '../main/secrets/keytar-secret-store';
import { launchInBrowser, type ReminderProbe } from './harness/browser-target';
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
}

export interface LaunchedApp {
  readonly page: Page;
  readonly target: 'browser' | 'electron';
  readonly userDataDir: string;
  readonly keychainService: string;
  /** What the main process logged (browser target, where it runs in this process). */
  readonly logLines: readonly LogLine[];
  /** What the main process notified about the password's renewal (browser target). */
  readonly reminders: ReminderProbe;
  /** The folders the app asked the desktop to open (browser target). */
  readonly openedFolders: readonly string[];
  /** Clicks an item of the window's menu, by its label ("Importer un profil de déploiement…"). */
  chooseMenuItem(label: string): Promise<void>;
  /** Stops the app; with `{ keepData: true }` the profile and keychain entries survive for a relaunch. */
  close(options?: { keepData?: boolean }): Promise<void>;
}

/**
 * Starts the app for a spec. By default the built renderer runs in Debian's Chromium, talking to
 * the real main-process handlers in this process; with E2E_TARGET=electron it is the real app.
 */
export async function launchApp(options: LaunchOptions = {}): Promise<LaunchedApp> {
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'chorus-e2e-'));
  const keychainService = options.keychainService ?? `Chorus Pro Echanges (e2e ${randomUUID()})`;
  const target = process.env.E2E_TARGET === 'electron' ? 'electron' : 'browser';
  const logLines: LogLine[] = [];
  const files = { fileToChoose: options.fileToChoose, fileToSave: options.fileToSave, machineProfile: options.machineProfile };
  const running =
    target === 'electron'
      ? await launchInElectron({ userDataDir, keychainService, env: options.env ?? {}, ...files })
      : await launchInBrowser({ userDataDir, keychainService, logLines, ...files });
  return {
    page: running.page,
    reminders: running.reminders,
    openedFolders: running.openedFolders,
    chooseMenuItem: (label) => running.chooseMenuItem(label),
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
