import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterAll, describe, expect, it } from 'vitest';
import { createHttpTransport } from '../chorus/http-transport';
import { clearKeychainService, createKeytarSecretStore } from '../secrets/keytar-secret-store';
import { secretAccounts } from '../secrets/secret-store';
import { demoAccount } from '../../test/support/core-fixture';
import { fixedClock, openTestSettings } from '../../test/support/settings-fixture';
import { tempDir } from '../../test/support/temp-dirs';
import { simulatorForTheFile } from '../../test/support/simulator-for-file';
import { configureThreeCommunes } from '../../test/support/three-communes';
import type { AccountNotice, Notifier } from '../daily-check/notices';
import { runCli } from './run-cli';

const keychainService = `Chorus Pro Echanges (test vérification quotidienne ${randomUUID()})`;
const today = fixedClock('2026-12-02T06:30:00Z');

/** The desktop's notifications as a list: what the accountant would see, in order. */
function recordingNotifier(): Notifier & { readonly shown: AccountNotice[] } {
  const shown: AccountNotice[] = [];
  return { shown, show: (notice) => shown.push(notice), settled: () => Promise.resolve() };
}

/** The command line in this process, over the real keychain and the simulator, on `today`. */
async function cli(args: readonly string[], options: { stdin?: string; notifier?: Notifier } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(args, {
    print: (line) => out.push(line),
    warn: (line) => err.push(line),
    readSecret: () => Promise.resolve(options.stdin ?? ''),
    stdinIsTerminal: false,
    env: {
      ...process.env,
      CHORUS_PRO_KEYCHAIN_SERVICE: keychainService,
      CHORUS_PRO_MACHINE_PROFILE: '/nonexistent/profil.json',
    },
    secretsFor: () => createKeytarSecretStore(keychainService),
    send: createHttpTransport(),
    clock: today,
    ...(options.notifier ? { notifier: options.notifier } : {}),
  });
  const stdout = out.join('\n');
  return {
    status,
    stdout,
    stderr: err.join('\n'),
    json: (out.length === 1 && out[0]?.startsWith('{') ? JSON.parse(out[0]) : {}) as Record<string, unknown>,
  };
}

const simulator = simulatorForTheFile();
afterAll(async () => {
  await clearKeychainService(keychainService);
});

/**
 * Three communes: one fine, one whose password is due (communicated on 1 November 2025: it expires
 * on 30 December 2026, 424 days later), one whose password Chorus Pro refuses.
 */
const threeCommunes = () =>
  configureThreeCommunes(
    (args, stdin) => cli(args, stdin === undefined ? {} : { stdin }),
    simulator(),
    'chorus-quotidienne-',
    {
      'Compte principal': { configure: ['--alert-delay', '1'] },
      'Commune de Tréméreuc': { setPassword: ['--password-updated-on', '2025-11-01'] },
    },
  );

describe('the daily check: test --all --notify', () => {
  it('shows exactly one notification for the failing account and one for the due account, each naming it; exit 1', async () => {
    const dir = await threeCommunes();
    const notifier = recordingNotifier();
    const run = await cli(['test', '--all', '--notify', '--user-data-dir', dir], { notifier });
    expect(run.status).toBe(1);
    expect(notifier.shown.map((notice) => notice.account)).toEqual(['Commune de Tréméreuc', 'SIVOM de la Rance']);
    // What the accountant reads, in the screen's French typography (non-breaking spaces) and words.
    const [due, failing] = notifier.shown.map((notice) => notice.body);
    expect(due).toContain('Compte «\u00a0Commune de Tréméreuc\u00a0»\u00a0: le mot de passe du compte technique');
    expect(due).toContain('expire dans 28\u00a0jours (le 30/12/2026)');
    expect(due).toContain('Faites-le renouveler sur le portail');
    expect(failing).toContain(
      'Compte «\u00a0SIVOM de la Rance\u00a0»\u00a0: le test de connexion à Chorus Pro a échoué (mot de passe refusé par Chorus Pro)',
    );
    expect(failing).toContain("cliquez pour ouvrir l'application sur ce compte");
    expect(failing).not.toMatch(/ [:;!?»]|« /);
    expect(run.stdout).toContain('ÉCHEC   SIVOM de la Rance : AUTH_REJECTED');
    expect(run.stdout).toContain('2 notifications affichées.');
  });

  it('exits 0 with no notification when every account passes and none is due', async () => {
    const dir = await threeCommunes();
    await cli(['accounts', 'remove', 'SIVOM de la Rance', '--user-data-dir', dir]);
    await cli(['accounts', 'remove', 'Commune de Tréméreuc', '--user-data-dir', dir]);
    const notifier = recordingNotifier();
    const run = await cli(['test', '--all', '--notify', '--json', '--user-data-dir', dir], { notifier });
    expect(run.status).toBe(0);
    expect(notifier.shown).toEqual([]);
    expect(run.json).toMatchObject({
      ok: true,
      results: [{ account: 'Compte principal', ok: true }],
      notifications: { shown: true, accounts: [] },
    });
  });

  it('under plain Node (cli.js) says that notifications need the installed app, and prints what they would say', async () => {
    const dir = await threeCommunes();
    const run = await cli(['test', '--all', '--notify', '--user-data-dir', dir]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      "Notifications : elles ne s'affichent qu'avec l'application installée (\"Chorus Pro Echanges.exe\" --cli test --all --notify)",
    );
    expect(run.stdout).toContain(
      'Compte «\u00a0SIVOM de la Rance\u00a0»\u00a0: le test de connexion à Chorus Pro a échoué',
    );
  });

  it('refuses --notify without --all (exit 2), saying the command to type', async () => {
    const dir = tempDir('chorus-quotidienne-');
    const run = await cli(['test', '--notify', '--user-data-dir', dir]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('test --all --notify');
  });
});

describe('what test --all says of each account, and its exit status', () => {
  it('does not check an account nobody set up (no login), says so in a line, notifies nothing: exit 0', async () => {
    // A user for whom the task runs (GPO) but who never set the app up: only « Compte principal », empty.
    const dir = tempDir('chorus-quotidienne-');
    const notifier = recordingNotifier();
    const run = await cli(['test', '--all', '--notify', '--user-data-dir', dir], { notifier });
    expect(run.status).toBe(0);
    expect(notifier.shown).toEqual([]);
    expect(run.stdout).toContain('Compte principal : non vérifié, aucun identifiant renseigné');
    expect(run.stdout).toContain('Aucun compte à vérifier');
    expect(run.stdout).not.toContain('a échoué');
    const json = await cli(['test', '--all', '--json', '--user-data-dir', dir]);
    expect(json.status).toBe(0);
    expect(json.json).toMatchObject({
      ok: true,
      renewSoon: false,
      results: [{ account: 'Compte principal', ok: null, skipped: 'no-login' }],
    });
    // Not checked, so no check is recorded on it.
    expect((await cli(['accounts', '--json', '--user-data-dir', dir])).json).toMatchObject({
      accounts: [{ name: 'Compte principal', lastCheck: null }],
    });
  });

  it('tests the accounts that are set up beside one that is not, and counts only those', async () => {
    const dir = await threeCommunes();
    await cli(['accounts', 'remove', 'SIVOM de la Rance', '--user-data-dir', dir]);
    await cli(['accounts', 'add', 'Budget annexe', '--user-data-dir', dir]);
    const run = await cli(['test', '--all', '--user-data-dir', dir]);
    expect(run.stdout).toContain('Budget annexe : non vérifié, aucun identifiant renseigné');
    expect(run.stdout).toContain('Les 2 comptes vérifiés sont joignables');
    expect(run.stdout).toContain("1 compte sans identifiant n'a pas été vérifié.");
  });

  it('exits 3 when every account works but a password is to be renewed soon, and names it; 1 still wins when one fails', async () => {
    const dir = await threeCommunes();
    const withFailure = await cli(['test', '--all', '--user-data-dir', dir]);
    expect(withFailure.status).toBe(1);
    await cli(['accounts', 'remove', 'SIVOM de la Rance', '--user-data-dir', dir]);
    const run = await cli(['test', '--all', '--user-data-dir', dir]);
    expect(run.status).toBe(3);
    expect(run.stdout).toContain(
      'OK      Commune de Tréméreuc (0 structure) — mot de passe à renouveler : il expire le 30/12/2026',
    );
    expect(run.stdout).toContain(
      'Les 2 comptes vérifiés sont joignables ; 1 mot de passe est à renouveler bientôt (code de sortie 3)',
    );
    const json = await cli(['test', '--all', '--json', '--user-data-dir', dir]);
    expect(json.status).toBe(3);
    expect(json.json).toMatchObject({
      ok: true,
      renewSoon: true,
      results: [
        { account: 'Compte principal', ok: true },
        { account: 'Commune de Tréméreuc', ok: true, renewalDue: { expiresOn: '2026-12-30', daysLeft: 28 } },
      ],
    });
    // The daily check too: the task's last result shows it (0x3), beside the notification.
    const notifier = recordingNotifier();
    expect((await cli(['test', '--all', '--notify', '--user-data-dir', dir], { notifier })).status).toBe(3);
    expect(notifier.shown.map((notice) => notice.account)).toEqual(['Commune de Tréméreuc']);
  });

  it('agrees every count with its noun: one account, one structure, one notification', async () => {
    const dir = await threeCommunes();
    await cli(['accounts', 'remove', 'SIVOM de la Rance', '--user-data-dir', dir]);
    await cli(['accounts', 'remove', 'Commune de Tréméreuc', '--user-data-dir', dir]);
    const run = await cli(['test', '--all', '--user-data-dir', dir]);
    expect(run.stdout).toContain('Le compte vérifié est joignable.');
    expect(run.stdout).not.toContain('Les 1 ');
    const outputs = [run.stdout];
    for (const args of [['test'], ['structures'], ['accounts'], ['test', '--all', '--notify']])
      outputs.push((await cli([...args, '--user-data-dir', dir])).stdout);
    const dirWithTwoFailures = await threeCommunes();
    await cli(['accounts', 'remove', 'Compte principal', '--user-data-dir', dirWithTwoFailures]);
    await cli([
      'configure',
      '--account',
      'Commune de Tréméreuc',
      '--login',
      'TECH_9_inconnu@cpro.fr',
      '--user-data-dir',
      dirWithTwoFailures,
    ]);
    const twoFailures = await cli(['test', '--all', '--notify', '--user-data-dir', dirWithTwoFailures], {
      notifier: recordingNotifier(),
    });
    expect(twoFailures.stdout).toContain('2 comptes en échec sur 2.');
    expect(twoFailures.stdout).toContain('2 notifications affichées.');
    outputs.push(twoFailures.stdout);
    for (const output of outputs) expect(output).not.toMatch(/\(s\)/);
  });
});

describe('the last check of each account', () => {
  it('is written by test and test --all, shown by accounts --json and in words, and read back by the next run (a restart)', async () => {
    const dir = await threeCommunes();
    const before = await cli(['accounts', '--json', '--user-data-dir', dir]);
    expect((before.json.accounts as { lastCheck: unknown }[]).map((account) => account.lastCheck)).toEqual([
      null,
      null,
      null,
    ]);

    expect((await cli(['test', '--account', 'Compte principal', '--user-data-dir', dir])).status).toBe(0);
    const afterOne = await cli(['accounts', '--json', '--user-data-dir', dir]);
    expect((afterOne.json.accounts as { lastCheck: unknown }[]).map((account) => account.lastCheck)).toEqual([
      { at: '2026-12-02T06:30:00.000Z', ok: true, code: null },
      null,
      null,
    ]);

    await cli(['test', '--all', '--user-data-dir', dir]);
    // A new process reads the file again: what it shows is what the disk kept.
    const listed = await cli(['accounts', '--json', '--user-data-dir', dir]);
    expect(listed.json.accounts).toMatchObject([
      { name: 'Compte principal', lastCheck: { at: '2026-12-02T06:30:00.000Z', ok: true, code: null } },
      { name: 'Commune de Tréméreuc', lastCheck: { ok: true, code: null } },
      { name: 'SIVOM de la Rance', lastCheck: { ok: false, code: 'AUTH_REJECTED' } },
    ]);
    const status = await cli(['status', '--account', 'SIVOM de la Rance', '--json', '--user-data-dir', dir]);
    expect(status.json).toMatchObject({
      lastCheck: { at: '2026-12-02T06:30:00.000Z', ok: false, code: 'AUTH_REJECTED' },
    });
    expect((await cli(['status', '--account', 'SIVOM de la Rance', '--user-data-dir', dir])).stdout).toContain(
      'Dernière vérification : 02/12/2026',
    );
    const words = await cli(['accounts', '--user-data-dir', dir]);
    // The command line's line, with the failure's short reason (the screen's last test says the same).
    expect(words.stdout).toMatch(
      /SIVOM de la Rance — .* — Dernière vérification : 02\/12\/2026 \d\d:30 — échec \(mot de passe refusé par Chorus Pro\)/,
    );
    expect(words.stdout).toMatch(/Compte principal — .* — Dernière vérification : 02\/12\/2026 \d\d:30 — réussie/);
  });

  it('is not written by a test on other parameters than the saved ones (command line overrides)', async () => {
    const dir = await threeCommunes();
    await cli(['test', '--account', 'Compte principal', '--timeout', '20', '--user-data-dir', dir]);
    const listed = await cli(['accounts', '--json', '--user-data-dir', dir]);
    expect((listed.json.accounts as { lastCheck: unknown }[])[0]?.lastCheck).toBeNull();
  });

  it('leaves a settings file exactly as the previous version wrote it loading with nothing lost', () => {
    const dir = tempDir('chorus-quotidienne-');
    const previous = {
      schemaVersion: 3,
      selectedAccount: 'Commune de Plouër',
      accounts: [
        {
          name: 'Commune de Plouër',
          environment: 'production',
          apiBaseUrl: 'https://api.piste.gouv.fr',
          tokenUrl: 'https://oauth.piste.gouv.fr/api/oauth/token',
          alertDelayMonths: 12,
          timeoutSeconds: 30,
          login: 'TECH_1_plouer@cpro.fr',
          clientId: 'client-plouer',
          passwordUpdatedAt: '2026-03-01T00:00:00.000Z',
          passwordVerified: true,
          chorusPasswordExpiresOn: '2027-04-30',
        },
      ],
    };
    writeFileSync(join(dir, 'config.json'), `${JSON.stringify(previous, null, '\t')}\n`);
    const { store } = openTestSettings(dir);
    expect(store.accounts.list()).toEqual(previous.accounts);
    store.recordLastCheck({ at: '2026-12-02T06:30:00.000Z', ok: false, code: 'TIMEOUT' });
    const written = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as typeof previous;
    expect(written).toEqual({
      ...previous,
      accounts: [
        { ...previous.accounts[0], lastCheck: { at: '2026-12-02T06:30:00.000Z', ok: false, code: 'TIMEOUT' } },
      ],
    });
  });
});

describe('a daily check over 200 accounts', () => {
  it('tests them one after the other and reports every one', { timeout: 180_000 }, async () => {
    const dir = tempDir('chorus-quotidienne-');
    const accounts = Array.from({ length: 200 }, (_, index) => ({
      name: `Commune n° ${String(index + 1).padStart(3, '0')}`,
      environment: 'custom',
      apiBaseUrl: simulator().url,
      tokenUrl: simulator().tokenUrl,
      alertDelayMonths: 1,
      timeoutSeconds: 30,
      // The first is the simulator's demo account; the others are unknown to it (refused).
      login: index === 0 ? demoAccount.login : `TECH_${index + 1}_inconnu@cpro.fr`,
      clientId: demoAccount.clientId,
    }));
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ schemaVersion: 3, selectedAccount: accounts[0]?.name, accounts }),
    );
    await keytar.setPassword(
      keychainService,
      secretAccounts.clientSecret(
        { tokenUrl: simulator().tokenUrl, apiBaseUrl: simulator().url },
        demoAccount.clientId,
      ),
      demoAccount.clientSecret,
    );
    for (const [index, account] of accounts.entries()) {
      await keytar.setPassword(
        keychainService,
        secretAccounts.technicalPassword(simulator().url, account.login),
        index === 0 ? demoAccount.password : 'mot-de-passe-inconnu',
      );
    }
    const notifier = recordingNotifier();
    const run = await cli(['test', '--all', '--notify', '--json', '--user-data-dir', dir], { notifier });
    expect(run.status).toBe(1);
    const results = run.json.results as { account: string; ok: boolean; code?: string }[];
    expect(results.map((result) => result.account)).toEqual(accounts.map((account) => account.name));
    expect(results[0]).toMatchObject({ ok: true });
    expect(results.slice(1).every((result) => !result.ok && result.code === 'AUTH_REJECTED')).toBe(true);
    expect(notifier.shown).toHaveLength(199);
  });
});
