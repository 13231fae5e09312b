// The installed executable's command line (`--cli`) for the bundle target: dist/main/index.js in a
// Node child with the stand-in for Electron, started with `--cli …`, as the exe would be.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleStandIn, electronVersion } from './bundle-target';
import { projectRoot } from './paths';
import { standInConfigVariable, type ChildMessage, type StandInConfig, type StandInRecord } from './electron-stand-in/protocol';

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
  readonly stdin?: string;
  /** The accountant clicks each notification (default: dismisses it). */
  readonly clickNotifications?: boolean;
  /** The app's own executable (`process.execPath` in Electron), which a click starts again. */
  readonly executablePath?: string;
}

export async function runBundleCli(args: readonly string[], env: Readonly<Record<string, string>>, options: BundleCliOptions = {}): Promise<BundleCliRun> {
  const { child: childBundle } = await bundleStandIn();
  const harnessDir = mkdtempSync(join(tmpdir(), 'chorus-bundle-cli-'));
  const bootstrap = join(harnessDir, 'electron-stand-in.cjs');
  writeFileSync(bootstrap, childBundle);
  // A Chromium version is not asked for by the command line: no browser is started.
  const config: StandInConfig = {
    syncSocket: join(harnessDir, 'sync.sock'),
    electronVersion: electronVersion(),
    chromeVersion: '0.0.0.0',
    ...(options.executablePath === undefined ? {} : { executablePath: options.executablePath }),
  };
  const inherited = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const child = fork(join(projectRoot, 'dist', 'main', 'index.js'), ['--cli', ...args], {
    execArgv: ['--require', bootstrap],
    env: { ...inherited, ...env, [standInConfigVariable]: JSON.stringify(config) },
    stdio: ['pipe', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  const records: StandInRecord[] = [];
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let requestId = 0;
  let notificationIndex = 0;
  child.on('message', (message: ChildMessage) => {
    if (message.type !== 'record') return;
    records.push(message.record);
    // The accountant dismisses (or clicks) each notification: the check may then end.
    if (message.record.kind === 'notification' && child.connected) {
      requestId += 1;
      child.send({ type: options.clickNotifications === true ? 'click-notification' : 'close-notification', id: requestId, index: notificationIndex });
      notificationIndex += 1;
    }
  });
  child.stdin?.end(options.stdin ?? '');
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const status = await new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  clearTimeout(killer);
  rmSync(harnessDir, { recursive: true, force: true });
  const line = stdout.split('\n').find((candidate) => candidate.startsWith('{'));
  return { status, stdout, stderr, records, json: line ? (JSON.parse(line) as Record<string, unknown>) : {} };
}
