// Issue 29, S6: each user's own daily check task, named with their SID; a task that is absent is
// told from one the Task Scheduler refused to show and from a failure; a task edited to hold two
// triggers reads as both times; 0.2.0's machine-wide task is said, and replaced when it is the
// caller's own. The parsers read the published samples in their real encodings.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../test/support/settings-fixture';
import {
  accessDeniedBytes,
  aUserSid,
  anotherUserSid,
  notFoundBytes,
  taskSchedulerStandIn,
  type Task,
} from '../../test/support/task-scheduler-stand-in';
import { windowsSample } from '../../test/support/windows-samples';
import { consoleText } from '../windows/console-text';
import { createDailyCheckSchedule, type SchtasksRunner } from './daily-check-schedule';
import { readRegisteredTask } from './registered-task';
import { schtasksAnswer } from './schtasks-answer';
import { groupPolicyTaskName, legacyDailyCheckTaskName, taskTitles, userTaskName } from './user-task-name';

const sample = (path: string): Buffer => readFileSync(windowsSample(path));
const exe = 'C:\\Program Files\\Chorus Pro Echanges\\Chorus Pro Echanges.exe';
const scheduleFor = (scheduler: { run: SchtasksRunner; userSid: () => Promise<string> }) =>
  createDailyCheckSchedule({
    platform: 'win32',
    run: scheduler.run,
    userSid: scheduler.userSid,
    clock: fixedClock('2026-12-02T10:00:00Z'),
    executable: exe,
  });
const legacyXml = (owner: string): string =>
  consoleText(sample('schtasks/X3-app-exported.utf8.xml'), 850).replace(
    /<UserId>[^<]*<\/UserId>/u,
    `<UserId>${owner}</UserId>`,
  );

describe('the task’s name', () => {
  it('is the user’s own: the folder, the title and their SID; a group policy item names it with %LogonUserSid%', () => {
    expect(userTaskName(taskTitles.dailyCheck, aUserSid)).toBe(
      `Chorus Pro Echanges\\Verification quotidienne - ${aUserSid}`,
    );
    expect(groupPolicyTaskName(taskTitles.dailyCheck)).toBe(
      'Chorus Pro Echanges\\Verification quotidienne - %LogonUserSid%',
    );
    expect(legacyDailyCheckTaskName).toBe('Chorus Pro Echanges\\Verification quotidienne');
  });
});

describe('two users of one workstation', () => {
  it('each install, read and remove their own task: the second never replaces, hides or deletes the first’s', async () => {
    const workstation = new Map<string, Task>();
    const first = taskSchedulerStandIn({ user: aUserSid, tasks: workstation });
    const secondOnShared = taskSchedulerStandIn({ user: anotherUserSid, tasks: workstation });
    expect(await scheduleFor(first).install({ hours: 7, minutes: 30 })).toMatchObject({
      ok: true,
      taskName: userTaskName(taskTitles.dailyCheck, aUserSid),
    });
    expect(await scheduleFor(secondOnShared).status()).toMatchObject({
      installed: false,
      taskName: userTaskName(taskTitles.dailyCheck, anotherUserSid),
    });
    expect(await scheduleFor(secondOnShared).install({ hours: 8, minutes: 0 })).toMatchObject({
      ok: true,
      taskName: userTaskName(taskTitles.dailyCheck, anotherUserSid),
    });
    expect(await scheduleFor(first).status()).toMatchObject({ installed: true, at: '07:30' });
    expect(await scheduleFor(secondOnShared).status()).toMatchObject({ installed: true, at: '08:00' });
  });
});

describe('absent, refused and failed are three answers', () => {
  it('reads French schtasks’ messages in the console’s code page (the published « introuvable », an « Accès refusé » stand-in)', () => {
    expect(consoleText(notFoundBytes(), 850)).toBe('ERREUR : Le fichier spécifié est introuvable.\r\n');
    expect(schtasksAnswer({ status: 1, stdout: '', stderr: consoleText(notFoundBytes(), 850) })).toEqual({
      kind: 'absent',
    });
    expect(schtasksAnswer({ status: 1, stdout: '', stderr: consoleText(accessDeniedBytes(), 850) })).toEqual({
      kind: 'refused',
      said: 'ERREUR : Accès refusé.',
    });
    expect(schtasksAnswer({ status: 1, stdout: '', stderr: 'ERROR: Access is denied.' })).toMatchObject({
      kind: 'refused',
    });
    expect(
      schtasksAnswer({ status: 1, stdout: '', stderr: 'ERROR: The system cannot find the file specified.' }),
    ).toEqual({ kind: 'absent' });
    expect(
      schtasksAnswer({
        status: 1,
        stdout: '',
        stderr: 'ERREUR : Le service Planificateur de tâches n’est pas disponible.',
      }),
    ).toMatchObject({ kind: 'failed' });
    // What 0.2.0 showed: the CP850 bytes read as UTF-8.
    expect(notFoundBytes().toString('utf8')).toContain('\ufffd');
  });

  it('status of a task the Task Scheduler refuses to show is unknown, not « non programmée »', async () => {
    const scheduler = taskSchedulerStandIn();
    scheduler.plant(userTaskName(taskTitles.dailyCheck, aUserSid), anotherUserSid, legacyXml(anotherUserSid));
    expect(await scheduleFor(scheduler).status()).toMatchObject({
      supported: true,
      installed: false,
      problem: { kind: 'refused', reason: 'ERREUR : Accès refusé.' },
    });
  });

  it('remove of a task it may not delete fails, saying so; of no task, succeeds having changed nothing; a failure is a failure', async () => {
    const refused = taskSchedulerStandIn();
    refused.plant(userTaskName(taskTitles.dailyCheck, aUserSid), anotherUserSid, legacyXml(anotherUserSid));
    expect(await scheduleFor(refused).remove()).toMatchObject({
      ok: false,
      kind: 'refused',
      reason: 'ERREUR : Accès refusé.',
    });
    expect(refused.tasks.size).toBe(1);
    expect(await scheduleFor(taskSchedulerStandIn()).remove()).toMatchObject({ ok: true, changed: false });
    const failing = taskSchedulerStandIn({
      failWith: 'ERREUR : Le service Planificateur de tâches n’est pas disponible.',
    });
    expect(await scheduleFor(failing).remove()).toMatchObject({ ok: false, kind: 'failed' });
    expect(await scheduleFor(failing).status()).toMatchObject({ installed: false, problem: { kind: 'failed' } });
  });

  it('a SID that cannot be read stops install, remove and status with the reason; nothing is registered', async () => {
    const scheduler = taskSchedulerStandIn();
    const schedule = createDailyCheckSchedule({
      platform: 'win32',
      run: scheduler.run,
      userSid: () =>
        Promise.reject(
          Object.assign(new Error('x'), {
            detail: "l'identifiant Windows (SID) de cet utilisateur n'a pas pu être lu",
          }),
        ),
      clock: fixedClock('2026-12-02T10:00:00Z'),
      executable: exe,
    });
    expect(await schedule.install({ hours: 7, minutes: 30 })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('SID') as string,
    });
    expect(await schedule.status()).toMatchObject({ installed: false, problem: { kind: 'failed' } });
    expect(scheduler.calls).toEqual([]);
  });
});

describe('a registered task read back', () => {
  it('from the published exports: the time, several triggers, disabled, whose task', () => {
    const read = (path: string, codePage?: number) => readRegisteredTask(consoleText(sample(path), codePage));
    expect(read('schtasks/X1-real-daily-0900.xml')).toEqual({
      times: ['09:00'],
      enabled: true,
      userId: 'DESKTOP-887GK2L\\CyberJunkie',
    });
    expect(read('schtasks/X2-real-monthly-1000.xml')).toEqual({
      times: ['10:00'],
      enabled: true,
      userId: 'S-1-5-21-1882866539-4086113214-3650236343-1001',
    });
    expect(read('schtasks/X3-app-exported.cp850.xml', 850)).toEqual({
      times: ['07:30'],
      enabled: true,
      userId: aUserSid,
    });
    expect(read('schtasks/X3-app-exported.utf8.xml')).toEqual({ times: ['07:30'], enabled: true, userId: aUserSid });
    expect(read('schtasks/X3d-app-exported-disabled.utf8.xml')).toMatchObject({ times: ['07:30'], enabled: false });
    expect(read('schtasks/X3m-app-exported-two-triggers.utf8.xml')).toMatchObject({
      times: ['07:30', '13:00'],
      enabled: true,
    });
    expect(readRegisteredTask('ERREUR : pas une tâche')).toBeUndefined();
  });

  it('status of a task given a second trigger in the Task Scheduler says both times', async () => {
    const scheduler = taskSchedulerStandIn();
    scheduler.plant(
      userTaskName(taskTitles.dailyCheck, aUserSid),
      aUserSid,
      consoleText(sample('schtasks/X3m-app-exported-two-triggers.utf8.xml'), 850),
    );
    expect(await scheduleFor(scheduler).status()).toMatchObject({
      installed: true,
      at: '07:30',
      times: ['07:30', '13:00'],
      enabled: true,
    });
  });
});

describe('0.2.0’s machine-wide task', () => {
  it('status mentions it; install replaces it when it is the caller’s own; remove takes it too', async () => {
    const scheduler = taskSchedulerStandIn();
    scheduler.plant(legacyDailyCheckTaskName, aUserSid, legacyXml(aUserSid));
    expect(await scheduleFor(scheduler).status()).toMatchObject({
      installed: false,
      legacy: { taskName: legacyDailyCheckTaskName, times: ['07:30'], mine: true },
    });
    expect(await scheduleFor(scheduler).install({ hours: 7, minutes: 30 })).toMatchObject({
      ok: true,
      legacy: 'removed',
    });
    expect([...scheduler.tasks.keys()]).toEqual([userTaskName(taskTitles.dailyCheck, aUserSid)]);

    scheduler.plant(legacyDailyCheckTaskName, aUserSid, legacyXml(aUserSid));
    expect(await scheduleFor(scheduler).remove()).toMatchObject({ ok: true, changed: true, legacy: 'removed' });
    expect(scheduler.tasks.size).toBe(0);
  });

  it('another user’s is left alone (only an administrator may remove it) and said', async () => {
    // An administrator sees every task, another user's included.
    const scheduler = taskSchedulerStandIn({ administrator: true });
    scheduler.plant(legacyDailyCheckTaskName, anotherUserSid, legacyXml(anotherUserSid));
    expect(await scheduleFor(scheduler).status()).toMatchObject({ legacy: { mine: false } });
    expect(await scheduleFor(scheduler).install({ hours: 7, minutes: 30 })).toMatchObject({ ok: true, legacy: 'kept' });
    expect(scheduler.tasks.has(legacyDailyCheckTaskName)).toBe(true);
    // A standard user is refused it: nothing is said of it, nothing is deleted.
    const standard = taskSchedulerStandIn({ user: anotherUserSid });
    standard.plant(legacyDailyCheckTaskName, aUserSid, legacyXml(aUserSid));
    expect(await scheduleFor(standard).install({ hours: 7, minutes: 30 })).toMatchObject({ ok: true });
    expect(standard.tasks.has(legacyDailyCheckTaskName)).toBe(true);
  });
});
