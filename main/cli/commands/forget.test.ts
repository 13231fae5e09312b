import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { SchtasksOutcome, SchtasksRunner } from '../../schedule/daily-check-schedule';
import { compileCacheFolderName } from '../compile-cache';
import { clearKeychainService } from '../../secrets/keytar-secret-store';
import { demoAccount } from '../../../test/support/core-fixture';
import { fixedClock } from '../../../test/support/settings-fixture';
import { inProcessCli } from '../../../test/support/in-process-cli';
import { tempDir } from '../../../test/support/temp-dirs';

let keychainService = '';
const userSid = 'S-1-5-21-1004336348-1177238915-682003330-1001';
const usedServices: string[] = [];
beforeEach(() => {
  keychainService = `Chorus Pro Echanges (test forget ${randomUUID()})`;
  usedServices.push(keychainService);
});
afterAll(async () => {
  await Promise.all(usedServices.map((service) => clearKeychainService(service)));
});

/** schtasks as a recording: the task is there until /Delete succeeds (or refuses, when told to). */
function recordingSchtasks(options: { refuseDelete?: boolean } = {}) {
  const calls: (readonly string[])[] = [];
  let installed = true;
  const run: SchtasksRunner = (args) => {
    calls.push(args);
    const answer = (outcome: SchtasksOutcome) => Promise.resolve(outcome);
    if (args[0] === '/Query')
      return answer(
        installed
          ? {
              status: 0,
              stdout:
                '<?xml version="1.0"?><Task><Triggers><CalendarTrigger><StartBoundary>2026-12-01T07:30:00</StartBoundary></CalendarTrigger></Triggers></Task>',
              stderr: '',
            }
          : { status: 1, stdout: '', stderr: 'ERREUR : introuvable.' },
      );
    if (args[0] === '/Delete' && options.refuseDelete === true)
      return answer({ status: 1, stdout: '', stderr: 'ERREUR : Accès refusé.' });
    if (args[0] === '/Delete') installed = false;
    return answer({ status: 0, stdout: '', stderr: '' });
  };
  return { calls, run };
}

const cli = (
  args: readonly string[],
  options: { stdin?: string; platform?: NodeJS.Platform; run?: SchtasksRunner } = {},
) =>
  inProcessCli(() => keychainService, fixedClock('2026-12-02T10:00:00Z'), {
    executablePath: 'C:\\Program Files\\Chorus Pro Echanges\\Chorus Pro Echanges.exe',
    userSid: () => Promise.resolve(userSid),
  })(args, {
    ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
    platform: options.platform ?? 'win32',
    ...(options.run ? { runSchtasks: options.run } : {}),
  });

/** Two communes with their secrets, one entry left under a login changed since, and a support log. */
async function workstation(): Promise<string> {
  const dir = tempDir('chorus-oubli-');
  const at = ['--user-data-dir', dir];
  const connection = [
    '--url',
    'http://127.0.0.1:9',
    '--token-url',
    'http://127.0.0.1:9/api/oauth/token',
    '--client-id',
    demoAccount.clientId,
  ];
  expect((await cli(['configure', ...connection, '--login', 'TECH_1_ancien@cpro.fr', ...at])).status).toBe(0);
  expect((await cli(['set-password', '--password-stdin', '--no-verify', ...at], { stdin: 'ancien' })).status).toBe(0);
  expect((await cli(['configure', '--login', demoAccount.login, ...at])).status).toBe(0);
  expect(
    (await cli(['set-client-secret', '--client-secret-stdin', ...at], { stdin: demoAccount.clientSecret })).status,
  ).toBe(0);
  expect(
    (await cli(['set-password', '--password-stdin', '--no-verify', ...at], { stdin: demoAccount.password })).status,
  ).toBe(0);
  expect((await cli(['accounts', 'add', 'SIVOM de la Rance', ...at])).status).toBe(0);
  const sivom = ['--account', 'SIVOM de la Rance', ...at];
  expect((await cli(['configure', ...connection, '--login', 'TECH_2_sivom@cpro.fr', ...sivom])).status).toBe(0);
  expect((await cli(['set-password', '--password-stdin', '--no-verify', ...sivom], { stdin: 'sivom' })).status).toBe(0);
  expect(await keytar.findCredentials(keychainService)).toHaveLength(4);
  expect(existsSync(join(dir, 'journaux'))).toBe(true);
  return dir;
}

describe('forget --all --confirm', () => {
  it('without --confirm says what would go, and removes nothing (exit 2)', async () => {
    const dir = await workstation();
    const before = readdirSync(dir).sort();
    const preview = await cli(['forget', '--all', '--user-data-dir', dir], { run: recordingSchtasks().run });
    expect(preview.status).toBe(2);
    expect(preview.stderr).toContain(
      "rien n'a été effacé. forget --all effacerait 4 mots de passe et secrets du coffre-fort",
    );
    expect(preview.stderr).toContain(
      'les paramètres de 2 comptes techniques (« Compte principal », « SIVOM de la Rance »)',
    );
    expect(preview.stderr).toContain('confirmez avec forget --all --confirm');
    expect(preview.stderr).toContain('le rapport quotidien du parc de cet utilisateur');
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(await keytar.findCredentials(keychainService)).toHaveLength(4);
    expect((await cli(['forget', '--confirm', '--user-data-dir', dir])).status).toBe(2);
  });

  it('removes every keychain entry of the app (an old login’s included), the user’s task through the schedule, the settings and logs, then the empty folder', async () => {
    const dir = await workstation();
    // The built command line's compile cache (issue 36), as Node writes it.
    mkdirSync(join(dir, compileCacheFolderName, 'v24-x64-0'), { recursive: true });
    writeFileSync(join(dir, compileCacheFolderName, 'v24-x64-0', '016809ab'), 'code');
    const schtasks = recordingSchtasks();
    const run = await cli(['forget', '--all', '--confirm', '--json', '--user-data-dir', dir], { run: schtasks.run });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      ok: true,
      forgotten: ['fleet', 'keychain', 'daily-check', 'fleet-report', 'settings'],
    });
    expect(await keytar.findCredentials(keychainService)).toEqual([]);
    // This user's own task (issue 29), through the schedule's removal.
    expect(schtasks.calls).toContainEqual([
      '/Delete',
      '/TN',
      `Chorus Pro Echanges\\Verification quotidienne - ${userSid}`,
      '/F',
    ]);
    // The publisher's daily report too (issue 32), said only because this user had one.
    expect(schtasks.calls).toContainEqual([
      '/Delete',
      '/TN',
      `Chorus Pro Echanges\\Rapport du parc - ${userSid}`,
      '/F',
    ]);
    expect(existsSync(dir)).toBe(false);
  });

  it('leaves a folder’s other files (and so the folder) alone', async () => {
    const dir = await workstation();
    writeFileSync(join(dir, 'notes-du-service.txt'), 'à garder');
    const run = await cli(['forget', '--all', '--confirm', '--user-data-dir', dir], { platform: 'linux' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      "Vérification quotidienne : ce système n'a pas de Planificateur de tâches, rien à retirer.",
    );
    expect(run.stdout).toContain('Coffre-fort : 4 mots de passe et secrets effacés.');
    expect(run.stdout).not.toContain('Rapport quotidien du parc');
    expect(run.stdout).not.toMatch(/\n\n/u);
    expect(readdirSync(dir)).toEqual(['notes-du-service.txt']);
  });

  it('stops where the Task Scheduler refuses, keeping the settings, and finishes when run again (exit 1, then 0)', async () => {
    const dir = await workstation();
    const refused = await cli(['forget', '--all', '--confirm', '--user-data-dir', dir], {
      run: recordingSchtasks({ refuseDelete: true }).run,
    });
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain(
      "Effacement arrêté : le Planificateur de tâches n'a pas retiré la vérification quotidienne : ERREUR : Accès refusé.",
    );
    expect(refused.stdout).toContain('relancez forget --all --confirm');
    expect(existsSync(join(dir, 'config.json'))).toBe(true);
    const again = await cli(['forget', '--all', '--confirm', '--user-data-dir', dir], { run: recordingSchtasks().run });
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('Coffre-fort : aucun mot de passe ni secret à effacer.');
    expect(existsSync(dir)).toBe(false);
  });

  it("removes the fleet's keys and records of a publisher or member (issue 30), leaving the shared folder to the IT person", async () => {
    const dir = await workstation();
    const share = join(tempDir('chorus-partage-'), 'flotte');
    const root = join(tempDir('chorus-coffre-'), 'racine.age');
    const created = await cli(
      ['fleet', 'create', share, '--root-key-file', root, '--passphrase-stdin', '--user-data-dir', dir],
      { stdin: 'la clé du coffre de la communauté de communes' },
    );
    expect(created.status).toBe(0);
    expect(existsSync(join(dir, 'flotte'))).toBe(true);
    expect(
      (await keytar.findCredentials(keychainService)).some((entry) => entry.account.startsWith('flotte-editeur|')),
    ).toBe(true);
    const preview = await cli(['forget', '--all', '--user-data-dir', dir], { platform: 'linux' });
    expect(preview.stderr).toContain("l'adhésion de ce poste à un parc de postes");
    const run = await cli(['forget', '--all', '--confirm', '--user-data-dir', dir], { platform: 'linux' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Parc de postes : 2 clés effacées du coffre-fort, et le dossier flotte');
    expect(await keytar.findCredentials(keychainService)).toEqual([]);
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(join(share, 'certificats'))).toBe(true);
  });
});
