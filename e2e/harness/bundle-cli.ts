// The installed executable's command line (`--cli`) for the bundle target: dist/main/index.js in a
// Node child with the stand-in for Electron, started with `--cli …`, as the exe would be.
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { chromiumExecutable, frenchChromiumEnvironment } from './browser-target';
import { bundleStandIn, electronVersion, initScript } from './bundle-target';
import { projectRoot } from './paths';
import {
  standInConfigVariable,
  type ChildMessage,
  type HarnessRequest,
  type StandInConfig,
  type StandInRecord,
} from './electron-stand-in/protocol';
import { invokeBindingName } from './electron-stand-in/renderer';

export interface BundleCliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** What the app asked of Electron, in order. */
  readonly records: readonly StandInRecord[];
  /** The one JSON line of `--json`, parsed (empty when there is none). */
  readonly json: Record<string, unknown>;
}

export interface BundleCliOptions {
  /** What is piped in (the default: an empty pipe). */
  readonly stdin?: string;
  /**
   * Nothing on standard input (a null device), as for a GUI program on Windows started from a
   * console; a window the app opens is shown in Chromium with its preload, and this plays the user.
   */
  readonly inWindow?: (page: Page) => Promise<void>;
  /** The accountant clicks each notification (default: dismisses it). */
  readonly clickNotifications?: boolean;
  /** The app's own executable (`process.execPath` in Electron), which a click starts again. */
  readonly executablePath?: string;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export async function runBundleCli(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  options: BundleCliOptions = {},
): Promise<BundleCliRun> {
  const { child: childBundle, renderer } = await bundleStandIn();
  const harnessDir = mkdtempSync(join(tmpdir(), 'chorus-bundle-cli-'));
  const bootstrap = join(harnessDir, 'electron-stand-in.cjs');
  writeFileSync(bootstrap, childBundle);
  // A Chromium version is not asked for by the command line: no browser is started, but for a window.
  const config: StandInConfig = {
    syncSocket: join(harnessDir, 'sync.sock'),
    electronVersion: electronVersion(),
    chromeVersion: '0.0.0.0',
    ...(options.executablePath === undefined ? {} : { executablePath: options.executablePath }),
  };
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const child = fork(join(projectRoot, 'dist', 'main', 'index.js'), ['--cli', ...args], {
    execArgv: ['--require', bootstrap],
    env: { ...inherited, ...env, [standInConfigVariable]: JSON.stringify(config) },
    stdio: [options.inWindow ? 'ignore' : 'pipe', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  const records: StandInRecord[] = [];
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let requestId = 0;
  const replies = new Map<number, (message: Extract<ChildMessage, { type: 'reply' }>) => void>();
  const request = (
    message: DistributiveOmit<HarnessRequest, 'id'>,
  ): Promise<Extract<ChildMessage, { type: 'reply' }>> => {
    requestId += 1;
    const id = requestId;
    return new Promise((resolve) => {
      replies.set(id, resolve);
      if (child.connected) child.send({ ...message, id });
    });
  };
  let notificationIndex = 0;
  let windowShown: Promise<void> = Promise.resolve();
  let windowFailure: unknown;
  child.on('message', (message: ChildMessage) => {
    if (message.type === 'reply') {
      replies.get(message.id)?.(message);
      replies.delete(message.id);
      return;
    }
    records.push(message.record);
    // The accountant dismisses (or clicks) each notification: the check may then end.
    if (message.record.kind === 'notification' && child.connected) {
      void request({
        type: options.clickNotifications === true ? 'click-notification' : 'close-notification',
        index: notificationIndex,
      });
      notificationIndex += 1;
    }
    const { inWindow } = options;
    if (message.record.kind === 'load-url' && inWindow) {
      const loaded = message.record;
      const window = records.findLast((record) => record.kind === 'window');
      windowShown = showWindow(loaded.url, window, renderer, request, inWindow).catch((error: unknown) => {
        windowFailure = error;
      });
    }
  });
  if (!options.inWindow) child.stdin?.end(options.stdin ?? '');
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const status = await new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  clearTimeout(killer);
  // Questions left without an answer (the process ended) get one, so that the window's play ends.
  for (const [id, answer] of replies) answer({ type: 'reply', id, ok: false, message: 'le processus est terminé' });
  replies.clear();
  await windowShown;
  if (windowFailure !== undefined)
    throw windowFailure instanceof Error ? windowFailure : new Error('la fenêtre de la ligne de commande a échoué');
  rmSync(harnessDir, { recursive: true, force: true });
  const line = stdout.split('\n').find((candidate) => candidate.startsWith('{'));
  return { status, stdout, stderr, records, json: line ? (JSON.parse(line) as Record<string, unknown>) : {} };
}

/** The window's page in Debian's Chromium, its preload evaluated first, its IPC carried to the child. */
async function showWindow(
  url: string,
  window: StandInRecord | undefined,
  renderer: string,
  request: (message: DistributiveOmit<HarnessRequest, 'id'>) => Promise<Extract<ChildMessage, { type: 'reply' }>>,
  play: (page: Page) => Promise<void>,
): Promise<void> {
  const preload =
    window?.kind === 'window'
      ? (window.options as { webPreferences?: { preload?: unknown } }).webPreferences?.preload
      : undefined;
  if (typeof preload !== 'string') throw new Error('La fenêtre ne déclare pas de preload');
  const browser = await chromium.launch({
    executablePath: chromiumExecutable,
    args: ['--disable-gpu', '--no-first-run', '--lang=fr-FR'],
    env: frenchChromiumEnvironment(),
  });
  try {
    const page = await browser.newPage({ locale: 'fr-FR' });
    await page.exposeBinding(invokeBindingName, async ({ frame }, channel: string, args: unknown[]) => {
      const reply = await request({
        type: 'invoke',
        channel,
        args,
        sender: { url: frame.url(), isMainFrame: frame === page.mainFrame(), fromAppWindow: true },
      });
      return reply.ok ? { ok: true as const, value: reply.value } : { ok: false as const, message: reply.message };
    });
    await page.addInitScript({ content: initScript(renderer, readFileSync(preload, 'utf8')) });
    await page.goto(url);
    await request({ type: 'page-loaded' });
    await play(page);
  } finally {
    await browser.close();
  }
}
