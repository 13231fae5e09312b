import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHttpTransport } from '../chorus/http-transport';
import { createLogger, type LogLine } from '../logging/logger';
import { createKeytarSecretStore } from '../secrets/keytar-secret-store';
import { createMainProcess } from '../ipc/main-process';
import { fixedClock, openConfBackend, openTestSettings } from '../../test/support/settings-fixture';
import { taskSchedulerStandIn } from '../../test/support/task-scheduler-stand-in';
import { tempDir } from '../../test/support/temp-dirs';
import { createDailyCheckSchedule, type SchtasksRunner } from './daily-check-schedule';

const appOrigin = 'app://chorus';
const appWindow = { frameUrl: `${appOrigin}/index.html`, isMainFrame: true, isAppWindow: true };

/** The Task Scheduler stand-in; `created` resolves at the first /Create. */
function windowsScheduler() {
  const scheduler = taskSchedulerStandIn();
  let markCreated: () => void = () => undefined;
  const created = new Promise<void>((resolve) => (markCreated = resolve));
  const run: SchtasksRunner = async (args) => {
    const outcome = await scheduler.run(args);
    if (args[0] === '/Create') markCreated();
    return outcome;
  };
  const clock = fixedClock('2026-12-02T08:00:00Z');
  return {
    calls: scheduler.calls,
    created,
    schedule: createDailyCheckSchedule({
      platform: 'win32',
      run,
      userSid: scheduler.userSid,
      clock,
      executable: 'C:\\Program Files\\Chorus Pro Echanges\\Chorus Pro Echanges.exe',
    }),
  };
}

function start(userDataDir: string, machineProfilePath: string, scheduler: ReturnType<typeof windowsScheduler>) {
  const lines: LogLine[] = [];
  const { dispatch } = createMainProcess({
    userDataDir,
    openSettingsBackend: openConfBackend,
    secrets: createKeytarSecretStore('Chorus Pro Echanges (test profil machine quotidien)'),
    send: createHttpTransport(),
    clock: fixedClock('2026-12-02T08:00:00Z'),
    logger: createLogger((line) => lines.push(line)),
    appInfo: { name: 'Chorus Pro Echanges', version: '0.0.0-test', userDataDir },
    desktop: {
      chooseFile: () => Promise.resolve(undefined),
      chooseSaveFile: () => Promise.resolve(undefined),
      openFolder: () => Promise.resolve(),
      confirmNewHost: () => Promise.resolve(true),
      copySecret: () => Promise.resolve(),
    },
    appOrigin,
    machineProfilePath,
    dailyCheck: scheduler.schedule,
  });
  return { dispatch, lines };
}

const profileWith = (dailyCheckAt: string): string => {
  const path = join(tempDir('chorus-profil-machine-'), 'profile.json');
  writeFileSync(
    path,
    JSON.stringify({
      profileVersion: 1,
      environment: 'qualification',
      apiBaseUrl: 'https://sandbox-api.piste.gouv.fr',
      tokenUrl: 'https://sandbox-oauth.piste.gouv.fr/api/oauth/token',
      login: 'TECH_1_mairie@cpro.fr',
      clientId: 'id-mairie',
      alertDelayMonths: 6,
      timeoutSeconds: 30,
      dailyCheckAt,
    }),
  );
  return path;
};

describe('dailyCheckAt in the machine-wide profile', () => {
  it('registers the daily check at the first start, with the rest of the profile applied; never again at later starts', async () => {
    const profile = profileWith('06:50');
    const userDataDir = tempDir('chorus-poste-');
    const scheduler = windowsScheduler();
    const first = start(userDataDir, profile, scheduler);
    await scheduler.created;
    expect(openTestSettings(userDataDir).store.read()).toMatchObject({
      login: 'TECH_1_mairie@cpro.fr',
      alertDelayMonths: 6,
    });
    expect(await first.dispatch('getDailyCheck', appWindow, [])).toEqual({
      ok: true,
      supported: true,
      installed: true,
      at: '06:50',
    });

    const later = windowsScheduler();
    start(userDataDir, profile, later);
    expect(later.calls).toEqual([]);
  });

  it('a time that is not HH:MM is ignored (logged), the rest of the profile still applied', () => {
    const userDataDir = tempDir('chorus-poste-');
    const scheduler = windowsScheduler();
    const { lines } = start(userDataDir, profileWith('25:00'), scheduler);
    expect(openTestSettings(userDataDir).store.read()).toMatchObject({ login: 'TECH_1_mairie@cpro.fr' });
    expect(lines.map((line) => line.event)).toContain('profile.machine-daily-check-refused');
    expect(scheduler.calls).toEqual([]);
  });
});
