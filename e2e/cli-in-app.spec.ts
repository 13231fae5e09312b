// The installed executable's command line: dist/main/index.js started with `--cli`, through the
// stand-in for Electron. It runs cli.js's commands and nothing of the window.
import { randomUUID } from 'node:crypto';
import { clearKeychainService } from '../main/secrets/keytar-secret-store';
import { demoAccount } from '../test/support/core-fixture';
import { runBundleCli, type BundleCliRun } from './harness/bundle-cli';
import { currentTarget } from './launch-app';
import { tempDir } from '../test/support/temp-dirs';
import { expect, test } from './fixtures';

test.skip(currentTarget() !== 'bundle', 'the shipped bundles run with E2E_TARGET=bundle');

const keychainService = `Chorus Pro Echanges (e2e --cli ${randomUUID()})`;
test.afterAll(async () => {
  await clearKeychainService(keychainService);
});
const exe = (args: readonly string[], stdin?: string): Promise<BundleCliRun> => runBundleCli(args, { CHORUS_PRO_KEYCHAIN_SERVICE: keychainService }, stdin === undefined ? {} : { stdin });

/** Nothing of the window: no BrowserWindow, no protocol, no single-instance lock, no IPC handler. */
function expectNoWindow(run: BundleCliRun): void {
  const kinds = new Set(run.records.map((record) => record.kind));
  for (const kind of ['window', 'load-url', 'single-instance-lock', 'privileged-schemes', 'protocol-handler', 'ipc-handle', 'ipc-on', 'menu', 'command-line-switch'] as const) {
    expect(kinds.has(kind), `${kind} : ${JSON.stringify(run.records)}`).toBe(false);
  }
}

test('--cli runs the command line: configure, status --json, test and accounts, with the exit codes of cli.js and no window', async ({ simulator }) => {
  const dir = tempDir('chorus-exe-cli-');
  const at = ['--user-data-dir', dir];
  const configure = await exe(['configure', '--url', simulator.url, '--token-url', simulator.tokenUrl, '--login', demoAccount.login, '--client-id', demoAccount.clientId, ...at]);
  expect(configure.stdout).toContain('Paramètres enregistrés.');
  expect(configure.status).toBe(0);
  expectNoWindow(configure);
  expect((await exe(['set-client-secret', '--client-secret-stdin', ...at], demoAccount.clientSecret)).status).toBe(0);
  expect((await exe(['set-password', '--password-stdin', '--no-verify', ...at], demoAccount.password)).status).toBe(0);

  const status = await exe(['status', '--json', ...at]);
  expect(status.status).toBe(0);
  expect(status.stdout.trim().split('\n')).toHaveLength(1);
  expect(status.json).toMatchObject({ ok: true, account: { name: 'Compte principal' }, settings: { login: demoAccount.login, apiBaseUrl: simulator.url }, secrets: { password: true, clientSecret: true } });
  expectNoWindow(status);

  const test = await exe(['test', ...at]);
  expect(test.stdout).toContain('La connexion a été établie');
  expect(test.status).toBe(0);
  expectNoWindow(test);

  const accounts = await exe(['accounts', '--json', ...at]);
  expect(accounts.status).toBe(0);
  expect(accounts.json).toMatchObject({ accounts: [{ name: 'Compte principal', lastCheck: { ok: true, code: null } }] });
  expectNoWindow(accounts);
});

test('--cli says what is wrong as cli.js does: bad usage exits 2 with the French message, a refused password exits 1', async ({ simulator }) => {
  const dir = tempDir('chorus-exe-cli-');
  const typo = await exe(['statuss', '--user-data-dir', dir]);
  expect(typo.status).toBe(2);
  expect(typo.stderr).toContain('commande inconnue : statuss ; vouliez-vous dire status ?');
  expectNoWindow(typo);

  const at = ['--user-data-dir', dir];
  await exe(['configure', '--url', simulator.url, '--token-url', simulator.tokenUrl, '--login', demoAccount.login, '--client-id', demoAccount.clientId, ...at]);
  await exe(['set-client-secret', '--client-secret-stdin', ...at], demoAccount.clientSecret);
  await exe(['set-password', '--password-stdin', '--no-verify', ...at], 'pas-le-bon');
  const refused = await exe(['test', '--json', ...at]);
  expect(refused.status).toBe(1);
  expect(refused.json).toMatchObject({ ok: false, code: 'AUTH_REJECTED' });
  expectNoWindow(refused);
});

test('--cli test --all --notify shows one Electron notification per failing account, naming it, and exits 1 once they are dismissed', async ({ simulator }) => {
  const dir = tempDir('chorus-exe-cli-');
  const at = ['--user-data-dir', dir];
  await exe(['configure', '--url', simulator.url, '--token-url', simulator.tokenUrl, '--login', demoAccount.login, '--client-id', demoAccount.clientId, '--alert-delay', '1', ...at]);
  await exe(['set-client-secret', '--client-secret-stdin', ...at], demoAccount.clientSecret);
  await exe(['set-password', '--password-stdin', '--no-verify', ...at], demoAccount.password);
  await exe(['accounts', 'add', 'SIVOM de la Rance', ...at]);
  const sivom = ['--account', 'SIVOM de la Rance', ...at];
  await exe(['configure', '--url', simulator.url, '--token-url', simulator.tokenUrl, '--login', 'TECH_2_expire@cpro.fr', '--client-id', demoAccount.clientId, ...sivom]);
  await exe(['set-password', '--password-stdin', '--no-verify', ...sivom], 'pas-le-bon');

  const run = await exe(['test', '--all', '--notify', '--json', ...at]);
  expect(run.status).toBe(1);
  const notifications = run.records.flatMap((record) => (record.kind === 'notification' ? [record] : []));
  expect(notifications.map((notification) => notification.title)).toEqual(['Chorus Pro Echanges — SIVOM de la Rance']);
  expect(notifications[0]?.body).toContain('Compte «\u00a0SIVOM de la Rance\u00a0»\u00a0: le test de connexion à Chorus Pro a échoué');
  expect(run.records).toContainEqual({ kind: 'app-user-model-id', id: 'fr.collectivites.chorus-pro-echanges' });
  expect(run.json).toMatchObject({ ok: false, notifications: { shown: true, accounts: [{ account: 'SIVOM de la Rance' }] } });
  expectNoWindow(run);
});

