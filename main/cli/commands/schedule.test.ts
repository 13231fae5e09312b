import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, win32 } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { createHttpTransport } from '../../chorus/http-transport';
import { createKeytarSecretStore } from '../../secrets/keytar-secret-store';
import type { SchtasksOutcome, SchtasksRunner } from '../../schedule/daily-check-schedule';
import { fixedClock } from '../../../test/support/settings-fixture';
import { tempDir } from '../../../test/support/temp-dirs';
import { aUserSid, taskSchedulerStandIn } from '../../../test/support/task-scheduler-stand-in';
import { runCli } from '../run-cli';

const exe = 'C:\\Program Files\\Mairie & Co <test>\\Chorus Pro Echanges.exe';

/** schtasks as a list of the calls it received, with the XML file as it was when /Create ran. */
function recordingSchtasks(
  answer: (args: readonly string[]) => SchtasksOutcome = () => ({ status: 0, stdout: '', stderr: '' }),
) {
  const calls: { args: readonly string[]; xmlFile?: { path: string; bytes: Buffer } }[] = [];
  const run: SchtasksRunner = (args) => {
    const xmlAt = args.indexOf('/XML');
    const path = xmlAt >= 0 && args[0] === '/Create' ? args[xmlAt + 1] : undefined;
    calls.push({ args, ...(path ? { xmlFile: { path, bytes: readFileSync(path) } } : {}) });
    return Promise.resolve(answer(args));
  };
  return { calls, run };
}

// One settings folder for all: it is part of the task's arguments (--user-data-dir).
const userDataDir = tempDir('chorus-planif-');

async function cli(
  args: readonly string[],
  options: {
    platform: NodeJS.Platform;
    run?: SchtasksRunner;
    executablePath?: string;
    userSid?: () => Promise<string>;
    defaultFolder?: string;
  },
) {
  const out: string[] = [];
  const err: string[] = [];
  // `defaultFolder`: no --user-data-dir, the app's own folder (under that XDG_CONFIG_HOME).
  const folder = options.defaultFolder === undefined ? ['--user-data-dir', userDataDir] : [];
  const status = await runCli([...args, ...folder], {
    print: (line) => out.push(line),
    warn: (line) => err.push(line),
    readSecret: () => Promise.resolve(''),
    stdinIsTerminal: false,
    env: {
      ...process.env,
      CHORUS_PRO_MACHINE_PROFILE: '/nonexistent/profil.json',
      ...(options.defaultFolder === undefined
        ? {}
        : { XDG_CONFIG_HOME: options.defaultFolder, APPDATA: options.defaultFolder }),
    },
    secretsFor: () => createKeytarSecretStore('Chorus Pro Echanges (test planification)'),
    send: createHttpTransport(),
    clock: fixedClock('2026-12-02T10:00:00Z'),
    platform: options.platform,
    ...(options.run ? { runSchtasks: options.run } : {}),
    ...(options.executablePath ? { executablePath: options.executablePath } : {}),
    userSid: options.userSid ?? (() => Promise.resolve(aUserSid)),
  });
  return { status, stdout: out.join('\n'), stderr: err.join('\n') };
}

interface TaskDocument {
  Task: {
    '@_xmlns': string;
    Triggers: {
      CalendarTrigger: { StartBoundary: string; RandomDelay: string; ScheduleByDay: { DaysInterval: number } };
    };
    Principals: { Principal: { LogonType: string } };
    Settings: { StartWhenAvailable: boolean; MultipleInstancesPolicy: string };
    Actions: { Exec: { Command: string; Arguments: string } };
  };
}
const parseTask = (xml: string): TaskDocument => new XMLParser({ ignoreAttributes: false }).parse(xml) as TaskDocument;

describe('every daily task starts within a random 30 minutes (RandomDelay)', () => {
  it('the daily check and the publisher’s fleet report both carry PT30M, where the Task Scheduler schema puts it', async () => {
    const check = await cli(['schedule', 'show-xml', '--at', '07:30'], { platform: 'linux' });
    const report = await cli(['schedule', 'show-xml', '--at', '08:00', '--report', '/srv/partage/chorus'], {
      platform: 'linux',
    });
    for (const run of [check, report]) {
      expect(run.status, run.stderr).toBe(0);
      expect(parseTask(run.stdout).Task.Triggers.CalendarTrigger.RandomDelay).toBe('PT30M');
      // The schema's order: the trigger's Enabled, then RandomDelay, then the schedule.
      expect(run.stdout).toMatch(/<Enabled>true<\/Enabled>\s*<RandomDelay>PT30M<\/RandomDelay>\s*<ScheduleByDay>/);
    }
    expect(parseTask(report.stdout).Task.Actions.Exec.Arguments).toBe(
      `--cli fleet report /srv/partage/chorus --notify --user-data-dir ${userDataDir}`,
    );
  });
});

describe('schedule show-xml', () => {
  it('prints the Task Scheduler task: daily at the time given, the executable with --cli test --all --notify, in the user’s session', async () => {
    const run = await cli(['schedule', 'show-xml', '--at', '7h05'], { platform: 'linux', executablePath: exe });
    expect(run.status).toBe(0);
    const { Task } = parseTask(run.stdout);
    expect(Task['@_xmlns']).toBe('http://schemas.microsoft.com/windows/2004/02/mit/task');
    expect(Task.Triggers.CalendarTrigger.StartBoundary).toMatch(/^2026-12-02T07:05:00$/);
    expect(Task.Triggers.CalendarTrigger.ScheduleByDay.DaysInterval).toBe(1);
    expect(Task.Principals.Principal.LogonType).toBe('InteractiveToken');
    expect(Task.Settings).toMatchObject({ StartWhenAvailable: true, MultipleInstancesPolicy: 'IgnoreNew' });
    expect(Task.Actions.Exec.Command).toBe(exe);
    expect(Task.Actions.Exec.Arguments).toContain('--cli test --all --notify');
  });

  it('escapes a path holding & and <: the XML stays well-formed and gives the path back unchanged', async () => {
    const run = await cli(['schedule', 'show-xml', '--at', '18:45', '--executable', 'D:\\A&B<C>\\app.exe'], {
      platform: 'win32',
    });
    expect(run.stdout).toContain('<Command>D:\\A&amp;B&lt;C&gt;\\app.exe</Command>');
    expect(parseTask(run.stdout).Task.Actions.Exec.Command).toBe('D:\\A&B<C>\\app.exe');
    expect(parseTask(run.stdout).Task.Triggers.CalendarTrigger.StartBoundary).toMatch(/T18:45:00$/);
  });

  it('names the installed MSI’s executable by default under Node, and refuses a time that is not HH:MM (exit 2)', async () => {
    const byDefault = await cli(['schedule', 'show-xml', '--at', '07:30'], { platform: 'linux' });
    expect(parseTask(byDefault.stdout).Task.Actions.Exec.Command).toBe(
      'C:\\Program Files\\Chorus Pro Echanges\\Chorus Pro Echanges.exe',
    );
    const refused = await cli(['schedule', 'show-xml', '--at', '25:00'], { platform: 'linux' });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--at : une heure au format HH:MM est attendue, par exemple --at 07:30');
    expect((await cli(['schedule', 'show-xml'], { platform: 'linux' })).stderr).toContain('--at HH:MM');
  });
});

describe('schedule show-xml --output', () => {
  it('writes exactly the file install registers (UTF-16LE with its mark), for schtasks /Create /XML; standard output names it', async () => {
    const file = join(tempDir('chorus-planif-'), 'tache.xml');
    const run = await cli(['schedule', 'show-xml', '--at', '07:30', '--output', file], {
      platform: 'win32',
      executablePath: exe,
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Tâche écrite dans ${file}, en UTF-16 avec sa marque d'ordre des octets`);
    expect(run.stdout).toContain(
      `schtasks /Create /TN "Chorus Pro Echanges\\Verification quotidienne - ${aUserSid}" /XML "${file}" /F`,
    );
    expect(run.stdout).not.toContain('<Task');
    const written = readFileSync(file);
    expect([...written.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(written.subarray(2).toString('utf16le')).toContain('<Description>Vérifie chaque jour');
    const schtasks = recordingSchtasks();
    await cli(['schedule', 'install', '--at', '07:30'], { platform: 'win32', run: schtasks.run, executablePath: exe });
    expect(written.equals(schtasks.calls[0]?.xmlFile?.bytes ?? Buffer.alloc(0))).toBe(true);
  });

  it('refuses a folder that does not exist, and --output with another action (exit 2)', async () => {
    const missing = await cli(
      ['schedule', 'show-xml', '--at', '07:30', '--output', join(tempDir('chorus-planif-'), 'absent', 'tache.xml')],
      { platform: 'win32', executablePath: exe },
    );
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--output : le dossier');
    const withInstall = await cli(['schedule', 'install', '--at', '07:30', '--output', 'tache.xml'], {
      platform: 'win32',
      run: recordingSchtasks().run,
      executablePath: exe,
    });
    expect(withInstall.status).toBe(2);
    expect(withInstall.stderr).toContain("--output ne sert qu'avec schedule show-xml");
  });
});

describe('the settings folder in the task', () => {
  it('says when --user-data-dir goes into the task’s arguments (standard error, the XML alone on standard output), and nothing without it', async () => {
    const shown = await cli(['schedule', 'show-xml', '--at', '07:30'], { platform: 'win32', executablePath: exe });
    expect(parseTask(shown.stdout).Task.Actions.Exec.Arguments).toContain('--user-data-dir');
    // The folder as Windows reads it in the task (issue 29: win32's resolution).
    expect(shown.stderr).toContain(
      `La tâche lancera la vérification sur le dossier de paramètres ${win32.resolve(userDataDir)} (--user-data-dir) ; pour une tâche déployée à plusieurs utilisateurs, n'indiquez pas --user-data-dir`,
    );
    const installed = await cli(['schedule', 'install', '--at', '07:30'], {
      platform: 'win32',
      run: recordingSchtasks().run,
      executablePath: exe,
    });
    expect(installed.stdout).toContain(`dossier de paramètres ${win32.resolve(userDataDir)} (--user-data-dir)`);
    const plain = await cli(['schedule', 'show-xml', '--at', '07:30'], {
      platform: 'win32',
      executablePath: exe,
      defaultFolder: tempDir('chorus-planif-defaut-'),
    });
    expect(plain.status).toBe(0);
    expect(parseTask(plain.stdout).Task.Actions.Exec.Arguments).toBe('--cli test --all --notify');
    expect(plain.stderr).toBe('');
  });

  it('opens no settings for schedule: run by the uninstaller, it leaves no settings folder behind', async () => {
    const home = tempDir('chorus-planif-defaut-');
    const schtasks = recordingSchtasks((args) =>
      args[0] === '/Query' ? { status: 1, stdout: '', stderr: 'introuvable' } : { status: 0, stdout: '', stderr: '' },
    );
    expect(
      (await cli(['schedule', 'remove'], { platform: 'win32', run: schtasks.run, defaultFolder: home })).status,
    ).toBe(0);
    expect(readdirSync(home)).toEqual([]);
  });
});

describe('schedule install, remove, status on Windows (schtasks recorded)', () => {
  const ownTask = `Chorus Pro Echanges\\Verification quotidienne - ${aUserSid}`;

  it('install registers exactly the XML of show-xml, in UTF-16 with its mark, under the user’s own task name, then removes its temporary file', async () => {
    const schtasks = recordingSchtasks();
    const run = await cli(['schedule', 'install', '--at', '07:30'], {
      platform: 'win32',
      run: schtasks.run,
      executablePath: exe,
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Vérification quotidienne programmée entre 07:30 et 08:00');
    expect(run.stdout).toContain(`tâche « ${ownTask} »`);
    const [call] = schtasks.calls;
    expect(call?.args).toEqual(['/Create', '/TN', ownTask, '/XML', call?.xmlFile?.path, '/F']);
    const bytes = call?.xmlFile?.bytes ?? Buffer.alloc(0);
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const shown = await cli(['schedule', 'show-xml', '--at', '07:30'], { platform: 'win32', executablePath: exe });
    expect(bytes.subarray(2).toString('utf16le')).toBe(`${shown.stdout}\n`);
    expect(existsSync(call?.xmlFile?.path ?? '')).toBe(false);
  });

  it('says what schtasks refused, and exits 1', async () => {
    const schtasks = recordingSchtasks(() => ({ status: 1, stdout: '', stderr: 'ERREUR : Accès refusé.' }));
    const run = await cli(['schedule', 'install', '--at', '07:30'], {
      platform: 'win32',
      run: schtasks.run,
      executablePath: exe,
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      'Le Planificateur de tâches a refusé la tâche : accès refusé par le Planificateur de tâches (ERREUR : Accès refusé.)',
    );
  });

  it('status reads the registered task back; remove deletes it; both say when there is none', async () => {
    const scheduler = taskSchedulerStandIn();
    const on = { platform: 'win32' as const, run: scheduler.run, userSid: scheduler.userSid, executablePath: exe };
    expect((await cli(['schedule', 'install', '--at', '06:15'], on)).status).toBe(0);
    const status = await cli(['schedule', 'status'], on);
    expect(status.stdout).toContain(`Vérification quotidienne : programmée à 06:15 (tâche « ${ownTask} »)`);
    const removed = await cli(['schedule', 'remove'], on);
    expect(removed.status).toBe(0);
    expect(removed.stdout).toContain('Vérification quotidienne retirée');
    expect(scheduler.calls.filter((args) => args[0] === '/Delete')).toEqual([['/Delete', '/TN', ownTask, '/F']]);
    expect((await cli(['schedule', 'status'], on)).stdout).toContain('non programmée');
    const again = await cli(['schedule', 'remove'], on);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(
      "Aucune vérification quotidienne n'était programmée pour cet utilisateur : rien n'a été retiré.",
    );
  });
});

describe('schedule outside Windows', () => {
  it('install and remove say that only Windows has the Task Scheduler, change nothing, run nothing, exit 1', async () => {
    const schtasks = recordingSchtasks();
    for (const args of [
      ['schedule', 'install', '--at', '07:30'],
      ['schedule', 'remove'],
    ]) {
      const run = await cli(args, { platform: 'linux', run: schtasks.run });
      expect(run.status).toBe(1);
      expect(run.stdout).toContain("ce système n'en a pas, rien n'a été modifié");
    }
    expect((await cli(['schedule', 'status'], { platform: 'linux', run: schtasks.run })).status).toBe(0);
    expect(schtasks.calls).toEqual([]);
  });
});
