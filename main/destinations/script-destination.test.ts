import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dirs';
import { posixFileTrust } from './file-trust';
import type { ScriptDestination } from './machine-policy';
import { cproAccountHeader } from '../chorus/chorus-client';
import type { PasswordPayload } from './password-payload';
import { runScriptDestination } from './script-destination';

// Real programs, run as the app runs them: without a shell, in their own process group. The
// tests run as root (CI), so a file the test writes is an administrator's; another owner is made
// with chown, a user-writable file with chmod.
const runningAsRoot = process.getuid?.() === 0;
const runner = { platform: process.platform, checkTrust: posixFileTrust() };

const payload: PasswordPayload = {
  schemaVersion: 1,
  changeId: '7c0b6a38-3c1e-4f55-9d7e-1f7cbbd2a001',
  account: 'Commune de Plouër',
  login: 'TECH_1_demo@cpro.fr',
  password: 'Pâques-2026!é€𝄞',
  apiBaseUrl: 'https://api.piste.gouv.fr',
  tokenUrl: 'https://oauth.piste.gouv.fr/api/oauth/token',
  passwordUpdatedOn: '2026-12-06',
  passwordExpiresOn: '2028-02-03',
};

/** A program in an administrator's folder: `#!/bin/sh` and the given lines. */
function program(lines: string, mode = 0o755): string {
  const folder = join(tempDir('chorus-script-'), 'programmes');
  mkdirSync(folder, { mode: 0o755 });
  const file = join(folder, 'pousser');
  writeFileSync(file, `#!/bin/sh\n${lines}\n`, { mode });
  chmodSync(file, mode);
  return file;
}

const destination = (
  command: string,
  args: string[] = [],
  extra: Partial<ScriptDestination> = {},
): ScriptDestination => ({ name: 'Compta', kind: 'script', command, args, ...extra });

describe.runIf(runningAsRoot)('a script destination', () => {
  it('receives the credentials on its standard input, as JSON in ASCII only', async () => {
    const received = join(tempDir('chorus-script-out-'), 'recu.json');
    const outcome = await runScriptDestination(destination(program('cat > "$1"'), [received]), payload, runner);
    expect(outcome).toEqual({ ok: true });
    const bytes = readFileSync(received);
    expect([...bytes].every((byte) => byte < 0x7f)).toBe(true);
    expect(bytes.toString('ascii')).toContain('P\\u00e2ques-2026!\\u00e9\\u20ac\\ud834\\udd1e');
    expect(JSON.parse(bytes.toString('ascii'))).toEqual(payload);
  });

  it.each([
    ['a relative path', () => destination('pousser.sh'), 'chemin relatif refusé'],
    ['a .cmd', () => destination('/opt/compta/pousser.cmd'), '.cmd et .bat refusés'],
    ['a .bat written with a trailing dot', () => destination('/opt/compta/POUSSER.BAT.'), 'powershell.exe'],
    [
      'a program users may write (o+w)',
      () => destination(program('exit 0', 0o757)),
      "modifiable par d'autres utilisateurs",
    ],
    [
      'a program its group may write (g+w)',
      () => destination(program('exit 0', 0o775)),
      "modifiable par d'autres utilisateurs",
    ],
    [
      'a program another user owns',
      () => {
        const file = program('exit 0');
        chownSync(file, 65534, 65534);
        return destination(file);
      },
      "appartient à l'utilisateur n° 65534",
    ],
    [
      'a program in a folder users may write',
      () => {
        const file = program('exit 0');
        chmodSync(join(file, '..'), 0o777);
        return destination(file);
      },
      'son dossier',
    ],
    ['a file that is not executable', () => destination(program('exit 0', 0o644)), "n'est pas exécutable"],
    [
      'a script given as argument that another user owns',
      () => {
        const script = join(tempDir('chorus-script-arg-'), 'pousser.ps1');
        writeFileSync(script, 'Write-Output 1');
        chownSync(script, 65534, 65534);
        return destination(program('exit 0'), ['-File', script]);
      },
      'argument',
    ],
  ])('refuses %s before running anything, saying why', async (_case, make, reason) => {
    const outcome = await runScriptDestination(make(), payload, runner);
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toContain(reason);
  });

  it('reports a failure with its last words, the password masked in every form it printed', async () => {
    const lines = `cat > /dev/null\necho "connexion à la base..."\necho "refusé pour ${payload.password} (${cproAccountHeader(payload.login, payload.password)})" >&2\nexit 3`;
    const outcome = await runScriptDestination(destination(program(lines)), payload, runner);
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toMatch(/code 3 : « refusé pour \*{8} \(\*{8}\) »/);
    expect(outcome.output).toContain('connexion à la base...');
    expect(`${outcome.message ?? ''}${outcome.output ?? ''}`).not.toContain(payload.password);
    expect(`${outcome.message ?? ''}${outcome.output ?? ''}`).not.toContain(
      cproAccountHeader(payload.login, payload.password),
    );
  });

  it('kills a program past its time limit, with the processes it started', async () => {
    const pidFile = join(tempDir('chorus-script-pid-'), 'enfant.pid');
    const started = Date.now();
    const outcome = await runScriptDestination(
      destination(program('sleep 300 &\necho $! > "$1"\nsleep 300'), [pidFile], { timeoutSeconds: 5 }),
      payload,
      runner,
    );
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(outcome).toMatchObject({ ok: false, message: expect.stringContaining('délai de 5 s dépassé') as string });
    const child = Number(readFileSync(pidFile, 'utf8').trim());
    // Gone, or a zombie waiting for its reaper: not running in any case.
    const stat = existsSync(`/proc/${child}/stat`) ? readFileSync(`/proc/${child}/stat`, 'utf8') : '';
    expect(stat === '' || / Z /.test(stat)).toBe(true);
  });
});
