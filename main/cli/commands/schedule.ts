// `schedule install --at HH:MM | remove | status | show-xml --at HH:MM`: the daily check in the
// Windows Task Scheduler, for the user who runs the command; with `--report FOLDER` (install,
// show-xml), the publisher's daily fleet report instead (schedule/fleet-report-task.ts).
import { resolve } from 'node:path';
import { AppError } from '../../failures/errors';
import { createDailyCheckSchedule, systemSchtasks } from '../../schedule/daily-check-schedule';
import { dailyCheckTaskName, defaultExecutablePath, parseTimeOfDay, timeOfDayText } from '../../schedule/daily-check-task';
import { fleetReportArguments, fleetReportDescription, fleetReportTaskName, whoamiUserSid } from '../../schedule/fleet-report-task';
import type { CliEnvironment, Command, CommandContext } from '../command';
import type { CommandResult } from '../command-result';
import { text } from '../options';

/** The system, its schtasks, and the executable running this command: the installed app's under `--cli`, none under Node. */
type ScheduleEnvironment = Pick<CliEnvironment, 'clock' | 'platform' | 'runSchtasks' | 'executablePath' | 'userSid'>;

const onlyWindows: CommandResult = {
  json: { supported: false },
  failed: true,
  lines: [
    "La vérification quotidienne se programme dans le Planificateur de tâches de Windows : ce système n'en a pas, rien n'a été modifié.",
    'Ailleurs, programmez la commande « test --all » avec le planificateur du système (cron, launchd) ; « schedule show-xml --at HH:MM » affiche la tâche Windows pour la déployer par stratégie de groupe.',
  ],
};

export async function scheduleCommand(
  action: string | undefined,
  options: { readonly at?: string; readonly executable?: string; readonly userDataDir?: string; readonly report?: string },
  environment: ScheduleEnvironment,
): Promise<CommandResult> {
  if (options.report !== undefined) return reportSchedule(action, { ...options, report: options.report }, environment);
  const schedule = createDailyCheckSchedule({
    platform: environment.platform ?? process.platform,
    run: environment.runSchtasks ?? systemSchtasks,
    clock: environment.clock,
    executable: options.executable ?? environment.executablePath ?? defaultExecutablePath,
    ...(options.userDataDir ? { userDataDir: options.userDataDir } : {}),
  });
  const time = (): ReturnType<typeof parseTimeOfDay> => {
    if (options.at === undefined) throw new AppError('INVALID_INPUT', `schedule ${action ?? ''} attend l'heure de la vérification : --at HH:MM (par exemple --at 07:30)`);
    return parseTimeOfDay(options.at);
  };
  if (action !== 'install' && action !== 'show-xml' && options.at !== undefined) throw new AppError('INVALID_INPUT', `--at ne sert qu'avec schedule install et schedule show-xml`);
  switch (action) {
    case 'show-xml': {
      const xml = schedule.xml(time());
      return { json: { xml, taskName: dailyCheckTaskName }, lines: [xml.trimEnd()] };
    }
    case 'install': {
      const at = time();
      const outcome = await schedule.install(at);
      if (!outcome.supported) return onlyWindows;
      if (!outcome.ok) {
        return { json: { installed: false, reason: outcome.reason }, failed: true, lines: [`Le Planificateur de tâches a refusé la tâche : ${outcome.reason}`, 'Rien n’a été programmé. Vérifiez le chemin de l’exécutable (--executable) ou déployez la tâche par stratégie de groupe (schedule show-xml).'] };
      }
      return {
        json: { installed: true, at: timeOfDayText(at), taskName: dailyCheckTaskName },
        lines: [`Vérification quotidienne programmée à ${timeOfDayText(at)} pour cet utilisateur (tâche « ${dailyCheckTaskName} »).`, 'Chaque compte sera testé ; une notification signalera un compte en échec ou un mot de passe à renouveler.'],
      };
    }
    case 'remove': {
      const outcome = await schedule.remove();
      if (!outcome.supported) return onlyWindows;
      if (!outcome.ok) return { json: { removed: false, reason: outcome.reason }, failed: true, lines: [`Le Planificateur de tâches n'a pas supprimé la tâche : ${outcome.reason}`] };
      return { json: { removed: true }, lines: ['Vérification quotidienne retirée : plus aucune vérification automatique sur ce poste pour cet utilisateur.'] };
    }
    case 'status': {
      const state = await schedule.status();
      if (!state.supported) return { ...onlyWindows, failed: false };
      if (!state.installed) return { json: { installed: false }, lines: ['Vérification quotidienne : non programmée (schedule install --at HH:MM pour la programmer).'] };
      return {
        json: { installed: true, at: state.at, enabled: state.enabled, taskName: dailyCheckTaskName },
        lines: [`Vérification quotidienne : programmée à ${state.at ?? '(heure illisible)'}${state.enabled ? '' : ' mais désactivée dans le Planificateur de tâches'} (tâche « ${dailyCheckTaskName} »).`],
      };
    }
    default:
      throw new AppError('INVALID_INPUT', 'usage : schedule install --at HH:MM | schedule remove | schedule status | schedule show-xml --at HH:MM');
  }
}

/**
 * `schedule install|show-xml --at HH:MM --report FOLDER`: the publisher's daily `fleet report FOLDER
 * --notify`, as this user's own task (its name carries the user's SID). The folder is checked to be
 * one this user publishes before anything is registered.
 */
async function reportSchedule(action: string | undefined, options: { readonly at?: string; readonly executable?: string; readonly userDataDir?: string; readonly report: string }, environment: ScheduleEnvironment): Promise<CommandResult> {
  if (action !== 'install' && action !== 'show-xml') throw new AppError('INVALID_INPUT', "--report ne sert qu'avec schedule install et schedule show-xml (la tâche se retire dans le Planificateur de tâches, dossier Chorus Pro Echanges)");
  if (options.at === undefined) throw new AppError('INVALID_INPUT', `schedule ${action} --report attend l'heure du rapport : --at HH:MM (par exemple --at 08:00)`);
  const at = parseTimeOfDay(options.at);
  const platform = environment.platform ?? process.platform;
  const base = {
    platform,
    run: environment.runSchtasks ?? systemSchtasks,
    clock: environment.clock,
    executable: options.executable ?? environment.executablePath ?? defaultExecutablePath,
    ...(options.userDataDir ? { userDataDir: options.userDataDir } : {}),
  };
  const task = (name: string) => createDailyCheckSchedule({ ...base, task: { name, commandArguments: fleetReportArguments(options.report), description: fleetReportDescription } });
  if (action === 'show-xml') {
    const xml = task(fleetReportTaskName('<SID>')).xml(at);
    return { json: { xml, taskName: fleetReportTaskName('<SID>') }, lines: [xml.trimEnd()] };
  }
  if (platform !== 'win32') return onlyWindows;
  const name = fleetReportTaskName(await (environment.userSid ?? whoamiUserSid)());
  const outcome = await task(name).install(at);
  if (!outcome.supported) return onlyWindows;
  if (!outcome.ok) {
    return { json: { installed: false, reason: outcome.reason }, failed: true, lines: [`Le Planificateur de tâches a refusé la tâche : ${outcome.reason}`, 'Rien n’a été programmé. Vérifiez le chemin de l’exécutable (--executable).'] };
  }
  return {
    json: { installed: true, at: timeOfDayText(at), taskName: name, folder: options.report },
    lines: [
      `Rapport quotidien du parc programmé vers ${timeOfDayText(at)} (à 30 minutes près) pour cet utilisateur (tâche « ${name} »).`,
      'Une notification sur ce poste nommera les postes et les comptes qui demandent une action ; rien ne s’affiche quand tout va bien.',
    ],
  };
}

/** The report's folder, absolute, and one this user publishes (the fleet's code loaded only then). */
const absoluteFolder = (context: CommandContext, typed: string): string => ((context.environment.platform ?? process.platform) === 'win32' && typed.startsWith('\\\\') ? typed : resolve(typed));

async function publishedFolder(context: CommandContext, typed: string): Promise<string> {
  const folder = absoluteFolder(context, typed);
  const [{ openPublisher }, { nodeFleetFolder }] = await Promise.all([import('../../fleet/publisher-keys'), import('../../fleet/fleet-folder')]);
  await openPublisher({ folder: nodeFleetFolder(folder), secrets: context.services.secrets, clock: context.environment.clock, logger: context.services.logger, userDataDir: context.userDataDir });
  return folder;
}

export const schedule: Command = {
  options: ['at', 'executable', 'report'],
  words: 1,
  accounts: 'all',
  accountOption: false,
  run: async (context) => {
    const at = text(context.options, 'at');
    const executable = text(context.options, 'executable');
    const userDataDir = text(context.options, 'user-data-dir');
    const typedReport = text(context.options, 'report');
    const report = typedReport === undefined ? undefined : context.positionals[0] === 'install' ? await publishedFolder(context, typedReport) : absoluteFolder(context, typedReport);
    return scheduleCommand(
      context.positionals[0],
      { ...(at === undefined ? {} : { at }), ...(executable === undefined ? {} : { executable }), ...(userDataDir === undefined ? {} : { userDataDir: resolve(userDataDir) }), ...(report === undefined ? {} : { report }) },
      context.environment,
    );
  },
};
