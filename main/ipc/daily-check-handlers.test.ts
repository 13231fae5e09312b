import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../test/support/settings-fixture';
import { createDailyCheckSchedule, type SchtasksOutcome, type SchtasksRunner } from '../schedule/daily-check-schedule';
import { dailyCheckHandlers } from './daily-check-handlers';

/** A Task Scheduler that keeps the one task it is given, as schtasks would. */
function taskScheduler(refuse?: string) {
  let registered: string | undefined;
  const calls: string[] = [];
  const run: SchtasksRunner = async (args) => {
    calls.push(String(args[0]));
    const answer = (status: number, stdout = '', stderr = ''): SchtasksOutcome => ({ status, stdout, stderr });
    if (args[0] === '/Create') {
      if (refuse) return answer(1, '', refuse);
      const { readFileSync } = await import('node:fs');
      registered = readFileSync(String(args[args.indexOf('/XML') + 1])).subarray(2).toString('utf16le');
      return answer(0);
    }
    if (args[0] === '/Query') return registered ? answer(0, registered) : answer(1, '', 'ERREUR : introuvable.');
    if (args[0] === '/Delete') registered = undefined;
    return answer(0);
  };
  return { run, calls };
}

const handlersOn = (platform: NodeJS.Platform, run: SchtasksRunner) =>
  dailyCheckHandlers(createDailyCheckSchedule({ platform, run, clock: fixedClock('2026-12-02T10:00:00Z'), executable: 'C:\\Program Files\\Chorus Pro Echanges\\Chorus Pro Echanges.exe' }));

describe('the screen’s daily check, through the bridge’s handlers', () => {
  it('turns it on at a time, reads it back, turns it off', async () => {
    const scheduler = taskScheduler();
    const handlers = handlersOn('win32', scheduler.run);
    expect(await handlers.getDailyCheck()).toEqual({ supported: true, installed: false, at: null });
    expect(await handlers.setDailyCheck({ at: '06:45' })).toEqual({ supported: true, installed: true, at: '06:45' });
    expect(await handlers.getDailyCheck()).toEqual({ supported: true, installed: true, at: '06:45' });
    expect(await handlers.setDailyCheck({ at: null })).toEqual({ supported: true, installed: false, at: null });
    expect(scheduler.calls).toEqual(['/Query', '/Create', '/Query', '/Query', '/Query', '/Delete', '/Query']);
  });

  it('says in French what the Task Scheduler refused, and that nothing changed', async () => {
    const handlers = handlersOn('win32', taskScheduler('ERREUR : Accès refusé.').run);
    const view = await handlers.setDailyCheck({ at: '07:30' });
    expect(view).toMatchObject({ installed: false, refusal: expect.stringContaining("a refusé : ERREUR : Accès refusé. Rien n'a été modifié") as unknown });
  });

  it('outside Windows, says it is not supported and runs nothing', async () => {
    const scheduler = taskScheduler();
    const handlers = handlersOn('linux', scheduler.run);
    expect(await handlers.setDailyCheck({ at: '07:30' })).toEqual({ supported: false, installed: false, at: null });
    expect(scheduler.calls).toEqual([]);
  });
});
