// `dailyCheckAt` in the machine-wide profile: the daily check registered at the workstation's first
// start, like the rest of the profile. It belongs to the machine profile only (the Task Scheduler
// keeps it, not the settings): it is taken out before the profile itself is read.
import { z } from 'zod';
import { timeOfDayInput } from '../dates/time-of-day';
import type { Logger } from '../logging/logger';
import type { DailyCheckSchedule } from './daily-check-schedule';
import { parseTimeOfDay } from './daily-check-task';

const machineOnlySchema = z.object({ dailyCheckAt: timeOfDayInput.optional() });

/** The profile's own data, and the daily check's time if it names a valid one (else undefined, logged). */
export function splitMachineOnlyFields(
  data: unknown,
  logger: Logger,
): { readonly profile: unknown; readonly dailyCheckAt: string | undefined } {
  if (typeof data !== 'object' || data === null || !('dailyCheckAt' in data))
    return { profile: data, dailyCheckAt: undefined };
  const { dailyCheckAt, ...profile } = data as Record<string, unknown>;
  const parsed = machineOnlySchema.safeParse({ dailyCheckAt });
  if (!parsed.success) logger.warn('profile.machine-daily-check-refused', {});
  return { profile, dailyCheckAt: parsed.success ? parsed.data.dailyCheckAt : undefined };
}

/** Registers the daily check the machine profile asked for; what the Task Scheduler says is logged. */
export async function registerMachineDailyCheck(
  schedule: DailyCheckSchedule,
  at: string,
  logger: Logger,
): Promise<void> {
  let outcome;
  try {
    outcome = await schedule.install(parseTimeOfDay(at));
  } catch (error) {
    logger.warn('schedule.machine-daily-check-failed', { error: error instanceof Error ? error.name : typeof error });
    return;
  }
  if (!outcome.supported) logger.info('schedule.machine-daily-check-unsupported', {});
  else if (outcome.ok) logger.info('schedule.machine-daily-check-installed', { at });
  else logger.warn('schedule.machine-daily-check-refused', { reason: outcome.reason });
}
