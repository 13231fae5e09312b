// Registers, removes and reads the current user's daily check task through `schtasks` (Windows'
// own tool: no extra dependency), started by its full path and read in the console's code page
// (windows/). The runner and the user's SID are injected: tests record what would be run.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../dates/clock';
import { currentUserSid } from '../windows/user-sid';
import { windowsSystemPrograms, type SystemPrograms } from '../windows/system-programs';
import { dailyCheckTaskXml, type TimeOfDay } from './daily-check-task';
import { readRegisteredTask } from './registered-task';
import { schtasksAnswer, type SchtasksOutcome } from './schtasks-answer';
import { legacyDailyCheckTaskName, taskTitles, userTaskName, type TaskTitle } from './user-task-name';

export type { SchtasksOutcome } from './schtasks-answer';
/** Runs schtasks.exe with these arguments; what it printed comes back decoded. */
export type SchtasksRunner = (args: readonly string[]) => Promise<SchtasksOutcome>;

let programs: SystemPrograms | undefined;
const system = (): SystemPrograms => (programs ??= windowsSystemPrograms());
/** %SystemRoot%\System32\schtasks.exe. */
export const systemSchtasks: SchtasksRunner = (args) => system().run('schtasks.exe', args);
/** The SID of the user running the app (`whoami /user`), read once. */
export const systemUserSid: () => Promise<string> = (() => {
  let read: (() => Promise<string>) | undefined;
  return () => (read ??= currentUserSid(system()))();
})();

/** 0.2.0's task, registered under one name for the whole machine. */
export interface LegacyTask {
  readonly taskName: string;
  readonly times: readonly string[];
  /** Registered by this very user (its UserId is their SID), so this user may replace it. */
  readonly mine: boolean;
}

/** Why the Task Scheduler did not answer: it refused this user, or it failed. */
export interface ScheduleProblem {
  readonly kind: 'refused' | 'failed';
  readonly reason: string;
}

export type DailyCheckState =
  | { readonly supported: false }
  | {
      readonly supported: true;
      readonly installed: false;
      readonly taskName?: string;
      readonly problem?: ScheduleProblem;
      readonly legacy?: LegacyTask;
    }
  | {
      readonly supported: true;
      readonly installed: true;
      readonly taskName: string;
      /** The first trigger's time (null: none readable). */
      readonly at: string | null;
      readonly times: readonly string[];
      readonly enabled: boolean;
      readonly legacy?: LegacyTask;
    };

export type ScheduleChange =
  | { readonly supported: false }
  | {
      readonly supported: true;
      readonly ok: true;
      readonly taskName: string;
      readonly changed: boolean;
      readonly legacy?: 'removed' | 'kept';
    }
  | { readonly supported: true; readonly ok: false; readonly reason: string; readonly kind: ScheduleProblem['kind'] };

export interface DailyCheckScheduleDependencies {
  readonly platform: NodeJS.Platform;
  readonly run: SchtasksRunner;
  readonly clock: Clock;
  /** The installed executable the task starts. */
  readonly executable: string;
  readonly userDataDir?: string;
  /** The SID of the user whose task it is (default: whoami's answer). */
  readonly userSid?: () => Promise<string>;
  /** Another daily task than the check (the publisher's fleet report): its title, arguments and description. */
  readonly task?: {
    readonly title: TaskTitle;
    readonly commandArguments: readonly string[];
    readonly description: string;
  };
}

/**
 * The task as a file for `schtasks /Create /XML`: UTF-16 (little-endian) with its byte-order mark,
 * as the Task Scheduler writes its own exports; schtasks refuses a UTF-8 file (fatso83/vmware-
 * auto-suspend#8, chef/chef#6639). What `install` registers and `show-xml --output` writes.
 */
export const taskFileBytes = (xml: string): Buffer => Buffer.from(`\ufeff${xml}`, 'utf16le');

/** The current user's daily task in the Windows Task Scheduler: to see, register, replace or remove. */
export interface DailyCheckSchedule {
  /** False off Windows: every change then answers `{ supported: false }`. */
  readonly supported: boolean;
  /** Exactly what `install` registers: to review, or to deploy by group policy instead. */
  readonly xml: (at: TimeOfDay) => string;
  /** The user's own task name (whoami), as `install` registers it; undefined when it cannot be known. */
  readonly taskName: () => Promise<string | undefined>;
  /** The very bytes `install` hands to schtasks (`show-xml --output`). */
  readonly taskFile: (at: TimeOfDay) => Buffer;
  /** Registers (or replaces) the user's task at this time, and retires 0.2.0's task when it is theirs. */
  readonly install: (at: TimeOfDay) => Promise<ScheduleChange>;
  /** Removes the user's task (and 0.2.0's when it is theirs); no task is not a failure. */
  readonly remove: () => Promise<ScheduleChange>;
  /** Whether the task is registered, when it runs and whether it is enabled, or why that cannot be read. */
  readonly status: () => Promise<DailyCheckState>;
}

export function createDailyCheckSchedule(dependencies: DailyCheckScheduleDependencies): DailyCheckSchedule {
  const { platform, run, clock } = dependencies;
  const supported = platform === 'win32';
  const userSid = dependencies.userSid ?? systemUserSid;
  const other = dependencies.task;
  const taskXml = (at: TimeOfDay): string =>
    dailyCheckTaskXml({
      at,
      executable: dependencies.executable,
      from: clock(),
      ...(dependencies.userDataDir ? { userDataDir: dependencies.userDataDir } : {}),
      ...(other ? { commandArguments: other.commandArguments, description: other.description } : {}),
    });
  const failure = (kind: ScheduleProblem['kind'], reason: string): ScheduleChange => ({
    supported: true,
    ok: false,
    kind,
    reason,
  });

  /** The user's own task name, or the reason it cannot be known. */
  const ownTaskName = async (): Promise<{ name: string } | { reason: string }> => {
    try {
      return { name: userTaskName(other?.title ?? taskTitles.dailyCheck, await userSid()) };
    } catch (error) {
      return {
        reason:
          error instanceof Error && 'detail' in error && typeof error.detail === 'string'
            ? error.detail
            : "l'identifiant Windows de cet utilisateur n'a pas pu être lu",
      };
    }
  };

  /** 0.2.0's machine-wide task, if this user can see it. */
  const legacyTask = async (sid: string | undefined): Promise<LegacyTask | undefined> => {
    // 0.2.0 registered the daily check only: another task has no predecessor.
    if (other) return undefined;
    const answer = schtasksAnswer(await run(['/Query', '/TN', legacyDailyCheckTaskName, '/XML']));
    if (answer.kind !== 'done') return undefined;
    const task = readRegisteredTask(answer.output);
    return {
      taskName: legacyDailyCheckTaskName,
      times: task?.times ?? [],
      mine: sid !== undefined && task?.userId?.toUpperCase() === sid.toUpperCase(),
    };
  };

  /** Removes 0.2.0's task when it is this user's own: it would run the check a second time. */
  const retireLegacy = async (sid: string): Promise<'removed' | 'kept' | undefined> => {
    const legacy = await legacyTask(sid);
    if (!legacy) return undefined;
    if (!legacy.mine) return 'kept';
    return schtasksAnswer(await run(['/Delete', '/TN', legacyDailyCheckTaskName, '/F'])).kind === 'done'
      ? 'removed'
      : 'kept';
  };

  const sidOf = (name: string): string => name.slice(name.lastIndexOf(' - ') + 3);

  return {
    supported,
    xml: taskXml,
    taskName: async (): Promise<string | undefined> => {
      const own = await ownTaskName();
      return 'name' in own ? own.name : undefined;
    },
    taskFile: (at: TimeOfDay): Buffer => taskFileBytes(taskXml(at)),
    async install(at: TimeOfDay): Promise<ScheduleChange> {
      if (!supported) return { supported: false };
      const own = await ownTaskName();
      if (!('name' in own)) return failure('failed', own.reason);
      // UTF-16 with its byte-order mark, as the Task Scheduler writes its own exports.
      const folder = mkdtempSync(join(tmpdir(), 'chorus-tache-'));
      const file = join(folder, 'verification-quotidienne.xml');
      let answer;
      try {
        writeFileSync(file, taskFileBytes(taskXml(at)));
        answer = schtasksAnswer(await run(['/Create', '/TN', own.name, '/XML', file, '/F']));
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
      if (answer.kind === 'absent')
        return failure('failed', 'le Planificateur de tâches ne trouve pas le fichier de la tâche');
      if (answer.kind !== 'done') return failure(answer.kind, answer.said);
      const legacy = await retireLegacy(sidOf(own.name));
      return { supported: true, ok: true, taskName: own.name, changed: true, ...(legacy ? { legacy } : {}) };
    },
    async remove(): Promise<ScheduleChange> {
      if (!supported) return { supported: false };
      const own = await ownTaskName();
      if (!('name' in own)) return failure('failed', own.reason);
      const answer = schtasksAnswer(await run(['/Delete', '/TN', own.name, '/F']));
      if (answer.kind === 'refused' || answer.kind === 'failed') return failure(answer.kind, answer.said);
      const legacy = await retireLegacy(sidOf(own.name));
      return {
        supported: true,
        ok: true,
        taskName: own.name,
        changed: answer.kind === 'done' || legacy === 'removed',
        ...(legacy ? { legacy } : {}),
      };
    },
    async status(): Promise<DailyCheckState> {
      if (!supported) return { supported: false };
      const own = await ownTaskName();
      if (!('name' in own))
        return { supported: true, installed: false, problem: { kind: 'failed', reason: own.reason } };
      const answer = schtasksAnswer(await run(['/Query', '/TN', own.name, '/XML']));
      const legacy = await legacyTask(sidOf(own.name));
      const withLegacy = legacy ? { legacy } : {};
      if (answer.kind === 'absent') return { supported: true, installed: false, taskName: own.name, ...withLegacy };
      if (answer.kind !== 'done')
        return {
          supported: true,
          installed: false,
          taskName: own.name,
          problem: { kind: answer.kind, reason: answer.said },
          ...withLegacy,
        };
      const task = readRegisteredTask(answer.output);
      return {
        supported: true,
        installed: true,
        taskName: own.name,
        at: task?.times[0] ?? null,
        times: task?.times ?? [],
        enabled: task?.enabled ?? true,
        ...withLegacy,
      };
    },
  };
}
