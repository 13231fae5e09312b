import { mkdirSync, readFileSync } from 'node:fs';
import { join, win32 } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliStations, recordingNotifier, stationCli, type Station } from '../../test/support/cli-stations';
import { demoAccount } from '../../test/support/core-fixture';
import { fleetCommunes, sharedFolder } from '../../test/support/fleet-fixture';
import { simulatorForTheFile } from '../../test/support/simulator-for-file';
import { tempDir } from '../../test/support/temp-dirs';
import type { SchtasksRunner } from '../schedule/daily-check-schedule';

const simulator = simulatorForTheFile();
const station = cliStations('test rapport');

const cli = stationCli;

// Account names as someone hostile might choose them within the names' rule (no `"%&|<>^`: the
// command interpreter's): formulas for a spreadsheet. The markup comes in the name given at --accept.
const formulaName = "=cmd' /C calc'!A0";
const secondFormulaName = '@SOMME(A1:A9) Rance';
const markupName = '<script>alert(1)</script> Mairie';

interface ReportJson {
  readonly status: number;
  readonly members: readonly {
    id: string;
    name: string | null;
    revision: number | null;
    lastSeen: string | null;
    accounts: readonly {
      name: string;
      state: string;
      lastCheck: { ok: boolean; code: string | null } | null;
      dueOn: string | null;
    }[];
  }[];
  readonly ignored: number;
  readonly escaped: number;
  readonly warnings: readonly string[];
}

describe('fleet report on the command line', () => {
  it("with 3 members lists each with its accounts' last check; a failing account exits 2, a due one 1; CSV and page escaped; one notification", async () => {
    const { url, tokenUrl } = simulator();
    const it = station('informaticien');
    const folder = sharedFolder();
    const [lavaur, rance] = [fleetCommunes[0], fleetCommunes[2]];
    // The publisher's two accounts, named as someone hostile might name them.
    const renamed = await cli(it, ['accounts', 'rename', 'Compte principal', formulaName]);
    expect(renamed.status, renamed.stdout + renamed.stderr).toBe(0);
    const added = await cli(it, ['accounts', 'add', secondFormulaName]);
    expect(added.status, added.stdout + added.stderr).toBe(0);
    for (const [name, commune] of [
      [formulaName, lavaur],
      [secondFormulaName, rance],
    ] as const) {
      expect(
        (
          await cli(it, [
            'configure',
            '--account',
            name,
            '--env',
            'custom',
            '--url',
            url,
            '--token-url',
            tokenUrl,
            '--login',
            commune.login,
            '--client-id',
            demoAccount.clientId,
          ])
        ).status,
      ).toBe(0);
      expect(
        (
          await cli(it, ['set-client-secret', '--account', name, '--client-secret-stdin'], {
            stdin: demoAccount.clientSecret,
          })
        ).status,
      ).toBe(0);
      expect(
        (await cli(it, ['set-password', '--account', name, '--password-stdin'], { stdin: commune.password })).status,
      ).toBe(0);
    }
    const created = await cli(
      it,
      ['fleet', 'create', folder, '--root-key-file', join(tempDir(), 'racine.age'), '--passphrase-stdin', '--json'],
      { stdin: 'la clé du coffre de la communauté' },
    );
    expect(created.status, created.stdout).toBe(0);
    const members: { station: Station; id: string }[] = [];
    for (const label of ['mairie', 'ecole', 'ccas']) {
      const member = station(label);
      const { code } = (await cli(it, ['fleet', 'invite', folder, '--json'])).json;
      const joined = await cli(
        member,
        ['fleet', 'join', folder, '--publisher', String(created.json.fingerprint), '--code-stdin', '--json'],
        { stdin: String(code) },
      );
      expect(joined.status, joined.stdout).toBe(0);
      members.push({ station: member, id: String(joined.json.memberId) });
    }
    const [mairie, ecole, ccas] = members as [
      (typeof members)[number],
      (typeof members)[number],
      (typeof members)[number],
    ];
    expect((await cli(it, ['fleet', 'publish', folder, '--accept', mairie.id, '--name', markupName])).status).toBe(0);
    // Each member's daily check: the folder read, every account tested against Chorus Pro, its status written.
    for (const { station: member } of members)
      expect((await cli(member, ['test', '--all', '--json'], { now: '2026-12-05T07:30:00Z' })).status).toBe(0);
    const good = await cli(it, ['fleet', 'report', folder, '--json'], { now: '2026-12-05T09:00:00Z' });
    expect(good.status, good.stdout).toBe(0);
    const json = good.json as unknown as ReportJson;
    expect(json.members.map((member) => member.id)).toEqual(members.map((member) => member.id));
    expect(json.members[0]?.name).toBe(markupName);
    for (const member of json.members) {
      expect(member).toMatchObject({ revision: 1, lastSeen: '2026-12-05T07:30:00.000Z' });
      expect(member.accounts.map((account) => [account.name, account.state, account.lastCheck?.ok])).toEqual([
        [formulaName, 'ok', true],
        [secondFormulaName, 'ok', true],
      ]);
    }
    expect(json).toMatchObject({ ignored: 0, escaped: 6, warnings: [] });

    // The portal resets one password; the school's check fails with it.
    const renewed = simulator().resetPassword(rance.login);
    expect((await cli(ecole.station, ['test', '--all'], { now: '2026-12-05T08:00:00Z' })).status).toBe(1);
    const csv = join(tempDir('chorus-rapport-fichiers-'), 'parc.csv');
    const html = join(tempDir('chorus-rapport-fichiers-'), 'parc.html');
    const notifier = recordingNotifier();
    const failing = await cli(it, ['fleet', 'report', folder, '--csv', csv, '--html', html, '--notify'], {
      now: '2026-12-05T09:00:00Z',
      notifier,
    });
    expect(failing.status, failing.stdout).toBe(2);
    expect(failing.stdout).toContain(`${secondFormulaName} : en échec : AUTH_REJECTED`);
    expect(notifier.shown).toHaveLength(1);
    expect(notifier.shown[0]?.body).toContain(`— ${secondFormulaName} : en échec`);
    // The spreadsheet reads the formula as text; the page shows the markup as text and runs nothing.
    const table = readFileSync(csv, 'utf8');
    expect(table.startsWith('\ufeff"Poste (identifiant)";')).toBe(true);
    expect(table).toContain(`"'=cmd' /C calc'!A0"`);
    expect(table).toContain(`"'@SOMME(A1:A9) Rance"`);
    expect(table).not.toMatch(/(^|;)"[=@]/m);
    // The level in the words of the page and the screen.
    expect(table).toContain(';"Urgent";');
    const page = readFileSync(html, 'utf8');
    expect(page).not.toContain('<script');
    expect(page).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(page).toContain("default-src 'none'");

    // The IT person renews that password with an old date (as read in the e-mail) and publishes: it is due, 1.
    const setOld = await cli(
      it,
      [
        'set-password',
        '--account',
        secondFormulaName,
        '--password-stdin',
        '--no-verify',
        '--password-updated-on',
        '2025-11-20',
      ],
      { stdin: renewed },
    );
    expect(setOld.status, setOld.stderr).toBe(0);
    expect((await cli(it, ['fleet', 'publish', folder])).status).toBe(0);
    // Each member's check works, and says the password is to be renewed soon: exit 3 (issue 34).
    for (const { station: member } of [mairie, ecole, ccas])
      expect((await cli(member, ['test', '--all'], { now: '2026-12-05T08:30:00Z' })).status).toBe(3);
    const due = await cli(it, ['fleet', 'report', folder, '--json'], { now: '2026-12-05T09:00:00Z' });
    expect(due.status, due.stdout).toBe(1);
    expect((due.json as unknown as ReportJson).members.map((member) => member.accounts[1]?.state)).toEqual([
      'due',
      'due',
      'due',
    ]);
  });

  it('exits 3, unknown, when the report cannot be made: bad usage, a folder of no fleet of this user, a file it cannot write', async () => {
    const nobody = station('personne');
    const folder = sharedFolder();
    mkdirSync(folder, { recursive: true });
    for (const args of [
      ['fleet', 'report'],
      ['fleet', 'report', folder, '--frobnicate'],
      ['fleet', 'report', folder, '--root-key-file', 'x'],
      ['fleet', 'report', folder, 'en-trop'],
      ['fleet', 'report', folder],
      ['fleet', 'report', folder, '--csv', tempDir()],
    ]) {
      const run = await cli(nobody, args);
      expect(run.status, args.join(' ')).toBe(3);
      expect(run.stderr).toMatch(/^Erreur \((INVALID_INPUT|FLEET_NOT_PUBLISHER|FLEET_UNREACHABLE)\)/);
    }
    // The daily task (--notify, nobody watching): a report that cannot be made says so in one notification.
    const notifier = recordingNotifier();
    expect((await cli(nobody, ['fleet', 'report', folder, '--notify'], { notifier })).status).toBe(3);
    expect(notifier.shown).toEqual([
      expect.objectContaining({
        body: expect.stringMatching(/^Rapport du parc impossible : .+ Dossier : /u) as string,
      }),
    ]);
    expect(
      (await cli(nobody, ['fleet', 'report', folder, '--csv', join(folder, 'parc'), '--html', join(folder, 'parc')]))
        .stderr,
    ).toContain('--csv et --html nomment le même fichier');
  });

  it("registers the publisher's daily report as this user's own task, with a random delay, only for a folder this user publishes", async () => {
    const it = station('editeur');
    const folder = sharedFolder();
    expect(
      (
        await cli(
          it,
          ['fleet', 'create', folder, '--root-key-file', join(tempDir(), 'racine.age'), '--passphrase-stdin'],
          { stdin: 'la clé du coffre de la communauté' },
        )
      ).status,
    ).toBe(0);
    const calls: { args: readonly string[]; xml?: string }[] = [];
    const run: SchtasksRunner = (args) => {
      const xmlAt = args[0] === '/Create' ? args.indexOf('/XML') : -1;
      calls.push({ args, ...(xmlAt >= 0 ? { xml: readFileSync(String(args[xmlAt + 1])).toString('utf16le') } : {}) });
      // /Query answers with the task as registered (its XML, the byte-order mark aside).
      const registered = calls.find((call) => call.xml !== undefined)?.xml?.replace(/^\ufeff/u, '') ?? '';
      return Promise.resolve({
        status: 0,
        stdout: args[0] === '/Query' && args.includes('/XML') ? registered : '',
        stderr: '',
      });
    };
    const sid = 'S-1-5-21-1882866539-4086113214-3650236343-1001';
    const installed = await cli(it, ['schedule', 'install', '--at', '08:00', '--report', folder, '--json'], {
      windows: { run, sid },
    });
    expect(installed.status, installed.stdout).toBe(0);
    expect(installed.json).toMatchObject({
      installed: true,
      at: '08:00',
      taskName: `Chorus Pro Echanges\\Rapport du parc - ${sid}`,
    });
    expect(calls.map((call) => call.args.slice(0, 3))).toEqual([
      ['/Create', '/TN', `Chorus Pro Echanges\\Rapport du parc - ${sid}`],
    ]);
    expect(calls[0]?.xml).toContain(
      `<Arguments>--cli fleet report ${folder} --notify --user-data-dir ${win32.resolve(it.dir)}</Arguments>`,
    );
    expect(calls[0]?.xml).toContain('<RandomDelay>PT30M</RandomDelay>');
    // Another user of the workstation publishes nothing there: refused, nothing registered.
    const other = station('collegue');
    const refused = await cli(other, ['schedule', 'install', '--at', '08:00', '--report', folder], {
      windows: { run, sid: 'S-1-5-21-1-2-3-1002' },
    });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^Erreur \(FLEET_NOT_PUBLISHER\)/);
    expect(calls).toHaveLength(1);
    // Its state and its removal, by the same name.
    const state = await cli(it, ['schedule', 'status', '--report', folder, '--json'], { windows: { run, sid } });
    expect(state.status, state.stdout).toBe(0);
    expect(state.json).toMatchObject({
      installed: true,
      times: ['08:00'],
      taskName: `Chorus Pro Echanges\\Rapport du parc - ${sid}`,
    });
    expect(calls.at(-1)?.args.slice(0, 3)).toEqual(['/Query', '/TN', `Chorus Pro Echanges\\Rapport du parc - ${sid}`]);
    const removed = await cli(it, ['schedule', 'remove', '--report', folder], { windows: { run, sid } });
    expect(removed.status, removed.stdout).toBe(0);
    expect(removed.stdout).toContain('Rapport quotidien du parc retiré pour cet utilisateur.');
    expect(calls.map((call) => call.args.slice(0, 3))).toContainEqual([
      '/Delete',
      '/TN',
      `Chorus Pro Echanges\\Rapport du parc - ${sid}`,
    ]);
    expect(
      (await cli(it, ['schedule', 'remove', '--report', folder, '--at', '08:00'], { windows: { run, sid } })).status,
    ).toBe(2);
  });
});
