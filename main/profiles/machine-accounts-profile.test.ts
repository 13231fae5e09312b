// Issue 31: the machine profile carries a centre de gestion's communes (several accounts) and the
// daily check's time; import-profile takes that time, export-profile writes it.
import { randomUUID } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { aUserSid } from '../../test/support/task-scheduler-stand-in';
import { afterAll, describe, expect, it } from 'vitest';
import type { SchtasksRunner } from '../schedule/daily-check-schedule';
import { clearKeychainService, createKeytarSecretStore } from '../secrets/keytar-secret-store';
import { secretAccounts } from '../secrets/secret-store';
import { inProcessCli } from '../../test/support/in-process-cli';
import { openMainProcess } from '../../test/support/main-process-fixture';
import { fixedClock } from '../../test/support/settings-fixture';
import { tempDir } from '../../test/support/temp-dirs';
import { buildAccountsProfile } from './accounts-profile';

const api = 'https://chorus.cdg22.example';
const token = 'https://oauth.cdg22.example/token';
const passphrase = 'centre de gestion des Côtes-d’Armor';
const communes = [
  { name: 'Commune de Plouër', login: 'TECH_1_plouer@cpro.fr', password: 'Plouer-2026!' },
  { name: 'Commune de Tréméreuc', login: 'TECH_2_tremereuc@cpro.fr', password: 'Tremereuc-2026!' },
  { name: 'SIVOM de la Rance', login: 'TECH_3_sivom@cpro.fr', password: 'Sivom-2026!' },
] as const;
const settingsOf = (login: string) => ({
  environment: 'custom' as const,
  apiBaseUrl: api,
  tokenUrl: token,
  login,
  clientId: 'cdg22-client',
  alertDelayMonths: 12,
  timeoutSeconds: 30,
});

const namespaces: string[] = [];
afterAll(() => Promise.all(namespaces.map((name) => clearKeychainService(name))));
const keychain = (): string => {
  const name = `Chorus Pro Echanges (test profil machine ${randomUUID()})`;
  namespaces.push(name);
  return name;
};

/** The machine-wide profile as an IT person drops it: three communes, the daily check at 07:30, and with a passphrase their passwords. */
async function machineProfile(withSecrets: boolean): Promise<string> {
  const secrets = createKeytarSecretStore(keychain());
  for (const commune of communes)
    await secrets.set(secretAccounts.technicalPassword(api, commune.login), commune.password);
  const accounts = communes.map((commune) => ({ name: commune.name, ...settingsOf(commune.login) }));
  const profile = await buildAccountsProfile(accounts, secrets, withSecrets ? passphrase : undefined);
  const path = join(tempDir('chorus-programdata-'), 'profile.json');
  writeFileSync(path, JSON.stringify({ ...profile, dailyCheckAt: '07:30' }), { mode: 0o644 });
  return path;
}

describe('a machine profile of several accounts', () => {
  it('is applied whole at the first start, the unused first account giving way, and asks for the daily check at its time', async () => {
    const path = await machineProfile(false);
    const { createCoreServices } = await import('../services');
    const { createHttpTransport } = await import('../chorus/http-transport');
    const { createLogger } = await import('../logging/logger');
    const { openConfBackend } = await import('../../test/support/settings-fixture');
    const services = createCoreServices({
      userDataDir: tempDir('chorus-poste-'),
      openSettingsBackend: openConfBackend,
      secrets: createKeytarSecretStore(keychain()),
      send: createHttpTransport(),
      clock: fixedClock('2026-12-04T08:00:00Z'),
      logger: createLogger(() => undefined),
      machineProfilePath: path,
    });
    expect(services.workstation.accounts.list().map((account) => [account.name, account.login])).toEqual(
      communes.map((commune) => [commune.name, commune.login]),
    );
    expect(services.machineDailyCheckAt).toBe('07:30');
  });

  it('registers the daily check at its time for the user who starts the app (Windows), at the first start only', async () => {
    const path = await machineProfile(false);
    const { createDailyCheckSchedule } = await import('../schedule/daily-check-schedule');
    const calls: (readonly string[])[] = [];
    const schtasks: SchtasksRunner = (args) => (
      calls.push(args),
      Promise.resolve({ status: 0, stdout: '', stderr: '' })
    );
    // The user's SID, as whoami gives it on Windows (issue 29: the task is this user's own).
    const onWindows = () =>
      createDailyCheckSchedule({
        platform: 'win32',
        run: schtasks,
        clock: fixedClock('2026-12-04T08:00:00Z'),
        executable: 'C:\\Program Files\\Chorus Pro Echanges\\Chorus Pro Echanges.exe',
        userSid: () => Promise.resolve(aUserSid),
      });
    const workstation = tempDir('chorus-poste-');
    const first = openMainProcess(workstation, { machineProfilePath: path, dailyCheck: onWindows() });
    try {
      await expect
        .poll(() => first.logLines.find((line) => line.event === 'schedule.machine-daily-check-installed')?.fields)
        .toEqual({ at: '07:30' });
      expect(calls.filter((args) => args[0] === '/Create')).toHaveLength(1);
      expect((await first.call('getSettings')).accountCount).toBe(3);
    } finally {
      await first.dispose();
    }
    // The next start is not a first start: nothing registered again, whatever the user changed since.
    const next = openMainProcess(workstation, { machineProfilePath: path, dailyCheck: onWindows() });
    try {
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(calls.filter((args) => args[0] === '/Create')).toHaveLength(1);
    } finally {
      await next.dispose();
    }
  });

  it('refused (a field wrong, or a folder others may change), is said by status with why, at any start', async () => {
    const path = await machineProfile(false);
    const cli = inProcessCli(() => keychain(), fixedClock('2026-12-04T08:00:00Z'));
    const user = tempDir('chorus-poste-');
    // The first status is this user's first start: the profile's three communes are applied, hence --account.
    const statusWith = (profile: string) =>
      cli(['status', '--json', '--account', communes[0].name, '--user-data-dir', user], {
        env: {
          ...process.env,
          CHORUS_PRO_MACHINE_PROFILE: profile,
          CHORUS_PRO_MACHINE_FLEET: '/nonexistent/fleet.json',
        },
      });
    expect((await statusWith(path)).json).not.toHaveProperty('machineProfile');

    const data = JSON.parse(readFileSync(path, 'utf8')) as { accounts: { login: string }[] };
    data.accounts[2] = { ...data.accounts[2], login: 42 } as unknown as { login: string };
    writeFileSync(path, JSON.stringify(data), { mode: 0o644 });
    const wrong = await statusWith(path);
    expect(wrong.status).toBe(0);
    expect(wrong.json.machineProfile).toEqual({ path, refused: expect.stringMatching(/accounts\.2\.login/) as string });

    chmodSync(dirname(path), 0o777);
    try {
      const plain = await cli(['status', '--account', communes[0].name, '--user-data-dir', user], {
        env: { ...process.env, CHORUS_PRO_MACHINE_PROFILE: path, CHORUS_PRO_MACHINE_FLEET: '/nonexistent/fleet.json' },
      });
      expect(plain.stdout.split('\n')[0]).toBe(
        `Attention : le profil de machine (${path}) n'est pas appliqué : le dossier ${dirname(path)} : d'autres utilisateurs peuvent le modifier (droits 777). Il ne sert qu'au premier démarrage de chaque utilisateur ; corrigez-le (guide de déploiement, « Préconfigurer tous les postes : le profil de machine »).`,
      );
    } finally {
      chmodSync(dirname(path), 0o700);
    }
  });

  it('with passwords: the screen asks once for the passphrase and each commune gets its own, not verified', async () => {
    const path = await machineProfile(true);
    const fixture = openMainProcess(tempDir('chorus-poste-'), { machineProfilePath: path });
    try {
      expect(await fixture.call('getSettings')).toMatchObject({
        ok: true,
        machineProfileSecretsPending: true,
        accountCount: 3,
      });
      expect(await fixture.call('importMachineProfileSecrets', { passphrase: 'pas la bonne phrase' })).toMatchObject({
        ok: false,
        code: 'PROFILE_REFUSED',
      });
      const imported = await fixture.call('importMachineProfileSecrets', { passphrase });
      expect(imported).toMatchObject({ ok: true, secrets: { password: true, passwordVerified: false } });
      expect(imported).not.toHaveProperty('machineProfileSecretsPending');
      for (const commune of communes)
        expect(await fixture.secrets.get(secretAccounts.technicalPassword(api, commune.login))).toBe(commune.password);
      const file = JSON.parse(readFileSync(join(fixture.userDataDir, 'config.json'), 'utf8')) as {
        accounts: { passwordVerified?: boolean }[];
      };
      expect(file.accounts.map((account) => account.passwordVerified)).toEqual([false, false, false]);
    } finally {
      await fixture.dispose();
    }
  });
});

describe('dailyCheckAt in an imported profile', () => {
  const clock = fixedClock('2026-12-04T08:00:00Z');
  let namespace = keychain();
  const cli = inProcessCli(() => namespace, clock);

  it('export-profile --daily-check-at writes it; import-profile takes it and registers the check (Windows), or says it cannot here', async () => {
    namespace = keychain();
    const source = tempDir('chorus-source-');
    for (const [index, commune] of communes.entries()) {
      if (index > 0) expect((await cli(['accounts', 'add', commune.name, '--user-data-dir', source])).status).toBe(0);
      else
        expect(
          (await cli(['accounts', 'rename', 'Compte principal', commune.name, '--user-data-dir', source])).status,
        ).toBe(0);
      expect(
        (
          await cli([
            'configure',
            '--env',
            'custom',
            '--url',
            api,
            '--token-url',
            token,
            '--login',
            commune.login,
            '--client-id',
            'cdg22-client',
            '--account',
            commune.name,
            '--user-data-dir',
            source,
          ])
        ).status,
      ).toBe(0);
    }
    const file = join(tempDir('chorus-profil-'), 'communes.json');
    const exported = await cli([
      'export-profile',
      file,
      '--all',
      '--daily-check-at',
      '7h30',
      '--json',
      '--user-data-dir',
      source,
    ]);
    expect(exported.json).toMatchObject({ ok: true, dailyCheckAt: '07:30' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ profileVersion: 3, dailyCheckAt: '07:30' });

    // On Windows: the task registered for this user at that time.
    const calls: (readonly string[])[] = [];
    const schtasks: SchtasksRunner = (args) => (
      calls.push(args),
      Promise.resolve({ status: 0, stdout: '', stderr: '' })
    );
    const target = tempDir('chorus-cible-');
    const onWindows = await cli(['import-profile', file, '--json', '--user-data-dir', target], {
      platform: 'win32',
      runSchtasks: schtasks,
      executablePath: 'C:\\Program Files\\Chorus Pro Echanges\\Chorus Pro Echanges.exe',
      userSid: () => Promise.resolve(aUserSid),
    });
    expect(onWindows.status).toBe(0);
    expect(onWindows.json).toMatchObject({ ok: true, dailyCheck: { installed: true, at: '07:30' } });
    expect(calls.some((args) => args[0] === '/Create')).toBe(true);

    // Here: imported, and said plainly that nothing was registered.
    const elsewhere = await cli(['import-profile', file, '--user-data-dir', tempDir('chorus-cible-')], {
      platform: 'linux',
    });
    expect(elsewhere.status).toBe(0);
    expect(elsewhere.stdout).toContain('Le profil demande une vérification quotidienne à 07:30');
    expect(elsewhere.stdout).toContain("rien n'a été programmé");
  });

  it('refuses a time that is not HH:MM, importing nothing; export-profile refuses one before asking for the passphrase', async () => {
    namespace = keychain();
    const file = join(tempDir('chorus-profil-'), 'profil.json');
    writeFileSync(
      file,
      JSON.stringify({ profileVersion: 1, ...settingsOf('TECH_1_plouer@cpro.fr'), dailyCheckAt: '25:00' }),
    );
    const target = tempDir('chorus-cible-');
    const refused = await cli(['import-profile', file, '--json', '--user-data-dir', target]);
    expect(refused.status).toBe(2);
    expect(refused.json).toMatchObject({
      ok: false,
      code: 'PROFILE_REFUSED',
      message: expect.stringContaining('« dailyCheckAt » doit être une heure HH:MM') as string,
    });
    expect((await cli(['status', '--json', '--user-data-dir', target])).json).toMatchObject({
      settings: { login: null },
    });
    const badExport = await cli(
      [
        'export-profile',
        join(target, 'x.json'),
        '--with-secrets',
        '--passphrase-stdin',
        '--daily-check-at',
        'demain',
        '--json',
        '--user-data-dir',
        target,
      ],
      { stdin: passphrase },
    );
    expect(badExport.status).toBe(2);
  });

  it('is taken by the screen’s import too: shown in the preview, and the profile is not refused', async () => {
    const file = join(tempDir('chorus-profil-'), 'profil.json');
    writeFileSync(
      file,
      JSON.stringify({ profileVersion: 1, ...settingsOf('TECH_1_plouer@cpro.fr'), dailyCheckAt: '06:45' }),
    );
    const fixture = openMainProcess(tempDir('chorus-poste-'));
    try {
      fixture.chosenFiles.push(file);
      const preview = await fixture.call('previewProfileImport');
      expect(preview).toMatchObject({ ok: true, chosen: true });
      expect(
        (preview.changes as { setting: string; after: string }[]).find((change) =>
          change.setting.startsWith('Vérification quotidienne'),
        )?.after,
      ).toMatch(/^06:45/);
      expect(await fixture.call('importProfile')).toMatchObject({
        ok: true,
        settings: { login: 'TECH_1_plouer@cpro.fr' },
      });
    } finally {
      await fixture.dispose();
    }
  });
});
