// Issue 29, S1 and S5: an account name is data. Given now, it may not look like a switch (`-`, `/`
// at the start) nor hold what cmd.exe reads itself; stored by an older version, it still opens and
// reaches a process only as the value of one argument, `--account=NAME`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accountArgument, accountArgumentOf } from '../cli/in-app-arguments';
import { runCli } from '../cli/run-cli';
import { createHttpTransport } from '../chorus/http-transport';
import { AppError } from '../failures/errors';
import { createKeytarSecretStore } from '../secrets/keytar-secret-store';
import { closedAfterEachTest } from '../../test/support/closed-after-each';
import { openMainProcess, type MainProcessFixture } from '../../test/support/main-process-fixture';
import { fixedClock } from '../../test/support/settings-fixture';
import { tempDir } from '../../test/support/temp-dirs';
import { checkAccountName } from './account-rules';

const switchLike = [
  '--renderer-cmd-prefix=x',
  '--browser-subprocess-path=\\\\evil.example\\s\\x.exe',
  '-x',
  '/x',
  '/renderer-cmd-prefix=x',
];
const interpreted = [
  'Mairie "X',
  'Mairie %PATH%',
  'Mairie & CCAS',
  'Mairie | x',
  'Mairie < x',
  'Mairie > x',
  'Mairie ^ x',
];

const refusal = (name: string): string => {
  try {
    checkAccountName(name);
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
  return '';
};

describe('checkAccountName: the one check of a name given now', () => {
  it('refuses a name that begins with - or /, saying why in French', () => {
    for (const name of switchLike)
      expect(refusal(name), name).toContain(`il ne peut pas commencer par « ${name.charAt(0)} »`);
  });

  it('refuses the characters cmd.exe reads itself, suggesting « et » for « & »', () => {
    for (const name of interpreted) expect(refusal(name), name).toMatch(/le caractère « ["%&|<>^] » est refusé/);
    expect(refusal('Mairie & CCAS')).toContain('écrivez « et » à la place');
  });

  it('keeps the names of town halls: accents, hyphens inside, apostrophes, dashes, parentheses', () => {
    for (const name of [
      'Commune de Plouër — budget principal',
      'SIVOM Rance-Frémur',
      "L'Haÿ-les-Roses",
      'CCAS (2026)',
      'Mairie et CCAS',
      '1er arrondissement',
    ]) {
      expect(checkAccountName(name)).toBe(name);
    }
  });
});

describe('the argument a notification click starts the app with', () => {
  it('is one argument, --account=NAME, read back whatever NAME holds', () => {
    for (const name of [...switchLike, 'SIVOM de la Rance', 'a=b', '--account=x']) {
      expect(accountArgumentOf(['C:\\App\\Chorus Pro Echanges.exe', accountArgument(name)])).toBe(name);
    }
  });

  it('is not read from two arguments: --account NAME names nothing', () => {
    expect(accountArgumentOf(['app.exe', '--account', 'SIVOM de la Rance'])).toBeUndefined();
    expect(accountArgumentOf(['app.exe', '--account'])).toBeUndefined();
  });
});

const disposedAfterTest = closedAfterEachTest((fixture: MainProcessFixture) => fixture.dispose());

describe('the bridge', () => {
  it('refuses to add or rename an account to a name that could pass for a switch, or that cmd.exe reads', async () => {
    const fixture = disposedAfterTest(openMainProcess());
    for (const name of [...switchLike, 'Mairie & CCAS']) {
      expect(await fixture.call('addAccount', { name }), name).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
        message: expect.stringContaining('Nom du compte') as string,
      });
      expect(await fixture.call('renameAccount', { name: 'Compte principal', newName: name }), name).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
      });
    }
    const listed = (await fixture.call('listAccounts')) as { accounts: { name: string }[] };
    expect(listed.accounts.map((account) => account.name)).toEqual(['Compte principal']);
  });
});

async function cli(args: readonly string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(args, {
    print: (line) => out.push(line),
    warn: (line) => err.push(line),
    readSecret: () => Promise.resolve(''),
    stdinIsTerminal: false,
    env: { ...process.env, CHORUS_PRO_MACHINE_PROFILE: '/nonexistent/profil.json' },
    secretsFor: () => createKeytarSecretStore('Chorus Pro Echanges (test noms de comptes)'),
    send: createHttpTransport(),
    clock: fixedClock('2026-12-02T10:00:00Z'),
  });
  return { status, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('the command line', () => {
  it('accounts add and rename refuse such names: exit 2, the settings file unchanged', async () => {
    const dir = tempDir('chorus-noms-');
    expect((await cli(['accounts', 'add', 'Budget annexe', '--user-data-dir', dir])).status).toBe(0);
    const before = readFileSync(join(dir, 'config.json'), 'utf8');
    for (const name of [...switchLike, ...interpreted]) {
      const added = await cli(['accounts', 'add', '--user-data-dir', dir, '--', name]);
      expect(added.status, name).toBe(2);
      expect(added.stderr, name).toContain('Nom du compte');
      expect(
        (await cli(['accounts', 'rename', '--user-data-dir', dir, '--', 'Budget annexe', name])).status,
        name,
      ).toBe(2);
    }
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(before);
  });

  it('import-profile of a profile adding an account so named is refused (exit 2) and writes nothing', async () => {
    for (const name of ['--renderer-cmd-prefix=x', '/x', 'Mairie & CCAS']) {
      const dir = tempDir('chorus-noms-');
      const profile = join(tempDir('chorus-profil-'), 'profil.json');
      const qualification = {
        environment: 'qualification',
        apiBaseUrl: 'https://sandbox-api.piste.gouv.fr',
        tokenUrl: 'https://sandbox-oauth.piste.gouv.fr/api/oauth/token',
        alertDelayMonths: 12,
        timeoutSeconds: 30,
      };
      writeFileSync(
        profile,
        JSON.stringify({
          profileVersion: 3,
          accounts: [
            { name: 'Commune', ...qualification },
            { name, login: 'TECH_1_x@cpro.fr', ...qualification },
          ],
        }),
      );
      const imported = await cli(['import-profile', profile, '--json', '--user-data-dir', dir]);
      expect(imported.status, name).toBe(2);
      expect(JSON.parse(imported.stdout), name).toMatchObject({
        ok: false,
        code: 'PROFILE_REFUSED',
        message: expect.stringContaining('Nom du compte') as string,
      });
      const written = existsSync(join(dir, 'config.json'))
        ? (
            JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as {
              accounts: { name: string; login?: string }[];
            }
          ).accounts
        : [];
      expect(written.map((account) => account.name)).not.toContain('Commune');
    }
  });

  it('a name an older version kept still opens, and is named back as --account="NAME"', async () => {
    const dir = tempDir('chorus-noms-');
    expect((await cli(['accounts', 'add', 'Ancien', '--user-data-dir', dir])).status).toBe(0);
    // Set up, so that the daily check tests it (and fails: nothing listens there).
    const unreachable = [
      '--url',
      'http://127.0.0.1:9',
      '--token-url',
      'http://127.0.0.1:9/api/oauth/token',
      '--login',
      'TECH_1_ancien@cpro.fr',
    ];
    expect((await cli(['configure', '--account', 'Ancien', ...unreachable, '--user-data-dir', dir])).status).toBe(0);
    const file = join(dir, 'config.json');
    const settings = JSON.parse(readFileSync(file, 'utf8')) as {
      selectedAccount: string;
      accounts: { name: string }[];
    };
    // As 0.2.0 wrote it: it refused neither a leading `-` nor `&`.
    const renamed = (name: string) => (name === 'Ancien' ? '--ancien & co' : name);
    writeFileSync(
      file,
      JSON.stringify({
        ...settings,
        selectedAccount: renamed(settings.selectedAccount),
        accounts: settings.accounts.map((account) => ({ ...account, name: renamed(account.name) })),
      }),
    );
    const status = await cli(['status', '--account=--ancien & co', '--json', '--user-data-dir', dir]);
    expect(status.status).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ ok: true, account: { name: '--ancien & co' } });
    const listed = await cli(['accounts', '--json', '--user-data-dir', dir]);
    // `accounts add` took the place of the « Compte principal » nobody had set up (issue 34).
    expect(JSON.parse(listed.stdout)).toMatchObject({ accounts: [{ name: '--ancien & co' }] });
    const tested = await cli(['test', '--all', '--user-data-dir', dir]);
    expect(tested.stdout).toContain('ajoutez --account="--ancien & co" aux commandes indiquées');
    expect(
      (await cli(['accounts', 'rename', '--user-data-dir', dir, '--', '--ancien & co', 'Ancien et co'])).status,
    ).toBe(0);
  });
});
