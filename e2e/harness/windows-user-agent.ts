import type { Browser } from '@playwright/test';

/**
 * The user agent of the app's window on a Windows workstation, for the harness's Chromium, so that
 * the specs and the pictures of the README and the guides show what an accountant on Windows reads
 * (the keychain's name, though, is the main process's: main/failures/keychain-name.ts). The real
 * Electron target keeps its own.
 */
export const windowsUserAgent = (browser: Browser): string =>
  `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${browser.version()} Safari/537.36`;
