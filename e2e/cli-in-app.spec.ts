// The installed executable's command line: dist/main/index.js started with `--cli`, through the
// stand-in for Electron. It runs cli.js's commands and nothing of the window.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clearKeychainService } from '../main/secrets/keytar-secret-store';
import { demoAccount } from '../test/support/core-fixture';
import { chromiumExecutable } from './harness/browser-target';
import { runBundleCli, type BundleCliOptions, type BundleCliRun } from './harness/bundle-cli';
import { projectRoot } from './harness/paths';
import { recordedWebPreferences, secureWebPreferences } from './harness/shipped-expectations';
import { currentTarget } from './launch-app';
import { tempDir } from '../test/support/temp-dirs';
import { expect, test } from './fixtures';

test.skip(currentTarget() !== 'bundle', 'the shipped bundles run with E2E_TARGET=bundle');

const keychainService = `Chorus Pro Echanges (e2e --cli ${randomUUID()})`;
test.afterAll(async () => {
  await clearKeychainService(keychainService);
});
const exe = (args: readonly string[], stdin?: string, options: BundleCliOptions = {}): Promise<BundleCliRun> =>
  runBundleCli(
    args,
    { CHORUS_PRO_KEYCHAIN_SERVICE: keychainService },
    { ...options, ...(stdin === undefined ? {} : { stdin }) },
  );

/** Nothing of the window: no BrowserWindow, no protocol, no single-instance lock, no IPC handler. */
function expectNoWindow(run: BundleCliRun): void {
  const kinds = new Set(run.records.map((record) => record.kind));
  for (const kind of [
    'window',
    'load-url',
    'single-instance-lock',
    'privileged-schemes',
    'protocol-handler',
    'ipc-handle',
    'ipc-on',
    'menu',
    'command-line-switch',
  ] as const) {
    expect(kinds.has(kind), `${kind} : ${JSON.stringify(run.records)}`).toBe(false);
  }
}

test('--cli runs the command line: configure, status --json, test and accounts, with the exit codes of cli.js and no window', async ({
  simulator,
}) => {
  const dir = tempDir('chorus-exe-cli-');
  const at = ['--user-data-dir', dir];
  const configure = await exe([
    'configure',
    '--url',
    simulator.url,
    '--token-url',
    simulator.tokenUrl,
    '--login',
    demoAccount.login,
    '--client-id',
    demoAccount.clientId,
    ...at,
  ]);
  expect(configure.stdout).toContain('Paramètres enregistrés.');
  expect(configure.status).toBe(0);
  expectNoWindow(configure);
  expect((await exe(['set-client-secret', '--client-secret-stdin', ...at], demoAccount.clientSecret)).status).toBe(0);
  expect((await exe(['set-password', '--password-stdin', '--no-verify', ...at], demoAccount.password)).status).toBe(0);

  const status = await exe(['status', '--json', ...at]);
  expect(status.status).toBe(0);
  expect(status.stdout.trim().split('\n')).toHaveLength(1);
  expect(status.json).toMatchObject({
    ok: true,
    account: { name: 'Compte principal' },
    settings: { login: demoAccount.login, apiBaseUrl: simulator.url },
    secrets: { password: true, clientSecret: true },
  });
  expectNoWindow(status);

  const test = await exe(['test', ...at]);
  expect(test.stdout).toContain('La connexion a été établie');
  expect(test.status).toBe(0);
  expectNoWindow(test);

  const accounts = await exe(['accounts', '--json', ...at]);
  expect(accounts.status).toBe(0);
  expect(accounts.json).toMatchObject({
    accounts: [{ name: 'Compte principal', lastCheck: { ok: true, code: null } }],
  });
  expectNoWindow(accounts);
});

test('--cli says what is wrong as cli.js does: bad usage exits 2 with the French message, a refused password exits 1', async ({
  simulator,
}) => {
  const dir = tempDir('chorus-exe-cli-');
  const typo = await exe(['statuss', '--user-data-dir', dir]);
  expect(typo.status).toBe(2);
  expect(typo.stderr).toContain('commande inconnue : statuss ; vouliez-vous dire status ?');
  expectNoWindow(typo);

  const at = ['--user-data-dir', dir];
  await exe([
    'configure',
    '--url',
    simulator.url,
    '--token-url',
    simulator.tokenUrl,
    '--login',
    demoAccount.login,
    '--client-id',
    demoAccount.clientId,
    ...at,
  ]);
  await exe(['set-client-secret', '--client-secret-stdin', ...at], demoAccount.clientSecret);
  await exe(['set-password', '--password-stdin', '--no-verify', ...at], 'pas-le-bon');
  const refused = await exe(['test', '--json', ...at]);
  expect(refused.status).toBe(1);
  expect(refused.json).toMatchObject({ ok: false, code: 'AUTH_REJECTED' });
  expectNoWindow(refused);
});

test('--cli test --all --notify shows one Electron notification per failing account, naming it, and exits 1 once they are dismissed', async ({
  simulator,
}) => {
  const dir = tempDir('chorus-exe-cli-');
  const at = ['--user-data-dir', dir];
  await exe([
    'configure',
    '--url',
    simulator.url,
    '--token-url',
    simulator.tokenUrl,
    '--login',
    demoAccount.login,
    '--client-id',
    demoAccount.clientId,
    '--alert-delay',
    '1',
    ...at,
  ]);
  await exe(['set-client-secret', '--client-secret-stdin', ...at], demoAccount.clientSecret);
  await exe(['set-password', '--password-stdin', '--no-verify', ...at], demoAccount.password);
  await exe(['accounts', 'add', 'SIVOM de la Rance', ...at]);
  const sivom = ['--account', 'SIVOM de la Rance', ...at];
  await exe([
    'configure',
    '--url',
    simulator.url,
    '--token-url',
    simulator.tokenUrl,
    '--login',
    'TECH_2_expire@cpro.fr',
    '--client-id',
    demoAccount.clientId,
    ...sivom,
  ]);
  await exe(['set-password', '--password-stdin', '--no-verify', ...sivom], 'pas-le-bon');

  const run = await exe(['test', '--all', '--notify', '--json', ...at]);
  expect(run.status).toBe(1);
  const notifications = run.records.flatMap((record) => (record.kind === 'notification' ? [record] : []));
  expect(notifications.map((notification) => notification.title)).toEqual(['Chorus Pro Echanges — SIVOM de la Rance']);
  expect(notifications[0]?.body).toContain(
    'Compte «\u00a0SIVOM de la Rance\u00a0»\u00a0: le test de connexion à Chorus Pro a échoué',
  );
  expect(run.records).toContainEqual({ kind: 'app-user-model-id', id: 'fr.collectivites.chorus-pro-echanges' });
  expect(run.json).toMatchObject({
    ok: false,
    notifications: { shown: true, accounts: [{ account: 'SIVOM de la Rance' }] },
  });
  expectNoWindow(run);
});

/**
 * The app's executable as a click starts it again: it writes down the arguments it was given, then
 * hands them to Debian's Chromium — the browser Electron embeds reads its switches the same way —
 * and says when Chromium has ended. A switch such as --renderer-cmd-prefix makes Chromium run the
 * program it names before each of its processes: `ran` gets one line per run.
 */
function executableStandIn(dir: string): {
  path: string;
  arguments: () => string[] | undefined;
  done: () => boolean;
  ran: () => number;
  chromium: (args: readonly string[]) => void;
} {
  const path = join(dir, 'Chorus Pro Echanges');
  const script = [
    '#!/bin/sh',
    `printf '%s\\0' "$@" > '${dir}/arguments'`,
    `'${chromiumExecutable}' --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir='${dir}/chromium' --dump-dom 'data:text/html,<p>ok</p>' "$@" > /dev/null 2>&1`,
    `touch '${dir}/done'`,
    '',
  ].join('\n');
  writeFileSync(path, script);
  chmodSync(path, 0o755);
  return {
    path,
    arguments: () =>
      existsSync(join(dir, 'arguments'))
        ? readFileSync(join(dir, 'arguments'), 'utf8').split('\0').slice(0, -1)
        : undefined,
    done: () => existsSync(join(dir, 'done')),
    ran: () =>
      existsSync(join(dir, 'ran')) ? readFileSync(join(dir, 'ran'), 'utf8').split('\n').filter(Boolean).length : 0,
    chromium: (args) => {
      spawnSync(path, [...args], { timeout: 90_000, stdio: 'ignore' });
    },
  };
}

test('a click on the notification of an account named like a Chromium switch starts the app with the one argument --account=NAME: Chromium runs nothing it names', async ({
  simulator,
}) => {
  test.setTimeout(240_000);
  const dir = tempDir('chorus-exe-cli-');
  const at = ['--user-data-dir', dir];
  await exe([
    'configure',
    '--url',
    simulator.url,
    '--token-url',
    simulator.tokenUrl,
    '--login',
    'TECH_2_expire@cpro.fr',
    '--client-id',
    demoAccount.clientId,
    ...at,
  ]);
  await exe(['set-client-secret', '--client-secret-stdin', ...at], demoAccount.clientSecret);
  await exe(['set-password', '--password-stdin', '--no-verify', ...at], 'pas-le-bon');
  // A name an older version accepted (0.2.0 refused neither `-` nor `/` at the start), as it wrote it.
  // A short path: a name is 80 characters at most.
  const planted = join(tempDir('p-'), 'x');
  writeFileSync(planted, `#!/bin/sh\necho ran >> '${dirOfRan(planted)}/ran'\nexec "$@"\n`);
  chmodSync(planted, 0o755);
  const name = `--renderer-cmd-prefix=${planted}`;
  const settingsFile = join(dir, 'config.json');
  const settings = JSON.parse(readFileSync(settingsFile, 'utf8')) as {
    selectedAccount: string;
    accounts: { name: string }[];
  };
  writeFileSync(
    settingsFile,
    JSON.stringify({
      ...settings,
      selectedAccount: name,
      accounts: settings.accounts.map((account) => ({ ...account, name })),
    }),
  );

  const standIn = executableStandIn(dirOfRan(planted));
  const run = await exe(['test', '--all', '--notify', ...at], undefined, {
    clickNotifications: true,
    executablePath: standIn.path,
  });
  expect(run.status).toBe(1);
  expect(run.records.filter((record) => record.kind === 'notification')).toHaveLength(1);
  await expect.poll(() => standIn.done(), { timeout: 120_000 }).toBe(true);
  expect(standIn.arguments()).toEqual([`--account=${name}`]);
  expect(standIn.ran()).toBe(0);

  // What 0.2.0 passed, two arguments: the same Chromium then runs the planted program.
  standIn.chromium(['--account', name]);
  expect(standIn.ran()).toBeGreaterThan(0);
});

const dirOfRan = (file: string): string => join(file, '..');

// A GUI program on Windows does not get the console's keyboard input: with nothing piped in, the
// installed app asks for the secret in a window of its own (main/shell/secret-prompt-window.ts).
// Here the child's standard input is a null device; the page runs in Debian's Chromium with its
// preload, its IPC carried to the child's real handler.
test('--cli with nothing piped in asks for the secret in its own hardened window; a piped secret is read as it is', async ({
  simulator,
}) => {
  const dir = tempDir('chorus-exe-cli-');
  const at = ['--user-data-dir', dir];
  await exe([
    'configure',
    '--url',
    simulator.url,
    '--token-url',
    simulator.tokenUrl,
    '--login',
    demoAccount.login,
    '--client-id',
    demoAccount.clientId,
    ...at,
  ]);
  // Piped: no window at all.
  const piped = await exe(['set-client-secret', '--client-secret-stdin', ...at], demoAccount.clientSecret);
  expect(piped.status).toBe(0);
  expect(piped.records.some((record) => record.kind === 'window')).toBe(false);

  let seen:
    | {
        readonly csp: string | null;
        readonly scripts: number;
        readonly fieldType: string | null;
        readonly focused: string | undefined;
      }
    | undefined;
  const typed = await runBundleCli(
    ['set-password', '--password-stdin', ...at],
    { CHORUS_PRO_KEYCHAIN_SERVICE: keychainService },
    {
      inWindow: async (page) => {
        const field = page.getByLabel('Mot de passe du compte technique');
        await expect(field).toBeFocused();
        seen = await page.evaluate(() => ({
          csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null,
          scripts: document.scripts.length,
          fieldType: document.getElementById('secret')?.getAttribute('type') ?? null,
          focused: document.activeElement?.id,
        }));
        // Nothing of the preload reaches the page: no API, no ipcRenderer.
        expect(
          await page.evaluate(() => Object.keys(window).filter((key) => /chorus|ipc|electron/i.test(key))),
        ).toEqual([]);
        await field.fill(demoAccount.password);
        await page.getByRole('button', { name: 'Valider' }).click();
      },
    },
  );
  expect(typed.stderr).toContain('Saisissez « Mot de passe du compte technique » dans la fenêtre Chorus Pro Echanges');
  expect(typed.stdout).toContain('Mot de passe vérifié auprès de Chorus Pro et enregistré.');
  expect(typed.status).toBe(0);
  expect(seen).toEqual({
    csp: expect.stringMatching(
      /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; base-uri 'none'; form-action 'none'$/,
    ),
    scripts: 0,
    fieldType: 'password',
    focused: 'secret',
  });
  // The main window's checklist, with its own preload and no DevTools.
  const dist = join(projectRoot, 'dist');
  expect(recordedWebPreferences(typed.records)).toEqual({
    ...secureWebPreferences(dist),
    preload: join(dist, 'preload', 'secret-prompt.js'),
    devTools: false,
  });
  expect(typed.records).toContainEqual({ kind: 'session', call: 'setPermissionRequestHandler' });
  expect(typed.records).toContainEqual({ kind: 'web-contents', call: 'setWindowOpenHandler' });
  expect(typed.records).toContainEqual({ kind: 'window-call', call: 'close' });
  expect(
    typed.records.some(
      (record) => record.kind === 'load-url' && record.url.startsWith('data:text/html;charset=utf-8,'),
    ),
  ).toBe(true);
  expect((await exe(['status', '--json', ...at])).json).toMatchObject({
    secrets: { password: true, passwordVerified: true },
  });
});

test('--cli: Abandonner in the secret window stops the command, nothing changed (exit 1)', async () => {
  const dir = tempDir('chorus-exe-cli-');
  const at = ['--user-data-dir', dir];
  await exe(['configure', '--login', demoAccount.login, '--client-id', demoAccount.clientId, ...at]);
  const abandoned = await runBundleCli(
    ['set-client-secret', '--client-secret-stdin', '--json', ...at],
    { CHORUS_PRO_KEYCHAIN_SERVICE: keychainService },
    {
      inWindow: async (page) => {
        await page.getByLabel('Secret client PISTE').fill('jamais-enregistre');
        await page.getByRole('button', { name: 'Abandonner' }).click();
      },
    },
  );
  expect(abandoned.status).toBe(1);
  expect(abandoned.json).toMatchObject({
    ok: false,
    code: 'CANCELLED',
    message: "L'opération a été annulée. Rien n'a été modifié.",
  });
  expect((await exe(['status', '--json', ...at])).json).toMatchObject({ secrets: { clientSecret: false } });
});

test('--cli import-profile --passphrase-stdin: the passphrase piped at export, typed in the window at import', async ({
  simulator,
}) => {
  // Five starts of the app and two passphrase derivations (scrypt, about a second each on a quiet machine).
  test.setTimeout(180_000);
  const source = tempDir('chorus-exe-cli-');
  const from = ['--user-data-dir', source];
  const passphrase = 'mairie de Plouër, bureau 2';
  await exe([
    'configure',
    '--url',
    simulator.url,
    '--token-url',
    simulator.tokenUrl,
    '--login',
    demoAccount.login,
    '--client-id',
    demoAccount.clientId,
    ...from,
  ]);
  await exe(['set-client-secret', '--client-secret-stdin', ...from], demoAccount.clientSecret);
  await exe(['set-password', '--password-stdin', '--no-verify', ...from], demoAccount.password);
  const profile = join(source, 'profil.json');
  const exported = await exe(
    ['export-profile', profile, '--with-secrets', '--passphrase-stdin', ...from],
    `${passphrase}\n`,
  );
  expect(exported.status).toBe(0);

  const target = tempDir('chorus-exe-cli-');
  const otherKeychain = `Chorus Pro Echanges (e2e --cli cible ${randomUUID()})`;
  try {
    const imported = await runBundleCli(
      ['import-profile', profile, '--passphrase-stdin', '--user-data-dir', target],
      { CHORUS_PRO_KEYCHAIN_SERVICE: otherKeychain },
      {
        inWindow: async (page) => {
          await page.getByLabel('Phrase secrète du profil').fill(passphrase);
          await page.keyboard.press('Enter');
        },
      },
    );
    expect(imported.stdout).toContain('Mots de passe du profil enregistrés dans le coffre-fort de ce poste');
    expect(imported.status).toBe(0);
  } finally {
    await clearKeychainService(otherKeychain);
  }
});
