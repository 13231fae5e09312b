import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterAll, describe, expect, it } from 'vitest';
import { clearKeychainService } from '../secrets/keytar-secret-store';
import { secretAccounts } from '../secrets/secret-store';
import { runCliProcess } from '../../test/support/cli-process';
import { demoAccount } from '../../test/support/core-fixture';
import { tempDir } from '../../test/support/temp-dirs';
import { simulatorForTheFile } from '../../test/support/simulator-for-file';
import { configureThreeCommunes } from '../../test/support/three-communes';

const keychainService = `Chorus Pro Echanges (test comptes ${randomUUID()})`;
const cli = (args: readonly string[], stdin?: string) =>
  runCliProcess(args, keychainService, stdin === undefined ? {} : { stdin });

const simulator = simulatorForTheFile();
afterAll(async () => {
  await clearKeychainService(keychainService);
});

/** Three communes on the simulator: two with their right password, one with a wrong one. */
const threeCommunes = () => configureThreeCommunes(cli, simulator(), 'chorus-comptes-');

describe('several technical accounts on the command line', () => {
  it('test --all tests each commune and names the one that fails: exit 1, one JSON line', async () => {
    const dir = await threeCommunes();
    const run = await cli(['test', '--all', '--json', '--user-data-dir', dir]);
    expect(run.status).toBe(1);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(run.json).toMatchObject({
      ok: false,
      results: [
        { account: 'Compte principal', ok: true, structureCount: 3 },
        { account: 'Commune de Tréméreuc', ok: true, structureCount: 0 },
        { account: 'SIVOM de la Rance', ok: false, code: 'AUTH_REJECTED' },
      ],
    });
    const human = await cli(['test', '--all', '--user-data-dir', dir]);
    expect(human.stdout).toContain('ÉCHEC   SIVOM de la Rance : AUTH_REJECTED');
    expect(human.stdout).toContain('1 compte en échec sur 3.');
    // The command line's words, the very ones a single `test` of that account prints, never the screen's.
    const single = await cli(['test', '--account', 'SIVOM de la Rance', '--user-data-dir', dir]);
    const singleMessage = single.stderr.trim().replace(/^Erreur \(AUTH_REJECTED\) : /, '');
    expect(singleMessage).toContain('set-password --password-stdin');
    expect(human.stdout).toContain(`ÉCHEC   SIVOM de la Rance : AUTH_REJECTED — ${singleMessage}`);
    expect(human.stdout).not.toContain('saisissez ici');
    expect(human.stdout).toContain('--account "SIVOM de la Rance"');
  });

  it('never guesses the account: with several and none named, exit 2 listing them; --account picks one', async () => {
    const dir = await threeCommunes();
    const before = readFileSync(join(dir, 'config.json'), 'utf8');
    const unnamed = await cli(['configure', '--alert-delay', '3', '--json', '--user-data-dir', dir]);
    expect(unnamed.status).toBe(2);
    expect(unnamed.json).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining(
        '« Compte principal », « Commune de Tréméreuc », « SIVOM de la Rance »',
      ) as string,
    });
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(before);
    expect((await cli(['status', '--account', 'Inconnue', '--json', '--user-data-dir', dir])).status).toBe(2);

    const status = await cli(['status', '--account', 'Commune de Tréméreuc', '--json', '--user-data-dir', dir]);
    expect(status.json).toMatchObject({
      ok: true,
      account: { name: 'Commune de Tréméreuc' },
      settings: { login: 'TECH_3_sans_structure@cpro.fr' },
      secrets: { password: true, passwordVerified: false },
    });
    const test = await cli(['test', '--account', 'Commune de Tréméreuc', '--json', '--user-data-dir', dir]);
    expect(test.json).toMatchObject({ ok: true, structureCount: 0 });
    expect(
      (await cli(['status', '--account', 'Commune de Tréméreuc', '--json', '--user-data-dir', dir])).json,
    ).toMatchObject({ secrets: { passwordVerified: true } });
    expect(
      (await cli(['status', '--account', 'SIVOM de la Rance', '--json', '--user-data-dir', dir])).json,
    ).toMatchObject({ secrets: { passwordVerified: false } });
  });

  it('lists, renames and removes accounts; removing one takes its password from the keychain, not the shared client secret', async () => {
    const dir = await threeCommunes();
    const listed = await cli(['accounts', '--json', '--user-data-dir', dir]);
    expect(listed.json).toMatchObject({
      ok: true,
      accounts: [
        {
          name: 'Compte principal',
          environment: 'custom',
          apiBaseUrl: simulator().url,
          login: demoAccount.login,
          secrets: { password: true, clientSecret: true },
          reminder: { due: false },
        },
        { name: 'Commune de Tréméreuc', login: 'TECH_3_sans_structure@cpro.fr', secrets: { password: true } },
        { name: 'SIVOM de la Rance', login: 'TECH_2_expire@cpro.fr' },
      ],
    });
    expect(
      (await cli(['accounts', 'rename', 'SIVOM de la Rance', 'commune de TRÉMÉREUC', '--user-data-dir', dir])).status,
    ).toBe(2);
    expect(
      (await cli(['accounts', 'rename', 'SIVOM de la Rance', 'SIVOM Rance-Frémur', '--user-data-dir', dir])).status,
    ).toBe(0);

    const sivomPassword = secretAccounts.technicalPassword(simulator().url, 'TECH_2_expire@cpro.fr');
    expect(await keytar.getPassword(keychainService, sivomPassword)).toBe('pas-le-bon');
    expect((await cli(['accounts', 'remove', 'SIVOM Rance-Frémur', '--user-data-dir', dir])).status).toBe(0);
    expect(await keytar.getPassword(keychainService, sivomPassword)).toBeNull();
    expect(
      await keytar.getPassword(
        keychainService,
        secretAccounts.clientSecret(
          { tokenUrl: simulator().tokenUrl, apiBaseUrl: simulator().url },
          demoAccount.clientId,
        ),
      ),
    ).toBe(demoAccount.clientSecret);
    expect(((await cli(['accounts', '--json', '--user-data-dir', dir])).json.accounts as unknown[]).length).toBe(2);
  });

  it('keeps working unchanged with one account: no --account needed, and the status names it', async () => {
    const dir = tempDir('chorus-comptes-');
    expect((await cli(['configure', '--login', 'TECH_1_seul@cpro.fr', '--user-data-dir', dir])).status).toBe(0);
    expect((await cli(['status', '--json', '--user-data-dir', dir])).json).toMatchObject({
      account: { name: 'Compte principal' },
      settings: { login: 'TECH_1_seul@cpro.fr' },
    });
  });
});

describe('the first account added on a new folder, and what the list says of a password', () => {
  it('accounts add on a new folder replaces the empty « Compte principal » (and says so); beside a configured one, it is added', async () => {
    const fresh = tempDir('chorus-comptes-');
    const added = await cli(['accounts', 'add', 'Commune de Plouër', '--user-data-dir', fresh]);
    expect(added.status).toBe(0);
    expect(added.stdout).toContain(
      "Il remplace « Compte principal », que l'application avait créé et qui n'avait jamais été configuré.",
    );
    expect((await cli(['accounts', '--json', '--user-data-dir', fresh])).json).toMatchObject({
      accounts: [{ name: 'Commune de Plouër', selected: true }],
    });
    expect((await cli(['accounts', '--json', '--user-data-dir', fresh])).json.accounts).toHaveLength(1);
    // The only account: commands need no --account.
    expect((await cli(['configure', '--login', 'TECH_1_plouer@cpro.fr', '--user-data-dir', fresh])).status).toBe(0);
    const second = await cli(['accounts', 'add', 'Commune de Tréméreuc', '--json', '--user-data-dir', fresh]);
    expect(second.json).toEqual({ ok: true, added: 'Commune de Tréméreuc' });
    expect(
      ((await cli(['accounts', '--json', '--user-data-dir', fresh])).json.accounts as { name: string }[]).map(
        (account) => account.name,
      ),
    ).toEqual(['Commune de Plouër', 'Commune de Tréméreuc']);
  });

  it('says « non vérifié » for a password kept without Chorus Pro checking it', async () => {
    const dir = tempDir('chorus-comptes-');
    const at = ['--user-data-dir', dir];
    await cli([
      'configure',
      '--url',
      simulator().url,
      '--token-url',
      simulator().tokenUrl,
      '--login',
      demoAccount.login,
      '--client-id',
      demoAccount.clientId,
      ...at,
    ]);
    await cli(['set-client-secret', '--client-secret-stdin', ...at], demoAccount.clientSecret);
    await cli(['set-password', '--password-stdin', '--no-verify', ...at], demoAccount.password);
    const listed = await cli(['accounts', '--user-data-dir', dir]);
    expect(listed.stdout).toContain('Compte principal — TECH_1_demo@cpro.fr — mot de passe enregistré, non vérifié');
    expect((await cli(['test', '--user-data-dir', dir])).status).toBe(0);
    const after = await cli(['accounts', '--user-data-dir', dir]);
    expect(after.stdout).toMatch(/Compte principal — TECH_1_demo@cpro\.fr — mot de passe enregistré — /);
  });
});
