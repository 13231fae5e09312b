// What the `schedule` command's two kinds of task share: this user's task in the Task Scheduler,
// the refusals and the file `show-xml --output` writes.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppError } from '../../failures/errors';
import {
  createDailyCheckSchedule,
  systemSchtasks,
  type DailyCheckSchedule,
  type DailyCheckScheduleDependencies,
  type ScheduleChange,
} from '../../schedule/daily-check-schedule';
import { defaultExecutablePath, timeOfDayText, type TimeOfDay } from '../../schedule/daily-check-task';
import type { CliEnvironment } from '../command';
import type { CommandResult } from '../command-result';

/** The system, its schtasks, and the executable running this command: the installed app's under `--cli`, none under Node. */
export type ScheduleEnvironment = Pick<
  CliEnvironment,
  'clock' | 'platform' | 'runSchtasks' | 'executablePath' | 'userSid' | 'warn'
>;

export interface ScheduleOptions {
  readonly at?: string;
  readonly executable?: string;
  readonly userDataDir?: string;
  readonly output?: string;
  /** The fleet folder whose daily report this task makes (the publisher's task), instead of the check. */
  readonly report?: string;
}

export const onlyWindows: CommandResult = {
  json: { supported: false },
  failed: true,
  lines: [
    "La vérification quotidienne se programme dans le Planificateur de tâches de Windows : ce système n'en a pas, rien n'a été modifié.",
    'Ailleurs, programmez la commande « test --all » avec le planificateur du système (cron, launchd) ; « schedule show-xml --at HH:MM » affiche la tâche Windows pour la déployer par stratégie de groupe.',
  ],
};

export const timesText = (times: readonly string[]): string =>
  times.length === 0 ? '(heure illisible)' : times.join(' et ');

export function changeRefused(change: Extract<ScheduleChange, { ok: false }>, what: string): CommandResult {
  const why = change.kind === 'refused' ? 'accès refusé par le Planificateur de tâches' : change.reason;
  return {
    json: { ok: false, refused: change.kind === 'refused', reason: change.reason },
    failed: true,
    lines: [
      `${what} : ${why} (${change.reason}).`,
      'Rien n’a été modifié. Vérifiez le chemin de l’exécutable (--executable), ou demandez à votre service informatique de déployer la tâche par stratégie de groupe (schedule show-xml).',
    ],
  };
}

/** `show-xml --output FICHIER`: exactly the bytes `install` registers, in a folder that exists. */
export function writeTaskFile(path: string, bytes: Buffer): string {
  const target = resolve(path);
  const folder = dirname(target);
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new AppError(
      'INVALID_INPUT',
      `--output : le dossier ${folder} n'existe pas ; créez-le ou indiquez un fichier dans un dossier existant`,
    );
  if (existsSync(target) && !statSync(target).isFile())
    throw new AppError('INVALID_INPUT', `--output : ${target} n'est pas un fichier`);
  writeFileSync(target, bytes);
  return target;
}

/** This user's task in the Task Scheduler: the daily check, or another daily task (the fleet report). */
export const userSchedule = (
  options: ScheduleOptions,
  environment: ScheduleEnvironment,
  task?: DailyCheckScheduleDependencies['task'],
): DailyCheckSchedule =>
  createDailyCheckSchedule({
    platform: environment.platform ?? process.platform,
    run: environment.runSchtasks ?? systemSchtasks,
    clock: environment.clock,
    executable: options.executable ?? environment.executablePath ?? defaultExecutablePath,
    ...(options.userDataDir ? { userDataDir: options.userDataDir } : {}),
    ...(environment.userSid ? { userSid: environment.userSid } : {}),
    ...(task ? { task } : {}),
  });

/** « entre 07:30 et 08:00 »: the task starts at a random moment of its RandomDelay (PT30M), never before its time. */
export function randomWindow(at: TimeOfDay): string {
  const end = (at.hours * 60 + at.minutes + 30) % (24 * 60);
  return `entre ${timeOfDayText(at)} et ${timeOfDayText({ hours: Math.floor(end / 60), minutes: end % 60 })}`;
}
