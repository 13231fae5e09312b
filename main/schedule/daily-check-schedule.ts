// Registers, removes and reads the daily check's task through `schtasks` (Windows' own tool: no
// extra dependency). The runner is injected: tests record what would be run.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import type { Clock } from '../dates/clock';
import { dailyCheckTaskName, dailyCheckTaskXml, parseTimeOfDay, timeOfDayText, type TimeOfDay } from './daily-check-task';

export interface SchtasksOutcome {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}
/** Runs schtasks.exe with these arguments. */
export type SchtasksRunner = (args: readonly string[]) => Promise<SchtasksOutcome>;

export const systemSchtasks: SchtasksRunner = (args) =>
  new Promise((resolve) => {
    execFile('schtasks.exe', [...args], { windowsHide: true, timeout: 30_000 }, (error, stdout, stderr) => {
      const status = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ status, stdout, stderr: error !== null && stderr === '' ? error.message : stderr });
    });
  });

export type DailyCheckState =
  | { readonly supported: false }
  | { readonly supported: true; readonly installed: false }
  | { readonly supported: true; readonly installed: true; readonly at: string | null; readonly enabled: boolean };

export type ScheduleChange = { readonly supported: false } | { readonly supported: true; readonly ok: true } | { readonly supported: true; readonly ok: false; readonly reason: string };

export interface DailyCheckScheduleDependencies {
  readonly platform: NodeJS.Platform;
  readonly run: SchtasksRunner;
  readonly clock: Clock;
  /** The installed executable the task starts. */
  readonly executable: string;
  readonly userDataDir?: string;
  /** Another daily task than the check (the publisher's fleet report): its name, arguments and description. */
  readonly task?: { readonly name: string; readonly commandArguments: readonly string[]; readonly description: string };
}

/** What `schtasks /Query /XML` gives back, as far as the check reads it. */
const registeredTaskSchema = z.object({
  Task: z.object({
    Triggers: z.object({ CalendarTrigger: z.object({ StartBoundary: z.string() }).partial() }).partial().optional(),
    Settings: z.object({ Enabled: z.union([z.boolean(), z.string()]) }).partial().optional(),
  }),
});

const reasonOf = (outcome: SchtasksOutcome): string => (outcome.stderr.trim() || outcome.stdout.trim() || `code ${outcome.status}`).slice(0, 500);

export function createDailyCheckSchedule(dependencies: DailyCheckScheduleDependencies) {
  const { platform, run, clock } = dependencies;
  const supported = platform === 'win32';
  const taskName = dependencies.task?.name ?? dailyCheckTaskName;
  const other = dependencies.task;
  const taskXml = (at: TimeOfDay): string =>
    dailyCheckTaskXml({
      at,
      executable: dependencies.executable,
      from: clock(),
      ...(dependencies.userDataDir ? { userDataDir: dependencies.userDataDir } : {}),
      ...(other ? { commandArguments: other.commandArguments, description: other.description } : {}),
    });

  return {
    supported,
    /** Exactly what `install` registers: to review, or to deploy by group policy instead. */
    xml: taskXml,
    async install(at: TimeOfDay): Promise<ScheduleChange> {
      if (!supported) return { supported: false };
      // UTF-16 with its byte-order mark, as the Task Scheduler writes its own exports.
      const folder = mkdtempSync(join(tmpdir(), 'chorus-tache-'));
      const file = join(folder, 'verification-quotidienne.xml');
      try {
        writeFileSync(file, `\ufeff${taskXml(at)}`, 'utf16le');
        const outcome = await run(['/Create', '/TN', taskName, '/XML', file, '/F']);
        return outcome.status === 0 ? { supported: true, ok: true } : { supported: true, ok: false, reason: reasonOf(outcome) };
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
    async remove(): Promise<ScheduleChange> {
      if (!supported) return { supported: false };
      const state = await this.status();
      if (state.supported && !state.installed) return { supported: true, ok: true };
      const outcome = await run(['/Delete', '/TN', taskName, '/F']);
      return outcome.status === 0 ? { supported: true, ok: true } : { supported: true, ok: false, reason: reasonOf(outcome) };
    },
    async status(): Promise<DailyCheckState> {
      if (!supported) return { supported: false };
      const outcome = await run(['/Query', '/TN', taskName, '/XML']);
      if (outcome.status !== 0) return { supported: true, installed: false };
      const parsed = registeredTaskSchema.safeParse(new XMLParser({ parseTagValue: true }).parse(outcome.stdout));
      const boundary = parsed.success ? parsed.data.Task.Triggers?.CalendarTrigger?.StartBoundary : undefined;
      const time = boundary ? /T(\d\d:\d\d)/.exec(boundary)?.[1] : undefined;
      const enabled = parsed.success ? String(parsed.data.Task.Settings?.Enabled ?? 'true') !== 'false' : true;
      return { supported: true, installed: true, at: time ? timeOfDayText(parseTimeOfDay(time)) : null, enabled };
    },
  };
}
export type DailyCheckSchedule = ReturnType<typeof createDailyCheckSchedule>;
