import { EventEmitter } from 'node:events';
import type { BrowserWindow, BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { originOf } from '../ipc/origin';
import { createMainWindow, hardenSession, hardenWebContents, windowTitle } from './window';

// Electron cannot run here: these fakes record what the wiring registers on the real objects.
class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
}

function prevented(contents: FakeContents, event: string, ...args: unknown[]): boolean {
  let stopped = false;
  const details = { preventDefault: () => (stopped = true), url: typeof args[0] === 'string' ? args[0] : '' };
  contents.emit(event, details, ...args);
  return stopped;
}

describe('the main window', () => {
  it('is created with every setting of the security checklist', () => {
    const created: BrowserWindowConstructorOptions[] = [];
    function RecordingWindow(options: BrowserWindowConstructorOptions): void {
      created.push(options);
    }
    createMainWindow(RecordingWindow as unknown as typeof BrowserWindow, '/app/preload/index.js');
    expect(created).toHaveLength(1);
    const options = created[0]!;
    expect(options.title).toBe(windowTitle);
    expect(options.title).toBe('Configuration des échanges Chorus Pro');
    expect(options.minWidth).toBe(800);
    expect(options.minHeight).toBe(600);
    expect(options.webPreferences).toEqual(
      expect.objectContaining({
        preload: '/app/preload/index.js',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        disableBlinkFeatures: 'Auxclick',
      }),
    );
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
  });

  it('keeps navigation inside the app origin, comparing origins rather than strings', () => {
    const contents = new FakeContents();
    hardenWebContents(contents as unknown as WebContents, 'app://chorus');
    expect(prevented(contents, 'will-navigate', 'app://chorus/index.html#x')).toBe(false);
    expect(prevented(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(prevented(contents, 'will-navigate', 'app://chorus.evil.example/')).toBe(true);
    expect(prevented(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(prevented(contents, 'will-navigate', 'not a url')).toBe(true);
    expect(prevented(contents, 'will-redirect', 'https://evil.example/')).toBe(true);
    expect(prevented(contents, 'will-frame-navigate', 'https://evil.example/')).toBe(true);
  });

  it('refuses every new window and every <webview>', () => {
    const contents = new FakeContents();
    hardenWebContents(contents as unknown as WebContents, 'app://chorus');
    expect(contents.openHandler?.({ url: 'https://chorus-pro.gouv.fr' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'app://chorus/index.html' })).toEqual({ action: 'deny' });
    expect(prevented(contents, 'will-attach-webview')).toBe(true);
  });
});

describe('the session', () => {
  it('denies every permission and cancels every request that is not the app protocol', () => {
    const registered: Record<string, unknown> = {};
    const fakeSession = {
      setPermissionRequestHandler: (handler: unknown) => (registered.request = handler),
      setPermissionCheckHandler: (handler: unknown) => (registered.check = handler),
      setDevicePermissionHandler: (handler: unknown) => (registered.device = handler),
      webRequest: { onBeforeRequest: (handler: unknown) => (registered.beforeRequest = handler) },
    };
    hardenSession(fakeSession as unknown as Session, 'app');

    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      (registered.request as (c: unknown, p: string, cb: (granted: boolean) => void) => void)(
        undefined,
        permission,
        (granted) => answers.push(granted),
      );
    }
    expect(answers).toEqual([false, false, false, false]);
    expect((registered.check as () => boolean)()).toBe(false);
    expect((registered.device as () => boolean)()).toBe(false);

    const cancelled = (url: string): boolean | undefined => {
      let answer: boolean | undefined;
      (registered.beforeRequest as (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void)(
        { url },
        (response) => (answer = response.cancel),
      );
      return answer;
    };
    expect(cancelled('app://chorus/assets/index.js')).toBe(false);
    expect(cancelled('https://api.piste.gouv.fr/cpro')).toBe(true);
    expect(cancelled('http://127.0.0.1:8080/')).toBe(true);
    expect(cancelled('file:///C:/Windows/win.ini')).toBe(true);
  });
});

describe('origins', () => {
  it('are scheme plus host for the app scheme, where Node alone would say "null"', () => {
    expect(originOf('app://chorus/index.html')).toBe('app://chorus');
    expect(originOf('app://chorus.evil/index.html')).toBe('app://chorus.evil');
    expect(originOf('http://127.0.0.1:4173/index.html')).toBe('http://127.0.0.1:4173');
    expect(originOf('evil://x')).toBe('evil://x');
    expect(originOf('about:blank')).toBeUndefined();
    expect(originOf('')).toBeUndefined();
  });
});
