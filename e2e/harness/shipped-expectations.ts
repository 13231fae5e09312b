import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { channelNames, eventNames } from '../../common/bridge';
import type { StandInRecord } from './electron-stand-in/protocol';

/** The window the shipped main bundle must ask for: Electron's security checklist, nothing less. */
export const secureWebPreferences = (distDir: string) => ({
  preload: join(distDir, 'preload', 'index.js'),
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
});

export const recordedWebPreferences = (records: readonly StandInRecord[]): unknown => {
  const windows = records.filter((record) => record.kind === 'window');
  if (windows.length !== 1) throw new Error(`${windows.length} fenêtres créées au lieu d'une`);
  return (windows[0]!.options as { webPreferences?: unknown }).webPreferences;
};

/** What `window.chorus` must hold: one function per contract channel and one `on…` per event. */
export const contractBridgeNames = (): string[] =>
  [...channelNames, ...eventNames.map((event) => `on${event.charAt(0).toUpperCase()}${event.slice(1)}`)].sort();

export const exposedBridgeNames = (page: Page): Promise<string[]> =>
  page.evaluate(() => Object.keys(window.chorus).sort());
