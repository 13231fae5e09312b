// `schedule … --report FOLDER`: the publisher's daily fleet report (schedule/fleet-report-task.ts)
// as this user's own task.
import { resolve } from 'node:path';
import { AppError } from '../../failures/errors';
import type { DailyCheckSchedule } from '../../schedule/daily-check-schedule';
import { parseTimeOfDay, timeOfDayText } from '../../schedule/daily-check-task';
import { fleetReportArguments, fleetReportDescription } from '../../schedule/fleet-report-task';
import { groupPolicyTaskName, taskTitles } from '../../schedule/user-task-name';
import type { CommandContext } from '../command';
import type { CommandResult } from '../command-result';
import {
  changeRefused,
  onlyWindows,
  randomWindow,
  timesText,
  userSchedule,
  writeTaskFile,
  type ScheduleEnvironment,
  type ScheduleOptions,
} from './schedule-task';

/**
 * `schedule install|show-xml --at HH:MM --report FOLDER`: the publisher's daily `fleet report FOLDER
 * --notify`, as this user's own task (its name carries the user's SID). The folder is checked to be
 * one this user publishes before anything is registered. `remove|status --report FOLDER`: that task
 * (one per user: the folder only says which kind of task).
 */
export async function reportSchedule(
  action: string | undefined,
  options: ScheduleOptions & { readonly report: string },
  environment: ScheduleEnvironment,
): Promise<CommandResult> {
  if (action !== 'install' && action !== 'show-xml' && action !== 'remove' && action !== 'status') {
    throw new AppError(
      'INVALID_INPUT',
      'usage : schedule install --at HH:MM --report DOSSIER | schedule remove --report DOSSIER | schedule status --report DOSSIER | schedule show-xml --at HH:MM --report DOSSIER',
    );
  }
  if (action !== 'show-xml' && options.output !== undefined)
    throw new AppError(
      'INVALID_INPUT',
      `--output ne sert qu'avec schedule show-xml (le fichier de la tâche, pour schtasks /Create /XML)`,
    );
  const schedule = userSchedule(options, environment, {
    title: taskTitles.fleetReport,
    commandArguments: fleetReportArguments(options.report),
    description: fleetReportDescription,
  });
  if (action === 'remove' || action === 'status') {
    if (options.at !== undefined)
      throw new AppError('INVALID_INPUT', `--at ne sert qu'avec schedule install et schedule show-xml`);
    return action === 'remove' ? removeReportTask(schedule) : reportTaskState(schedule);
  }
  if (options.at === undefined)
    throw new AppError(
      'INVALID_INPUT',
      `schedule ${action} --report attend l'heure du rapport : --at HH:MM (par exemple --at 08:00)`,
    );
  const at = parseTimeOfDay(options.at);
  if (action === 'show-xml') {
    const taskName =
      (schedule.supported ? await schedule.taskName() : undefined) ?? groupPolicyTaskName(taskTitles.fleetReport);
    if (options.output !== undefined) {
      const file = writeTaskFile(options.output, schedule.taskFile(at));
      return {
        json: { file, encoding: 'utf-16le', taskName, folder: options.report },
        lines: [
          `Tâche écrite dans ${file}, en UTF-16 avec sa marque d'ordre des octets, exactement comme schedule install l'enregistre.`,
          `Pour l'enregistrer : schtasks /Create /TN "${taskName}" /XML "${file}" /F`,
        ],
      };
    }
    const xml = schedule.xml(at);
    return { json: { xml, taskName, folder: options.report }, lines: [xml.trimEnd()] };
  }
  const outcome = await schedule.install(at);
  if (!outcome.supported) return onlyWindows;
  if (!outcome.ok) return changeRefused(outcome, 'Le Planificateur de tâches a refusé la tâche');
  return {
    json: { installed: true, at: timeOfDayText(at), taskName: outcome.taskName, folder: options.report },
    lines: [
      `Rapport quotidien du parc programmé ${randomWindow(at)} pour cet utilisateur (tâche « ${outcome.taskName} »).`,
      'Une notification sur ce poste nommera les postes et les comptes qui demandent une action ; rien ne s’affiche quand tout va bien.',
    ],
  };
}

async function removeReportTask(schedule: DailyCheckSchedule): Promise<CommandResult> {
  const outcome = await schedule.remove();
  if (!outcome.supported) return onlyWindows;
  if (!outcome.ok) return changeRefused(outcome, "Le Planificateur de tâches n'a pas supprimé la tâche");
  return {
    json: { removed: outcome.changed, taskName: outcome.taskName },
    lines: [
      outcome.changed
        ? 'Rapport quotidien du parc retiré pour cet utilisateur.'
        : "Aucun rapport quotidien du parc n'était programmé pour cet utilisateur : rien n'a été retiré.",
    ],
  };
}

async function reportTaskState(schedule: DailyCheckSchedule): Promise<CommandResult> {
  const state = await schedule.status();
  if (!state.supported) return { ...onlyWindows, failed: false };
  if (!state.installed && state.problem !== undefined) {
    const why =
      state.problem.kind === 'refused'
        ? 'le Planificateur de tâches a refusé de la lire'
        : 'le Planificateur de tâches n’a pas répondu';
    return {
      json: { installed: null, reason: state.problem.reason },
      failed: true,
      lines: [`Rapport quotidien du parc : état inconnu, ${why} (${state.problem.reason}).`],
    };
  }
  if (!state.installed)
    return {
      json: { installed: false, ...(state.taskName ? { taskName: state.taskName } : {}) },
      lines: [
        'Rapport quotidien du parc : non programmé pour cet utilisateur (schedule install --at HH:MM --report DOSSIER pour le programmer).',
      ],
    };
  return {
    json: { installed: true, at: state.at, times: state.times, enabled: state.enabled, taskName: state.taskName },
    lines: [
      `Rapport quotidien du parc : programmé vers ${timesText(state.times)}` +
        (state.enabled ? '' : ' mais désactivé dans le Planificateur de tâches') +
        ` (tâche « ${state.taskName} »).`,
    ],
  };
}

/** The report's folder, absolute (a share's `\\srv\dossier` stays as typed, as Windows reads it in the task). */
export const absoluteFolder = (context: CommandContext, typed: string): string =>
  (context.environment.platform ?? process.platform) === 'win32' && typed.startsWith('\\\\') ? typed : resolve(typed);

/** The report's folder, and one this user publishes (the fleet's code loaded only then). */
export async function publishedFolder(context: CommandContext, typed: string): Promise<string> {
  const folder = absoluteFolder(context, typed);
  const [{ openPublisher }, { nodeFleetFolder }] = await Promise.all([
    import('../../fleet/publisher-keys'),
    import('../../fleet/fleet-folder'),
  ]);
  await openPublisher({
    folder: nodeFleetFolder(folder),
    secrets: context.services.secrets,
    clock: context.environment.clock,
    logger: context.services.logger,
    userDataDir: context.userDataDir,
  });
  return folder;
}
