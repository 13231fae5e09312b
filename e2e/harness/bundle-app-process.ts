// The app's main process for the bundle target: dist/main/index.js in a Node child, `electron`
// resolved to the stand-in; its records, its log lines, and the requests the harness sends it.
import { fork, type ChildProcess } from 'node:child_process';
import type { LogLine } from '../../main/logging/logger';
import {
  standInConfigVariable,
  type ChildMessage,
  type HarnessRequest,
  type StandInConfig,
  type StandInRecord,
} from './electron-stand-in/protocol';

/** `2026-11-28T04:20:00.000Z info app.started {"version":"0.1.0"}`, as main/logging/logger.ts prints it. */
function parseLogLine(text: string): LogLine | undefined {
  const match = /^\S+ (info|warn|error) (\S+) (\{.*\})$/.exec(text);
  if (!match) return undefined;
  return { level: match[1] as LogLine['level'], event: match[2]!, fields: JSON.parse(match[3]!) as LogLine['fields'] };
}

export interface AppProcess {
  readonly child: ChildProcess;
  readonly records: StandInRecord[];
  request(message: DistributiveOmit<HarnessRequest, 'id'>): Promise<unknown>;
  waitFor<K extends StandInRecord['kind']>(kind: K): Promise<Extract<StandInRecord, { kind: K }>>;
  readonly exited: Promise<number | null>;
  /** Everything the process wrote on its standard error. */
  stderr(): string;
}
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** dist/main/index.js in a Node child, `electron` resolved to the stand-in. */
export function startAppProcess(
  mainEntry: string,
  bootstrap: string,
  env: Record<string, string>,
  config: StandInConfig,
  onRecord: (seq: number, record: StandInRecord) => void,
  logLines: LogLine[] | undefined,
): AppProcess {
  const child = fork(mainEntry, [], {
    execArgv: ['--require', bootstrap],
    env: { ...env, [standInConfigVariable]: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  const records: StandInRecord[] = [];
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const waiting: { kind: string; resolve: (record: StandInRecord) => void }[] = [];
  let stderr = '';
  let nextId = 1;
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let stdoutRest = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (stdoutRest + chunk).split('\n');
    stdoutRest = lines.pop() ?? '';
    for (const line of lines) {
      const parsed = parseLogLine(line);
      if (parsed) logLines?.push(parsed);
    }
  });
  child.on('message', (message: ChildMessage) => {
    if (message.type === 'record') {
      records.push(message.record);
      onRecord(message.seq, message.record);
      for (const waiter of waiting.filter((candidate) => candidate.kind === message.record.kind)) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve(message.record);
      }
      return;
    }
    const call = pending.get(message.id);
    pending.delete(message.id);
    if (message.ok) call?.resolve(message.value);
    else call?.reject(new Error(message.message));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const died = exited.then(
    (code) => new Error(`Le processus principal de l'application s'est arrêté (code ${code ?? 'signal'}) :\n${stderr}`),
  );
  void died.then((error) => {
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  });
  return {
    child,
    records,
    exited,
    stderr: () => stderr,
    request: (message) => {
      const id = nextId++;
      const settled = new Promise<unknown>((resolve, reject) => pending.set(id, { resolve, reject }));
      if (child.connected) child.send({ ...message, id });
      else void died.then((error) => pending.get(id)?.reject(error));
      return settled;
    },
    waitFor: (kind) => {
      const found = records.find((candidate) => candidate.kind === kind);
      if (found) return Promise.resolve(found as Extract<StandInRecord, { kind: typeof kind }>);
      return Promise.race([
        new Promise<Extract<StandInRecord, { kind: typeof kind }>>((resolve) =>
          waiting.push({ kind, resolve: (record) => resolve(record as Extract<StandInRecord, { kind: typeof kind }>) }),
        ),
        died.then((error) => Promise.reject(error)),
      ]);
    },
  };
}
