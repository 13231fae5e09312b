import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../test/support/settings-fixture';
import { taskSchedulerStandIn } from '../../test/support/task-scheduler-stand-in';
import { createDailyCheckSchedule } from '../schedule/daily-check-schedule';
import { dailyCheckHandlers } from './daily-check-handlers';

const handlersOn = (platform: NodeJS.Platform, scheduler: ReturnType<typeof taskSchedulerStandIn>) =>
  dailyCheckHandlers(
    createDailyCheckSchedule({
      platform,
      run: scheduler.run,
      userSid: scheduler.userSid,
      clock: fixedClock('2026-12-02T10:00:00Z'),
      executable: 'C:\\Program Files\\Chorus Pro Echanges\\Chorus Pro Echanges.exe',
    }),
  );

describe('the screen’s daily check, through the bridge’s handlers', () => {
  it('turns it on at a time, reads it back, turns it off', async () => {
    const scheduler = taskSchedulerStandIn();
    const handlers = handlersOn('win32', scheduler);
    expect(await handlers.getDailyCheck()).toEqual({ supported: true, installed: false, at: null });
    expect(await handlers.setDailyCheck({ at: '06:45' })).toEqual({ supported: true, installed: true, at: '06:45' });
    expect(await handlers.getDailyCheck()).toEqual({ supported: true, installed: true, at: '06:45' });
    expect(await handlers.setDailyCheck({ at: null })).toEqual({ supported: true, installed: false, at: null });
    // Each status also looks for 0.2.0's machine-wide task.
    expect(scheduler.calls.map((args) => args[0])).toEqual([
      '/Query',
      '/Query',
      '/Create',
      '/Query',
      '/Query',
      '/Query',
      '/Query',
      '/Query',
      '/Delete',
      '/Query',
      '/Query',
      '/Query',
    ]);
  });

  it('says in French what the Task Scheduler refused, and that nothing changed', async () => {
    const handlers = handlersOn('win32', taskSchedulerStandIn({ failWith: 'ERREUR : Accès refusé.' }));
    const view = await handlers.setDailyCheck({ at: '07:30' });
    expect(view).toMatchObject({
      installed: false,
      refusal: expect.stringContaining("a refusé : ERREUR : Accès refusé. Rien n'a été modifié") as unknown,
    });
  });

  it('outside Windows, says it is not supported and runs nothing', async () => {
    const scheduler = taskSchedulerStandIn();
    const handlers = handlersOn('linux', scheduler);
    expect(await handlers.setDailyCheck({ at: '07:30' })).toEqual({ supported: false, installed: false, at: null });
    expect(scheduler.calls).toEqual([]);
  });
});
