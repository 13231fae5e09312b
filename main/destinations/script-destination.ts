import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { dirname, join, posix, win32 } from 'node:path';
import { printable } from '../text/printable';
import type { DestinationOutcome } from './destination-outcome';
import { fileDistrust, type CheckFileTrust } from './file-trust';
import { scriptTimeoutBounds, type ScriptDestination } from './machine-policy';
import { asciiJson, maskedOutput, secretForms, type PasswordPayload } from './password-payload';

export interface ScriptRunner {
  readonly platform: NodeJS.Platform;
  readonly checkTrust: CheckFileTrust;
  /** Ends the program and every process it started (default: its process group; taskkill /T on Windows). */
  readonly killTree?: (child: ChildProcess) => void;
}

/** What is kept of each stream while it runs; what is kept of it afterwards. */
const capturedBytes = 64 * 1024;
const keptCharacters = 4000;

/** `.cmd` and `.bat` go through cmd.exe, which Node no longer does without a shell (CVE-2024-27980). */
const needsInterpreter = /\.(cmd|bat|ps1)[. ]*$/i;

const isAbsoluteOn = (platform: NodeJS.Platform, path: string): boolean =>
  platform === 'win32' ? win32.isAbsolute(path) && !/^[\\/](?![\\/])/.test(path) : posix.isAbsolute(path);

/** Why the policy's program may not run, checked before each run; undefined when it may. */
export async function scriptRefusal(
  destination: ScriptDestination,
  runner: ScriptRunner,
): Promise<{ readonly reason: string } | { readonly program: string }> {
  const { command, args = [] } = destination;
  if ([command, ...args].some((part) => part.includes('\0')))
    return { reason: 'caractère nul dans la commande ou ses arguments' };
  if (!isAbsoluteOn(runner.platform, command)) {
    return {
      reason: `chemin relatif refusé (« ${printable(command)} ») : la stratégie doit donner le chemin complet du programme, jamais cherché dans le PATH`,
    };
  }
  if (needsInterpreter.test(command)) {
    return {
      reason: `« ${printable(command)} » ne se lance pas sans interpréteur de commandes (.cmd et .bat refusés, CVE-2024-27980) : donnez powershell.exe comme programme et le script en arguments (-NoProfile -NonInteractive -File …)`,
    };
  }
  const program = await fileDistrust(command, runner.checkTrust);
  if ('reason' in program)
    return {
      reason: `programme ${printable(command)} : ${program.reason} ; il doit appartenir à un administrateur et n'être modifiable par aucun utilisateur`,
    };
  if (runner.platform !== 'win32' && ((await stat(program.real)).mode & 0o111) === 0)
    return { reason: `programme ${printable(command)} : le fichier n'est pas exécutable` };
  // A script given to an interpreter (powershell.exe -File …) is what really runs: held to the same rule.
  for (const argument of args) {
    if (!isAbsoluteOn(runner.platform, argument)) continue;
    const exists = await stat(argument).then(
      (stats) => stats.isFile(),
      () => false,
    );
    if (!exists) continue;
    const file = await fileDistrust(argument, runner.checkTrust);
    if ('reason' in file)
      return {
        reason: `argument ${printable(argument)} : ${file.reason} ; il doit appartenir à un administrateur et n'être modifiable par aucun utilisateur`,
      };
  }
  return { program: program.real };
}

/** Everything the program started: its process group (POSIX); taskkill /T on Windows (NOT VERIFIED there). */
export function defaultKillTree(platform: NodeJS.Platform): (child: ChildProcess) => void {
  return (child) => {
    if (child.pid === undefined) return;
    if (platform === 'win32') {
      execFile(
        join(process.env.SystemRoot ?? 'C:\\Windows', 'System32', 'taskkill.exe'),
        ['/PID', String(child.pid), '/T', '/F'],
        { windowsHide: true },
        () => undefined,
      );
      return;
    }
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The group is gone already.
    }
  };
}

/** Line breaks kept, every other control or direction character made visible: the text is shown on screen and in `status`. */
const shownText = (text: string): string => text.replace(/\r\n/g, '\n').split('\n').map(printable).join('\n');

/** Another user's variables are not this program's business, nor ours (keychain namespace, Electron's switches). */
const programEnvironment = (): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(CHORUS_|ELECTRON_)/i.test(name)));

/**
 * Runs the policy's program with the new credentials on its standard input (ASCII JSON), without
 * a shell, with the policy's arguments only; past its time limit the program and every process it
 * started are killed. What it prints is kept with the secrets masked.
 */
export async function runScriptDestination(
  destination: ScriptDestination,
  payload: PasswordPayload,
  runner: ScriptRunner,
): Promise<DestinationOutcome> {
  const checked = await scriptRefusal(destination, runner);
  if ('reason' in checked) return { ok: false, message: checked.reason };
  const timeoutSeconds = destination.timeoutSeconds ?? scriptTimeoutBounds.default;
  const killTree = runner.killTree ?? defaultKillTree(runner.platform);
  const forms = secretForms(payload);
  return new Promise((resolve) => {
    const child = spawn(checked.program, destination.args ?? [], {
      shell: false,
      // Its own process group, so that the time limit ends its children too.
      detached: runner.platform !== 'win32',
      windowsHide: true,
      cwd: dirname(checked.program),
      env: programEnvironment(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const streams = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
    const sizes = { stdout: 0, stderr: 0 };
    for (const name of ['stdout', 'stderr'] as const) {
      child[name].on('data', (chunk: Buffer) => {
        if (sizes[name] >= capturedBytes) return;
        streams[name].push(chunk.subarray(0, capturedBytes - sizes[name]));
        sizes[name] += chunk.length;
      });
    }
    let timedOut = false;
    let settled = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killTree(child);
    }, timeoutSeconds * 1000);
    const output = (): string => {
      const text = [Buffer.concat(streams.stdout).toString('utf8'), Buffer.concat(streams.stderr).toString('utf8')]
        .filter((part) => part.trim() !== '')
        .join('\n');
      return shownText(maskedOutput(text, forms)).slice(-keptCharacters);
    };
    const finish = (outcome: Omit<DestinationOutcome, 'output'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const kept = output();
      resolve({ ...outcome, ...(kept ? { output: kept } : {}) });
    };
    child.on('error', (error: NodeJS.ErrnoException) =>
      finish({ ok: false, message: `le programme n'a pas pu être lancé (${error.code ?? 'erreur'})` }),
    );
    child.on('exit', (code, signal) => {
      // What it left running still holds our pipes: a moment to drain them, then the group goes.
      const closed = new Promise<void>((done) => child.once('close', () => done()));
      const grace = new Promise<void>((done) => setTimeout(done, 500).unref());
      void Promise.race([closed, grace]).then(() => {
        if (child.stdout.readable || child.stderr.readable) {
          killTree(child);
          child.stdout.destroy();
          child.stderr.destroy();
        }
        const lastLine = maskedOutput(
          Buffer.concat(streams.stderr.length > 0 ? streams.stderr : streams.stdout).toString('utf8'),
          forms,
        )
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter(Boolean)
          .pop();
        const said = lastLine ? ` : « ${printable(lastLine.slice(0, 300))} »` : '';
        if (timedOut)
          finish({
            ok: false,
            message: `délai de ${timeoutSeconds} s dépassé : le programme et les processus qu'il avait lancés ont été arrêtés`,
          });
        else if (code === 0) finish({ ok: true });
        else
          finish({
            ok: false,
            message:
              code === null
                ? `le programme a été arrêté (${signal ?? 'signal'})${said}`
                : `le programme s'est terminé avec le code ${code}${said}`,
          });
      });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(`${asciiJson(payload)}\n`);
  });
}
