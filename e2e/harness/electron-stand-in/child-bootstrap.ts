// Loaded with `node --require` before dist/main/index.js, which then runs unchanged: this makes
// `require('electron')` answer with the stand-in (and nothing else), sets what Electron sets on
// `process`, serves the app protocol on loopback for the page, and carries the harness's messages.
import { createServer as createHttpServer } from 'node:http';
import { createServer as createSocketServer } from 'node:net';
import Module from 'node:module';
import type * as Electron from 'electron';
import { createElectronStandIn, type BeforeRequestListener, type ProtocolHandler } from './main-process';
import {
  standInConfigVariable,
  type ChildMessage,
  type HarnessRequest,
  type StandInConfig,
  type StandInRecord,
  type SyncAnswer,
} from './protocol';

const config = JSON.parse(process.env[standInConfigVariable] ?? 'null') as StandInConfig | null;
if (!config) throw new Error(`${standInConfigVariable} manquant : ce fichier est chargé par le harnais de test`);
const entry = process.argv[1];
if (!entry) throw new Error('Aucun point d’entrée principal');

// What Electron's main process has and plain Node has not: libraries branch on these.
Object.assign(process, { type: 'browser' });
Object.defineProperty(process.versions, 'electron', { value: config.electronVersion, enumerable: true });
Object.defineProperty(process.versions, 'chrome', { value: config.chromeVersion, enumerable: true });
// In Electron, the app's executable: what a notification's click starts again.
if (config.executablePath !== undefined) process.execPath = config.executablePath;

const tell = (message: ChildMessage): void => {
  process.send?.(message);
};
let seq = 0;
let collecting: { seq: number; record: StandInRecord }[] | undefined;
const record = (entryRecord: StandInRecord): void => {
  seq += 1;
  collecting?.push({ seq, record: entryRecord });
  tell({ type: 'record', seq, record: entryRecord });
};

/** The app protocol on loopback: each request goes through webRequest.onBeforeRequest, then the handler. */
function serve(
  origin: string,
  handler: ProtocolHandler,
  filter: () => BeforeRequestListener | undefined,
): Promise<string> {
  let requestId = 0;
  const server = createHttpServer((request, response) => {
    const url = `${origin}${request.url ?? '/'}`;
    const forward = async (): Promise<void> => {
      const answer = await handler(new Request(url, { method: request.method ?? 'GET' }));
      response.writeHead(answer.status, Object.fromEntries(answer.headers));
      response.end(Buffer.from(await answer.arrayBuffer()));
    };
    const fail = (error: unknown): void => {
      process.stderr.write(`protocol handler failed for ${url}: ${String(error)}\n`);
      response.destroy();
    };
    const listener = filter();
    if (!listener) {
      forward().catch(fail);
      return;
    }
    requestId += 1;
    const details = {
      id: requestId,
      url,
      method: request.method ?? 'GET',
      resourceType: 'other',
      referrer: '',
      timestamp: Date.now(),
    };
    listener(details as unknown as Electron.OnBeforeRequestListenerDetails, (decision) => {
      // A cancelled request fails in Chromium (net::ERR_BLOCKED_BY_CLIENT): no answer at all.
      if (decision.cancel === true) response.destroy();
      else forward().catch(fail);
    });
  });
  server.unref();
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '');
    });
  });
}

const standIn = createElectronStandIn({ config, record, serve }, entry);
const { control } = standIn;

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: Load };
const load = loader._load;
loader._load = function loadWithStandIn(this: unknown, request, parent, isMain) {
  return request === 'electron' ? standIn.module : load.call(this, request, parent, isMain);
};

// The daily timer: setInterval runs as usual, and the harness may run a day's callbacks early.
const dailyTimers = new Map<unknown, () => void>();
const realSetInterval = globalThis.setInterval;
const realClearInterval = globalThis.clearInterval;
const hour = 60 * 60 * 1000;
globalThis.setInterval = ((callback: (...args: unknown[]) => void, delay?: number, ...args: unknown[]) => {
  const timer = realSetInterval(callback, delay, ...args);
  if ((delay ?? 0) >= hour) dailyTimers.set(timer, () => callback(...args));
  return timer;
}) as typeof setInterval;
globalThis.clearInterval = (timer?: Parameters<typeof clearInterval>[0]) => {
  dailyTimers.delete(timer);
  realClearInterval(timer);
};

const syncServer = createSocketServer((connection) => {
  connection.once('data', () => {
    collecting = [];
    for (const task of dailyTimers.values()) task();
    const answer: SyncAnswer = { records: collecting };
    collecting = undefined;
    connection.end(JSON.stringify(answer));
  });
});
syncServer.listen(config.syncSocket);
syncServer.unref();

async function answer(request: HarnessRequest): Promise<unknown> {
  switch (request.type) {
    case 'invoke': {
      const handler = control.invokeHandler(request.channel);
      // Electron's answer to a channel nobody handles.
      if (!handler) throw new Error(`No handler registered for '${request.channel}'`);
      const { url, isMainFrame, fromAppWindow } = request.sender;
      return handler(control.eventFor(control.mainWindow(), fromAppWindow, url, isMainFrame), ...request.args);
    }
    case 'page-loaded': {
      const window = control.mainWindow();
      window.webContents.emit('dom-ready', {});
      window.webContents.emit('did-finish-load', {});
      window.emit('ready-to-show', {});
      return undefined;
    }
    case 'click-menu-item':
      control.clickMenuItem(request.label);
      return undefined;
    case 'click-notification':
      control.clickNotification(request.index);
      return undefined;
    case 'close-notification':
      control.closeNotification(request.index);
      return undefined;
    case 'will-prevent-unload': {
      let prevented = false;
      control.mainWindow().webContents.emit('will-prevent-unload', { preventDefault: () => (prevented = true) });
      return prevented;
    }
    case 'will-navigate': {
      // Electron emits will-frame-navigate for every frame, then will-navigate for the main frame.
      const contents = control.mainWindow().webContents;
      const event = {
        url: request.url,
        isMainFrame: request.isMainFrame,
        defaultPrevented: false,
        preventDefault: () => (event.defaultPrevented = true),
      };
      contents.emit('will-frame-navigate', event);
      if (request.isMainFrame && !event.defaultPrevented) contents.emit('will-navigate', event, request.url);
      return event.defaultPrevented;
    }
    case 'window-closed':
      control.mainWindow().markClosed();
      return undefined;
  }
}

process.on('message', (message: HarnessRequest) => {
  answer(message).then(
    (value: unknown) => tell({ type: 'reply', id: message.id, ok: true, value }),
    (error: unknown) =>
      tell({
        type: 'reply',
        id: message.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      }),
  );
});

// Electron is ready once the main script's first run is over.
setImmediate(() => control.becomeReady());
