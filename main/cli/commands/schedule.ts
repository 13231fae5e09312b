// `schedule install --at HH:MM | remove | status | show-xml --at HH:MM`: the daily check in the
// Windows Task Scheduler, for the user who runs the command.
import { resolve } from 'node:path';
import { AppError } from '../../failures/errors';
import { createDailyCheckSchedule, systemSchtasks } from '../../schedule/daily-check-schedule';
import { dailyCheckTaskName, defaultExecutablePath, parseTimeOfDay, timeOfDayText } from '../../schedule/daily-check-task';
import type { CliEnvironment, Command } from '../command';
import type { CommandResult } from '../command-result';
import { text } from '../options';

/** The system, its schtasks, and the executable running this command: the installed app's under `--cli`, none under Node. */
type ScheduleEnvironment = Pick<CliEnvironment, 'clock' | 'platform' | 'runSchtasks' | 'executablePath'>;

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
  options: { readonly at?: string; readonly executable?: string; readonly userDataDir?: string },
  environment: ScheduleEnvironment,
): Promise<CommandResult> {
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

export const schedule: Command = {
  options: ['at', 'executable'],
  words: 1,
  accounts: 'all',
  accountOption: false,
  run: (context) => {
    const at = text(context.options, 'at');
    const executable = text(context.options, 'executable');
    const userDataDir = text(context.options, 'user-data-dir');
    return scheduleCommand(context.positionals[0], { ...(at === undefined ? {} : { at }), ...(executable === undefined ? {} : { executable }), ...(userDataDir === undefined ? {} : { userDataDir: resolve(userDataDir) }) }, context.environment);
  },
};
