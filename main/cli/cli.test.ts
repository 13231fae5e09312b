import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, addMonths, format, startOfDay } from 'date-fns';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { clearKeychainService } from '../secrets/keytar-secret-store';
import { demoAccount } from '../../test/support/core-fixture';
import { tempDir } from '../../test/support/temp-dirs';
import { runCliProcess, type CliRun } from '../../test/support/cli-process';
import { simulatorForTheFile } from '../../test/support/simulator-for-file';

const projectRoot = join(__dirname, '..', '..');
// Each test gets its own keychain namespace: the simulator's host and login are the same for all.
let keychainService = '';
const usedServices: string[] = [];
beforeEach(() => {
  keychainService = `Chorus Pro Echanges (test cli ${randomUUID()})`;
  usedServices.push(keychainService);
});

/** The real command line, in its own process, in this test's keychain namespace. */
const cli = (args: readonly string[], options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> =>
  runCliProcess(args, keychainService, options);

const simulator = simulatorForTheFile();
afterAll(async () => {
  await Promise.all(usedServices.map((service) => clearKeychainService(service)));
});

async function configured(): Promise<string> {
  const dir = tempDir('chorus-cli-');
  const configure = await cli([
    'configure',
    '--url',
    simulator().url,
    '--token-url',
    simulator().tokenUrl,
    '--login',
    demoAccount.login,
    '--client-id',
    demoAccount.clientId,
    '--json',
    '--user-data-dir',
    dir,
  ]);
  expect(configure.status).toBe(0);
  expect(
    (
      await cli(['set-client-secret', '--client-secret-stdin', '--json', '--user-data-dir', dir], {
        stdin: `${demoAccount.clientSecret}\n`,
      })
    ).status,
  ).toBe(0);
  return dir;
}

/** The command line at a real terminal (a pseudo-terminal from util-linux's `script`), typed into. */
function cliAtTerminal(args: readonly string[], typed: string): Promise<{ status: number | null; screen: string }> {
  return new Promise((resolve, reject) => {
    const command = [process.execPath, '--import', 'tsx', join(projectRoot, 'main/cli.ts'), ...args]
      .map((part) => `'${part.replace(/'/g, "'\\''")}'`)
      .join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      cwd: projectRoot,
      env: { ...process.env, CHORUS_PRO_KEYCHAIN_SERVICE: keychainService },
    });
    let screen = '';
    let typing = false;
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString('utf8');
      if (!typing && screen.includes('Saisissez')) {
        typing = true;
        child.stdin.write(typed);
      }
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, screen }));
  });
}

/** The command line at a terminal, answering each prompt as it appears (`when` seen on screen, then `type` typed). */
function cliAtTerminalAnswering(
  args: readonly string[],
  answers: readonly { when: string; type: string }[],
): Promise<{ status: number | null; screen: string }> {
  return new Promise((resolve, reject) => {
    const command = [process.execPath, '--import', 'tsx', join(projectRoot, 'main/cli.ts'), ...args]
      .map((part) => `'${part.replace(/'/g, "'\\''")}'`)
      .join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      cwd: projectRoot,
      env: { ...process.env, CHORUS_PRO_KEYCHAIN_SERVICE: keychainService },
    });
    let screen = '';
    const pending = [...answers];
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString('utf8');
      const next = pending[0];
      if (next && screen.includes(next.when)) {
        pending.shift();
        child.stdin.write(next.type);
      }
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, screen }));
  });
}

describe('the command line', () => {
  it('never shows a secret typed at a terminal, and keeps it', async () => {
    const dir = await configured();
    const run = await cliAtTerminal(
      ['set-client-secret', '--client-secret-stdin', '--user-data-dir', dir],
      `${demoAccount.clientSecret}\r\u0004`,
    );
    expect(run.status).toBe(0);
    expect(run.screen).toContain('Secret client PISTE enregistré');
    expect(run.screen).not.toContain(demoAccount.clientSecret);
    // Kept exactly as typed: PISTE accepts it, so Chorus Pro can check the password.
    expect(
      (
        await cli(['set-password', '--password-stdin', '--json', '--user-data-dir', dir], {
          stdin: demoAccount.password,
        })
      ).status,
    ).toBe(0);
  });

  it('offline at a terminal, offers to keep the password just typed unchecked (« [o/N] »), rather than asking for it again', async () => {
    const dir = await configured();
    // Nothing listens on port 9: Chorus Pro cannot be reached.
    expect(
      (
        await cli([
          'configure',
          '--url',
          'http://127.0.0.1:9',
          '--token-url',
          'http://127.0.0.1:9/api/oauth/token',
          '--user-data-dir',
          dir,
        ])
      ).status,
    ).toBe(0);
    await cli(['set-client-secret', '--client-secret-stdin', '--user-data-dir', dir], {
      stdin: demoAccount.clientSecret,
    });
    const declined = await cliAtTerminalAnswering(
      ['set-password', '--password-stdin', '--user-data-dir', dir],
      [
        { when: 'Saisissez', type: 'Hors-ligne-2027\r' },
        { when: '[o/N]', type: '\r' },
      ],
    );
    expect(declined.status).toBe(1);
    expect((await cli(['status', '--json', '--user-data-dir', dir])).json).toMatchObject({
      secrets: { password: false },
    });
    const kept = await cliAtTerminalAnswering(
      ['set-password', '--password-stdin', '--user-data-dir', dir],
      [
        { when: 'Saisissez', type: 'Hors-ligne-2027\r' },
        { when: '[o/N]', type: 'o\r' },
      ],
    );
    expect(kept.status).toBe(0);
    expect(kept.screen).toContain("Chorus Pro n'a pas pu vérifier le mot de passe (CONNECTION_FAILED)");
    expect(kept.screen).toContain('Mot de passe enregistré sans vérification auprès de Chorus Pro');
    expect(kept.screen).not.toContain('Hors-ligne-2027');
    expect((await cli(['status', '--json', '--user-data-dir', dir])).json).toMatchObject({
      secrets: { password: true, passwordVerified: false },
    });
  });

  it('never repeats an unexpected argument: it may be a secret typed in the wrong place', async () => {
    const dir = tempDir('chorus-cli-');
    const run = await cli(['set-password', 'Hunter2-Canari', '--password-stdin', '--user-data-dir', dir], {
      stdin: 'x\n',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('argument inattendu');
    expect(`${run.stdout}${run.stderr}`).not.toContain('Hunter2-Canari');
  });

  it('refuses a login with a control character, as the screen does', async () => {
    const dir = tempDir('chorus-cli-');
    const configure = await cli(['configure', '--login', 'TECH_1\u001B[2Jfaux', '--json', '--user-data-dir', dir]);
    expect(configure.status).toBe(2);
    expect(configure.json).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: expect.stringContaining('caractère de contrôle') as string,
    });
  });

  it('configures, stores both secrets, tests the connection and lists the structures', async () => {
    const dir = await configured();

    const setPassword = await cli(['set-password', '--password-stdin', '--json', '--user-data-dir', dir], {
      stdin: `${demoAccount.password}\n`,
    });
    expect(setPassword.status).toBe(0);
    expect(setPassword.json).toMatchObject({
      ok: true,
      stored: true,
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string,
    });
    // The stored password given again: nothing changes, its date included; a script that sets it at every run still succeeds.
    const again = await cli(['set-password', '--password-stdin', '--json', '--user-data-dir', dir], {
      stdin: `${demoAccount.password}\n`,
    });
    expect(again.status).toBe(0);
    expect(again.json).toEqual({ ok: true, stored: true, unchanged: true, updatedAt: setPassword.json.updatedAt });

    const status = await cli(['status', '--json', '--user-data-dir', dir]);
    expect(status.stdout.trim().split('\n')).toHaveLength(1);
    expect(status.json).toEqual({
      ok: true,
      account: { name: 'Compte principal' },
      settings: {
        environment: 'custom',
        apiBaseUrl: simulator().url,
        tokenUrl: simulator().tokenUrl,
        login: demoAccount.login,
        clientId: demoAccount.clientId,
        alertDelayMonths: 12,
        passwordUpdatedAt: setPassword.json.updatedAt,
        chorusPasswordExpiresOn: null,
        passwordVerified: true,
        timeoutSeconds: 30,
        proxyUrl: null,
        caCertificatePath: null,
      },
      secrets: { password: true, passwordVerified: true, clientSecret: true },
      reminder: {
        due: false,
        dueOn: format(addMonths(startOfDay(new Date(setPassword.json.updatedAt as string)), 12), 'yyyy-MM-dd'),
        expiresOn: format(addDays(startOfDay(new Date(setPassword.json.updatedAt as string)), 424), 'yyyy-MM-dd'),
        source: 'estimate',
      },
      // No test of the saved settings yet (set-password's check is of the new password).
      lastCheck: null,
      // Chorus Pro accepted it: pushed, to no destination on this machine without a policy.
      exchange: {
        destinations: [],
        passwordAccepted: true,
        pushedAt: expect.any(String) as string,
        allowPrograms: false,
      },
    });

    const test = await cli(['test', '--json', '--user-data-dir', dir]);
    expect(test.status).toBe(0);
    expect(test.json).toMatchObject({ ok: true, structureCount: 3 });
    // The test read the expiry Chorus Pro gives for the demo account.
    expect((await cli(['status', '--json', '--user-data-dir', dir])).json).toMatchObject({
      settings: { chorusPasswordExpiresOn: '2027-09-30' },
      reminder: { expiresOn: '2027-09-30', source: 'chorus-pro' },
    });

    const structures = await cli(['structures', '--user-data-dir', dir]);
    expect(structures.status).toBe(0);
    expect(structures.stdout).toContain('3 structures');
    expect(structures.stdout).toContain('SIRET 21380185500015  COMMUNE DE SAINT-DEMO');
  });

  it('refuses a password Chorus Pro rejects: exit 1, AUTH_REJECTED, nothing stored', async () => {
    const dir = await configured();
    const refused = await cli(['set-password', '--password-stdin', '--json', '--user-data-dir', dir], {
      stdin: 'pas-le-bon\n',
    });
    expect(refused.status).toBe(1);
    expect(refused.json).toMatchObject({ ok: false, code: 'AUTH_REJECTED' });
    expect((await cli(['status', '--json', '--user-data-dir', dir])).json).toMatchObject({
      secrets: { password: false },
      settings: { passwordUpdatedAt: null },
    });
  });

  it.each([
    [['configure', '--url', 'http://chorus.example.org'], 'INSECURE_URL'],
    [['configure', '--timeout', '4'], 'INVALID_INPUT'],
    [['configure', '--timeout', 'trente'], 'INVALID_INPUT'],
    [['configure', '--env', 'recette'], 'INVALID_INPUT'],
    [['configure', '--ca-file', '/nulle/part/ca.pem'], 'INVALID_INPUT'],
    [['set-password', '--password', 'en-clair-dans-l-historique'], 'INVALID_INPUT'],
    [['set-password'], 'INVALID_INPUT'],
    [['status', '--login', 'x'], 'INVALID_INPUT'],
    [['inconnue'], 'INVALID_INPUT'],
  ])('exits 2 with one JSON line for bad usage: %j', async (args, code) => {
    const run = await cli([...args, '--json', '--user-data-dir', tempDir('chorus-cli-')]);
    expect(run.status).toBe(2);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(run.json).toMatchObject({ ok: false, code });
    expect(run.stdout).not.toContain('en-clair-dans-l-historique');
  });

  it('takes a test’s connection options for that run only', async () => {
    const dir = await configured();
    await cli(['set-password', '--password-stdin', '--no-verify', '--user-data-dir', dir], {
      stdin: demoAccount.password,
    });
    const other = await cli(['test', '--login', 'TECH_3_sans_structure@cpro.fr', '--json', '--user-data-dir', dir]);
    expect(other.json).toMatchObject({ ok: false, code: 'MISSING_SECRET' });
    expect((await cli(['status', '--json', '--user-data-dir', dir])).json).toMatchObject({
      settings: { login: demoAccount.login },
    });
  });

  it('asks to confirm surrounding spaces rather than trimming them', async () => {
    const dir = await configured();
    const run = await cli(['set-password', '--password-stdin', '--no-verify', '--json', '--user-data-dir', dir], {
      stdin: ' collé depuis un PDF\n',
    });
    expect(run.status).toBe(2);
    expect(run.json).toMatchObject({ ok: false, code: 'CONFIRMATION_REQUIRED' });
  });

  it('drops exactly one trailing line break from standard input', async () => {
    const dir = await configured();
    for (const [input, stored] of [
      ['avec-crlf\r\n', 'avec-crlf'],
      ['deux-sauts\n\n', 'deux-sauts\n'],
      ['sans-saut', 'sans-saut'],
    ] as const) {
      // The second ends with a line break once the first is dropped: kept only when confirmed.
      const run = await cli(
        ['set-password', '--password-stdin', '--no-verify', '--confirm-spaces', '--user-data-dir', dir],
        { stdin: input },
      );
      expect(run.status).toBe(0);
      const script = `require('keytar').getPassword(process.argv[1], process.argv[2]).then((v) => process.stdout.write(JSON.stringify(v)))`;
      const read = await new Promise<string>((resolve) => {
        const child = spawn(
          process.execPath,
          [
            '-e',
            script,
            keychainService,
            `mot-de-passe-technique|${new URL(simulator().url).host}|${demoAccount.login}`,
          ],
          { cwd: projectRoot },
        );
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
        child.on('close', () => resolve(out));
      });
      expect(JSON.parse(read)).toBe(stored);
    }
  });

  it('reports a recovered settings file in the run that recovered it, once', async () => {
    const dir = tempDir('chorus-cli-');
    writeFileSync(join(dir, 'config.json'), '{"schemaVersion":1,"environment":');
    const first = await cli(['status', '--json', '--user-data-dir', dir]);
    expect(first.status).toBe(0);
    expect(first.json.recoveredFrom).toEqual(expect.stringMatching(/config\.json\.corrupt-/));
    expect(readFileSync(first.json.recoveredFrom as string, 'utf8')).toBe('{"schemaVersion":1,"environment":');
    const second = await cli(['status', '--json', '--user-data-dir', dir]);
    expect(second.json).not.toHaveProperty('recoveredFrom');
  });
});

const noKeychain = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };
const settingsText = (dir: string): string => readFileSync(join(dir, 'config.json'), 'utf8');

describe('the command line without a keychain', () => {
  it('configures and reports the settings, the secrets as unknown, and says so', async () => {
    const dir = tempDir('chorus-cli-');
    const configure = await cli(
      ['configure', '--login', 'TECH_1_hors_ligne@cpro.fr', '--env', 'qualification', '--json', '--user-data-dir', dir],
      { env: noKeychain },
    );
    expect(configure.status).toBe(0);
    expect(configure.json).toMatchObject({
      ok: true,
      keychainUnavailable: true,
      secrets: { password: null, passwordVerified: null, clientSecret: null },
    });
    expect(JSON.parse(settingsText(dir))).toMatchObject({
      accounts: [{ login: 'TECH_1_hors_ligne@cpro.fr', environment: 'qualification' }],
    });

    const status = await cli(['status', '--user-data-dir', dir], { env: noKeychain });
    expect(status.status).toBe(0);
    expect(status.stdout).toContain('coffre-fort de mots de passe est inaccessible');
    expect(status.stdout).toContain('Mot de passe : inconnu (coffre-fort inaccessible)');
    expect(status.stdout + status.stderr).not.toContain("rien n'a été modifié");
  });

  it('exports and imports a settings-only profile', async () => {
    const source = await configured();
    const profile = join(tempDir('chorus-cli-'), 'profil.json');
    expect(
      (await cli(['export-profile', profile, '--json', '--user-data-dir', source], { env: noKeychain })).json,
    ).toMatchObject({ ok: true, withSecrets: false });
    const target = tempDir('chorus-cli-');
    const imported = await cli(['import-profile', profile, '--json', '--user-data-dir', target], { env: noKeychain });
    expect(imported.status).toBe(0);
    expect(JSON.parse(settingsText(target))).toMatchObject({ accounts: [{ login: demoAccount.login }] });
    // What a person reads: the environments by their French names.
    const again = await cli(['import-profile', profile, '--user-data-dir', tempDir('chorus-cli-')], {
      env: noKeychain,
    });
    expect(again.stdout).toContain('  Environnement : Production → Personnalisé');
  });

  it.each([
    ['set-password', ['set-password', '--password-stdin', '--no-verify'], 'Un-mot-de-passe'],
    ['set-client-secret', ['set-client-secret', '--client-secret-stdin'], 'un-secret'],
    ['test', ['test'], ''],
    ['structures', ['structures'], ''],
    [
      'export-profile --with-secrets',
      ['export-profile', 'PROFILE', '--with-secrets', '--passphrase-stdin'],
      'une phrase secrète assez longue',
    ],
  ])('%s fails with KEYCHAIN_UNAVAILABLE, and indeed changes nothing', async (_name, args, stdin) => {
    const dir = await configured();
    const before = settingsText(dir);
    const profile = join(tempDir('chorus-cli-'), 'profil.json');
    const run = await cli(
      [...args.map((arg) => (arg === 'PROFILE' ? profile : arg)), '--json', '--user-data-dir', dir],
      { env: noKeychain, stdin },
    );
    expect(run.status).toBe(1);
    expect(run.json).toMatchObject({
      ok: false,
      code: 'KEYCHAIN_UNAVAILABLE',
      message: expect.stringContaining("rien n'a été modifié") as string,
    });
    // The keychain of this platform, not Windows' everywhere.
    if (process.platform === 'linux') expect(run.json.message).toContain('Secret Service');
    expect(settingsText(dir)).toBe(before);
    expect(existsSync(profile)).toBe(false);
  });
});

describe('offline preparation on the command line', () => {
  it('keeps a password unchecked, says so everywhere, and the first successful test clears it', async () => {
    const dir = await configured();
    const current = simulator().resetPassword(demoAccount.login);
    const saved = await cli(
      [
        'set-password',
        '--password-stdin',
        '--no-verify',
        '--password-updated-on',
        '2026-03-02',
        '--json',
        '--user-data-dir',
        dir,
      ],
      { stdin: current },
    );
    expect(saved.json).toMatchObject({ ok: true, stored: true, verified: false });
    expect(new Date(saved.json.updatedAt as string)).toEqual(new Date(2026, 2, 2));

    const status = await cli(['status', '--json', '--user-data-dir', dir]);
    expect(status.json).toMatchObject({
      secrets: { password: true, passwordVerified: false },
      reminder: { expiresOn: '2027-04-30' },
    });
    expect((await cli(['status', '--user-data-dir', dir])).stdout).toContain('enregistré sans vérification');
    expect(readFileSync(join(dir, 'journaux', 'chorus-pro-echanges.log'), 'utf8')).toMatch(
      /"password.renewed".*"verified":false/,
    );

    expect((await cli(['test', '--json', '--user-data-dir', dir])).status).toBe(0);
    expect((await cli(['status', '--json', '--user-data-dir', dir])).json).toMatchObject({
      secrets: { password: true, passwordVerified: true },
    });
  });

  it('takes the date Chorus Pro communicated the password, refusing a future, an expired or a malformed one', async () => {
    const dir = tempDir('chorus-cli-');
    const today = startOfDay(new Date());
    const communicated = format(addDays(today, -40), 'yyyy-MM-dd');
    expect((await cli(['configure', '--login', 'TECH_1_date@cpro.fr', '--user-data-dir', dir])).status).toBe(0);
    // Typed before the workstation could reach Chorus Pro: kept unchecked, then dated by hand.
    expect(
      (
        await cli(['set-password', '--password-stdin', '--no-verify', '--user-data-dir', dir], {
          stdin: 'Communique-en-octobre',
        })
      ).status,
    ).toBe(0);
    const given = await cli(['configure', '--password-updated-on', communicated, '--json', '--user-data-dir', dir]);
    expect(given.status).toBe(0);
    expect(given.json).toMatchObject({
      reminder: { expiresOn: format(addDays(today, 424 - 40), 'yyyy-MM-dd'), source: 'estimate' },
    });

    const before = settingsText(dir);
    for (const [day, words] of [
      [format(addDays(today, 1), 'yyyy-MM-dd'), 'dans le futur'],
      [format(addDays(today, -425), 'yyyy-MM-dd'), 'a déjà expiré'],
      ['02/03/2026', "n'est pas une date"],
    ] as const) {
      const refused = await cli([
        'configure',
        '--alert-delay',
        '3',
        '--password-updated-on',
        day,
        '--json',
        '--user-data-dir',
        dir,
      ]);
      expect(refused.status).toBe(2);
      expect(refused.json).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
        message: expect.stringContaining(words) as string,
      });
      expect(settingsText(dir)).toBe(before);
    }
  });

  it('takes hurried input as printed: the environment in any case or in French, a date with a trailing space; --password points to --password-stdin', async () => {
    const dir = tempDir('chorus-cli-');
    expect((await cli(['configure', '--env', 'Qualification', '--user-data-dir', dir])).status).toBe(0);
    expect((await cli(['status', '--user-data-dir', dir])).stdout).toContain('Environnement : Qualification');
    expect((await cli(['configure', '--env', 'PRODUCTION', '--user-data-dir', dir])).status).toBe(0);
    const custom = await cli([
      'configure',
      '--env',
      'Personnalisé',
      '--url',
      'https://chorus.mairie.example',
      '--token-url',
      'https://oauth.mairie.example/token',
      '--user-data-dir',
      dir,
    ]);
    expect(custom.stderr).toBe('');
    expect((await cli(['status', '--user-data-dir', dir])).stdout).toContain('Environnement : Personnalisé');

    const day = format(addDays(startOfDay(new Date()), -5), 'yyyy-MM-dd');
    const dated = await cli(['configure', '--password-updated-on', `${day} `, '--user-data-dir', dir]);
    expect(dated.stderr).toBe('');
    expect(dated.status).toBe(0);

    const typed = await cli(['set-password', '--password', 'Secret-Tape-En-Clair', '--user-data-dir', dir]);
    expect(typed.status).toBe(2);
    expect(typed.stderr).toContain('--password-stdin');
    expect(typed.stderr).not.toContain('Secret-Tape-En-Clair');
  });

  it('ends quietly when its output is cut short (status | head -1): no stack, exit 0', async () => {
    const dir = tempDir('chorus-cli-');
    const run = await new Promise<{ status: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(projectRoot, 'main/cli.ts'), 'status', '--user-data-dir', dir],
        {
          cwd: projectRoot,
          env: { ...process.env, CHORUS_PRO_KEYCHAIN_SERVICE: keychainService },
        },
      );
      // The reader goes away before the first line, as `head -1` does after its line.
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stderr }));
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('refuses a mistyped --user-data-dir for a command that only reads: exit 2, nothing created', async () => {
    const missing = join(tempDir('chorus-cli-'), 'dossier-absent');
    for (const command of [['status'], ['test'], ['accounts'], ['structures']]) {
      const run = await cli([...command, '--user-data-dir', missing]);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain("--user-data-dir : ce dossier n'existe pas");
      expect(existsSync(missing)).toBe(false);
    }
    // A command that writes settings creates it, as before.
    expect((await cli(['configure', '--alert-delay', '6', '--user-data-dir', missing])).status).toBe(0);
    expect((await cli(['status', '--user-data-dir', missing])).stdout).toContain('Alerte actualisation : 6 mois');
  });

  it('takes a date typed before any password as provisional: it can be corrected, and status shows it as given', async () => {
    const dir = tempDir('chorus-cli-');
    const today = startOfDay(new Date());
    expect(
      (
        await cli([
          'configure',
          '--login',
          'TECH_1_avance@cpro.fr',
          '--password-updated-on',
          format(addDays(today, -10), 'yyyy-MM-dd'),
          '--user-data-dir',
          dir,
        ])
      ).status,
    ).toBe(0);
    const corrected = await cli([
      'configure',
      '--password-updated-on',
      format(addDays(today, -12), 'yyyy-MM-dd'),
      '--user-data-dir',
      dir,
    ]);
    expect(corrected.stderr).toBe('');
    expect(corrected.status).toBe(0);
    const status = await cli(['status', '--user-data-dir', dir]);
    expect(status.stdout).toContain(
      `Date de dernière mise à jour : ${format(addDays(today, -12), 'dd/MM/yyyy')} (provisoire`,
    );
  });

  it('refuses to rewrite the date of a password Chorus Pro verified', async () => {
    const dir = await configured();
    const current = simulator().resetPassword(demoAccount.login);
    expect((await cli(['set-password', '--password-stdin', '--user-data-dir', dir], { stdin: current })).status).toBe(
      0,
    );
    const before = settingsText(dir);
    const refused = await cli([
      'configure',
      '--password-updated-on',
      format(addDays(new Date(), -3), 'yyyy-MM-dd'),
      '--json',
      '--user-data-dir',
      dir,
    ]);
    expect(refused.status).toBe(2);
    expect(refused.json).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('elle est connue') as string,
    });
    expect(settingsText(dir)).toBe(before);
  });

  it('carries the secrets to another workstation in an encrypted profile, where the test succeeds', async () => {
    const source = await configured();
    const current = simulator().resetPassword(demoAccount.login);
    await cli(['set-password', '--password-stdin', '--user-data-dir', source], { stdin: current });
    const profile = join(tempDir('chorus-cli-'), 'profil.json');
    const passphrase = 'le bureau du maire, deuxième étage';
    const exported = await cli(
      ['export-profile', profile, '--with-secrets', '--passphrase-stdin', '--json', '--user-data-dir', source],
      { stdin: `${passphrase}\n` },
    );
    expect(exported.json).toEqual({ ok: true, file: profile, withSecrets: true });
    // Readable by its owner only: the encrypted secrets are not for other users to attack offline.
    if (process.platform !== 'win32') expect((statSync(profile).mode & 0o777).toString(8)).toBe('600');
    expect(readFileSync(profile, 'utf8')).not.toContain(current);

    const target = tempDir('chorus-cli-');
    const otherKeychain = { CHORUS_PRO_KEYCHAIN_SERVICE: `Chorus Pro Echanges (test cli ${randomUUID()})` };
    usedServices.push(otherKeychain.CHORUS_PRO_KEYCHAIN_SERVICE);
    const withoutPassphrase = await cli(['import-profile', profile, '--json', '--user-data-dir', target], {
      env: otherKeychain,
    });
    expect(withoutPassphrase.status).toBe(2);
    expect(withoutPassphrase.json).toMatchObject({
      code: 'PROFILE_REFUSED',
      message: expect.stringContaining('--passphrase-stdin') as string,
    });
    const wrong = await cli(['import-profile', profile, '--passphrase-stdin', '--json', '--user-data-dir', target], {
      env: otherKeychain,
      stdin: 'une mauvaise phrase secrète',
    });
    expect(wrong.status).toBe(2);
    expect(wrong.json).toMatchObject({
      code: 'PROFILE_REFUSED',
      message: expect.stringContaining('phrase secrète incorrecte') as string,
    });
    // The cause first, then what to do: never « demandez à son expéditeur… » with the cause in parentheses.
    expect((wrong.json as { message: string }).message).toMatch(
      /^Ce profil de déploiement ne peut pas être importé : phrase secrète incorrecte \(ou bloc des mots de passe altéré\) ; vérifiez la phrase secrète/,
    );
    expect((wrong.json as { message: string }).message).not.toMatch(/\)$/);
    expect(
      existsSync(join(target, 'config.json'))
        ? (JSON.parse(settingsText(target)) as { accounts: Record<string, unknown>[] }).accounts[0]
        : {},
    ).not.toHaveProperty('login');

    const imported = await cli(['import-profile', profile, '--passphrase-stdin', '--json', '--user-data-dir', target], {
      env: otherKeychain,
      stdin: passphrase,
    });
    expect(imported.json).toMatchObject({ ok: true, withSecrets: true });
    expect((await cli(['status', '--json', '--user-data-dir', target], { env: otherKeychain })).json).toMatchObject({
      secrets: { password: true, passwordVerified: false, clientSecret: true },
    });
    expect((await cli(['test', '--json', '--user-data-dir', target], { env: otherKeychain })).json).toMatchObject({
      ok: true,
      structureCount: 3,
    });
    expect((await cli(['status', '--json', '--user-data-dir', target], { env: otherKeychain })).json).toMatchObject({
      secrets: { passwordVerified: true },
    });
  });
});

describe('deployment profiles on the command line', () => {
  it('exports from one workstation and imports on another, listing the changes; a bad profile exits 2', async () => {
    const source = await configured();
    const profile = join(tempDir('chorus-cli-'), 'profil.json');
    const exported = await cli(['export-profile', profile, '--json', '--user-data-dir', source]);
    expect(exported.json).toEqual({ ok: true, file: profile, withSecrets: false });
    expect(readFileSync(profile, 'utf8')).not.toContain(demoAccount.clientSecret);

    const target = tempDir('chorus-cli-');
    // Another workstation: its own keychain.
    const otherKeychain = { CHORUS_PRO_KEYCHAIN_SERVICE: `Chorus Pro Echanges (test cli ${randomUUID()})` };
    usedServices.push(otherKeychain.CHORUS_PRO_KEYCHAIN_SERVICE);
    const imported = await cli(['import-profile', profile, '--json', '--user-data-dir', target], {
      env: otherKeychain,
    });
    expect(imported.status).toBe(0);
    expect(imported.json).toMatchObject({
      ok: true,
      changes: expect.arrayContaining([
        { setting: 'Identifiant utilisateur', before: '(aucun)', after: demoAccount.login },
      ]) as unknown[],
    });
    expect((await cli(['status', '--json', '--user-data-dir', target], { env: otherKeychain })).json).toMatchObject({
      settings: { apiBaseUrl: simulator().url, login: demoAccount.login, clientId: demoAccount.clientId },
      secrets: { password: false, clientSecret: false },
    });

    writeFileSync(profile, JSON.stringify({ profileVersion: 7 }));
    const refused = await cli(['import-profile', profile, '--json', '--user-data-dir', target]);
    expect(refused.status).toBe(2);
    expect(refused.json).toMatchObject({
      ok: false,
      code: 'PROFILE_REFUSED',
      message: expect.stringContaining('version de profil 7 inconnue') as string,
    });
    // A JSON file that is not a profile says so, and speaks to the one who runs the command.
    writeFileSync(profile, JSON.stringify({ nom: 'Mairie de Plouër', contacts: [] }));
    const notAProfile = await cli(['import-profile', profile, '--user-data-dir', target]);
    expect(notAProfile.status).toBe(2);
    expect(notAProfile.stderr).toContain("ce fichier n'est pas un profil de Chorus Pro Echanges");
    expect(notAProfile.stderr).toContain('export-profile');
    expect(notAProfile.stderr).not.toContain('null');
    expect(notAProfile.stderr).not.toContain('service informatique');
    expect((await cli(['import-profile', '--json', '--user-data-dir', target])).status).toBe(2);
  });
});

describe('the canary password', () => {
  it('never reaches a file of the profile or any output, in clear or in base64', async () => {
    const canary = `Canari-${randomUUID()}`;
    const forbidden = [
      canary,
      Buffer.from(canary).toString('base64'),
      Buffer.from(`${demoAccount.login}:${canary}`).toString('base64'),
    ];
    const dir = await configured();
    const outputs: string[] = [];
    const record = async (run: Promise<CliRun>) => {
      const done = await run;
      outputs.push(done.stdout, done.stderr);
      return done;
    };
    simulator().resetPassword(demoAccount.login);
    await record(cli(['set-password', '--password-stdin', '--user-data-dir', dir], { stdin: canary }));
    await record(cli(['set-password', '--password-stdin', '--no-verify', '--user-data-dir', dir], { stdin: canary }));
    await record(cli(['test', '--user-data-dir', dir]));
    await record(cli(['test', '--json', '--user-data-dir', dir]));
    await record(cli(['structures', '--json', '--user-data-dir', dir]));
    await record(cli(['status', '--json', '--user-data-dir', dir]));
    await record(
      cli(['set-password', '--password-stdin', '--json', '--user-data-dir', dir], { stdin: `${canary}-faux` }),
    );
    await record(cli(['configure', '--timeout', '45', '--json', '--user-data-dir', dir]));
    const profile = join(dir, 'profil-avec-secrets.json');
    await record(
      cli(['export-profile', profile, '--with-secrets', '--passphrase-stdin', '--json', '--user-data-dir', dir], {
        stdin: 'une phrase secrète de démonstration',
      }),
    );
    expect(readFileSync(profile, 'utf8')).toContain('BEGIN AGE ENCRYPTED FILE');
    const target = join(dir, 'autre-poste');
    await record(
      cli(['import-profile', profile, '--passphrase-stdin', '--json', '--user-data-dir', target], {
        stdin: 'une phrase secrète de démonstration',
      }),
    );
    await record(cli(['status', '--user-data-dir', target]));

    const files = (function walk(folder: string): string[] {
      return readdirSync(folder).flatMap((name) =>
        statSync(join(folder, name)).isDirectory() ? walk(join(folder, name)) : [join(folder, name)],
      );
    })(dir);
    expect(files.length).toBeGreaterThan(0);
    const haystacks = [...files.map((file) => readFileSync(file, 'latin1')), ...outputs];
    for (const needle of forbidden) {
      for (const haystack of haystacks) expect(haystack.includes(needle)).toBe(false);
    }
    expect(outputs.join('')).toContain('AUTH_REJECTED');
  });
});

describe('the command line as an administrator meets it', () => {
  it.each([
    [
      ['configure', '--logni', 'x'],
      /^Erreur \(INVALID_INPUT\) : option inconnue : --logni ; vouliez-vous dire --login \?/,
    ],
    [
      ['configure', '--env', 'prod'],
      /^Erreur \(INVALID_INPUT\) : --env : environnement inconnu ; valeurs possibles : production, qualification, custom/,
    ],
    [['status', '--user-data-dir'], /^Erreur \(INVALID_INPUT\) : l'option --user-data-dir attend une valeur/],
    [['confgure'], /^Erreur \(INVALID_INPUT\) : commande inconnue : confgure ; vouliez-vous dire configure \?/],
    [['configure'], /^Erreur \(INVALID_INPUT\) : configure : aucun paramètre indiqué, rien à enregistrer/],
    [
      ['configure', '--login', 'TECH 1 demo@cpro.fr'],
      /^Erreur \(INVALID_INPUT\) : Identifiant utilisateur : un identifiant Chorus Pro ne contient pas d'espace/,
    ],
  ])('says in French what is wrong first, exit 2: %j', async (args, expected) => {
    const dir = tempDir('chorus-cli-');
    const run = await cli([...args, ...(args.includes('--user-data-dir') ? [] : ['--user-data-dir', dir])]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(expected);
    expect(run.stderr).not.toMatch(/Unknown|Invalid|argument missing|expected one of|Corrigez le champ signalé/);
    expect(run.stderr).toContain("(--help affiche l'usage)");
  });

  it('prints the usage and exits 2 without a command; --help exits 0', async () => {
    const bare = await cli([]);
    expect(bare.status).toBe(2);
    expect(bare.stderr).toContain('Usage : chorus-pro-echanges <commande> [options]');
    const help = await cli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage : chorus-pro-echanges <commande> [options]');
  });

  it('refuses a CA file that is not a certificate when it is configured: exit 2, nothing saved', async () => {
    const dir = tempDir('chorus-cli-');
    const notACertificate = join(dir, 'fichier-qui-n-est-pas-un-certificat.pem');
    writeFileSync(notACertificate, 'bonjour');
    const run = await cli(['configure', '--ca-file', notACertificate, '--json', '--user-data-dir', dir]);
    expect(run.status).toBe(2);
    expect(run.json).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: expect.stringContaining("ce fichier n'est pas un certificat PEM") as string,
    });
    expect((await cli(['status', '--json', '--user-data-dir', dir])).json).toMatchObject({
      settings: { caCertificatePath: null },
    });
  });

  it('says the folder does not exist when a profile is exported there: exit 2', async () => {
    const dir = tempDir('chorus-cli-');
    const run = await cli(['export-profile', join(dir, 'inexistant', 'p.json'), '--user-data-dir', dir]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`export-profile : le dossier ${join(dir, 'inexistant')} n'existe pas`);
  });

  it('gives command-line advice: options and commands, never the window’s fields', async () => {
    const dir = await configured();
    const refused = await cli(['set-password', '--password-stdin', '--user-data-dir', dir], { stdin: 'pas-le-bon' });
    expect(refused.stderr).toContain('enregistrez le nouveau avec set-password --password-stdin');
    expect(refused.stderr).not.toContain('saisissez ici');
    const spaces = await cli(['set-password', '--password-stdin', '--no-verify', '--user-data-dir', dir], {
      stdin: ' collé ',
    });
    expect(spaces.stderr).toContain('relancez la commande avec --confirm-spaces');

    // Nothing listens on port 9: Chorus Pro cannot be reached.
    await cli(['configure', '--url', 'http://127.0.0.1:9', '--user-data-dir', dir]);
    // A client secret serves the API host it was entered for: enter it again for this one.
    await cli(['set-client-secret', '--client-secret-stdin', '--user-data-dir', dir], {
      stdin: demoAccount.clientSecret,
    });
    const unreachable = await cli(['set-password', '--password-stdin', '--user-data-dir', dir], {
      stdin: demoAccount.password,
    });
    expect(unreachable.status).toBe(1);
    expect(unreachable.stderr).toMatch(/^Erreur \(CONNECTION_FAILED\) : .*\(--url\).* ajoutant --no-verify/);
  });

  it('shows French dates and environment names, ISO in --json; the update date only next to a stored password', async () => {
    const dir = await configured();
    // Without checking: an earlier test may have reset the simulator's password.
    const saved = await cli(['set-password', '--password-stdin', '--no-verify', '--user-data-dir', dir], {
      stdin: demoAccount.password,
    });
    expect(saved.stdout).toContain(`Date de dernière mise à jour : ${format(new Date(), 'dd/MM/yyyy')}\n`);
    const shown = await cli(['status', '--user-data-dir', dir]);
    expect(shown.stdout).toContain('Environnement : Personnalisé');
    expect(shown.stdout).toContain(`Date de dernière mise à jour : ${format(new Date(), 'dd/MM/yyyy')}`);
    expect(shown.stdout).toMatch(/Expiration du mot de passe : \d\d\/\d\d\/\d{4} /);
    expect((await cli(['status', '--json', '--user-data-dir', dir])).json).toMatchObject({
      settings: { environment: 'custom', passwordUpdatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string },
    });

    await cli(['configure', '--login', 'TECH_2_autre@cpro.fr', '--user-data-dir', dir]);
    const otherLogin = await cli(['status', '--user-data-dir', dir]);
    expect(otherLogin.stdout).toContain('Mot de passe : non enregistré pour ce Lien URL et cet identifiant');
    expect(otherLogin.stdout).toContain(
      "Les secrets sont rangés dans le coffre-fort sous l'adresse et l'identifiant auxquels ils servent",
    );
    // That password was never verified: its date is shown, marked as without a password here.
    expect(otherLogin.stdout).toMatch(
      /Date de dernière mise à jour : \d\d\/\d\d\/\d{4} \(provisoire : aucun mot de passe enregistré pour ce Lien URL et cet identifiant\)/,
    );
    expect(otherLogin.stdout).toContain('Expiration du mot de passe : sans objet');
  });

  it('refuses a production Lien URL next to the sandbox token URL, and names the URLs in force on a switch to Personnalisé', async () => {
    const dir = tempDir('chorus-cli-');
    await cli(['configure', '--env', 'qualification', '--user-data-dir', dir]);
    const mixed = await cli(['configure', '--url', 'https://api.piste.gouv.fr', '--user-data-dir', dir]);
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toContain(
      "le Lien URL serait celui de Production et l'URL du jeton celle de Qualification ; pour Production, indiquez --env production",
    );
    expect((await cli(['status', '--json', '--user-data-dir', dir])).json).toMatchObject({
      settings: { environment: 'qualification' },
    });
    const mixedTest = await cli(['test', '--url', 'https://api.piste.gouv.fr', '--user-data-dir', dir]);
    expect(mixedTest.status).toBe(2);
    expect(mixedTest.stderr).toContain("l'URL du jeton celle de Qualification");

    const custom = await cli([
      'configure',
      '--url',
      'https://chorus.example.org',
      '--token-url',
      'https://sandbox-oauth.piste.gouv.fr/api/oauth/token',
      '--user-data-dir',
      dir,
    ]);
    expect(custom.status).toBe(0);
    expect(custom.stdout).toContain(
      "L'environnement passe de Qualification à Personnalisé : Lien URL https://chorus.example.org et URL du jeton https://sandbox-oauth.piste.gouv.fr/api/oauth/token sont désormais en vigueur.",
    );
  });

  it('refuses a custom Lien URL that would keep PISTE’s production token URL unless --token-url says so (exit 2, nothing saved)', async () => {
    const dir = tempDir('chorus-cli-');
    const custom = await cli([
      'configure',
      '--env',
      'custom',
      '--url',
      'https://chorus.example.org',
      '--user-data-dir',
      dir,
    ]);
    expect(custom.status).toBe(2);
    expect(custom.stderr).toContain(
      "--url : cette adresse garderait l'URL du jeton de Production (https://oauth.piste.gouv.fr/api/oauth/token) ; indiquez aussi l'URL du jeton de cette API avec --token-url URL",
    );
    expect((await cli(['status', '--json', '--user-data-dir', dir])).json).toMatchObject({
      settings: { environment: 'production', apiBaseUrl: 'https://api.piste.gouv.fr' },
    });
    expect((await cli(['test', '--url', 'https://chorus.example.org', '--user-data-dir', dir])).status).toBe(2);
    const said = await cli([
      'configure',
      '--env',
      'custom',
      '--url',
      'https://chorus.example.org',
      '--token-url',
      'https://oauth.piste.gouv.fr/api/oauth/token',
      '--json',
      '--user-data-dir',
      dir,
    ]);
    expect(said.status).toBe(0);
    expect(said.json).toMatchObject({
      settings: {
        environment: 'custom',
        apiBaseUrl: 'https://chorus.example.org',
        tokenUrl: 'https://oauth.piste.gouv.fr/api/oauth/token',
      },
    });
  });
});
