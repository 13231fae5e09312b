// `schedule install --at HH:MM | remove | status | show-xml --at HH:MM [--output FICHIER]`: the
// daily check in the Windows Task Scheduler, for the user who runs the command.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppError } from '../../failures/errors';
import { createDailyCheckSchedule, systemSchtasks } from '../../schedule/daily-check-schedule';
import { dailyCheckTaskName, defaultExecutablePath, parseTimeOfDay, timeOfDayText } from '../../schedule/daily-check-task';
import type { CliEnvironment, Command } from '../command';
import type { CommandResult } from '../command-result';
import { text } from '../options';

/** The system, its schtasks, and the executable running this command: the installed app's under `--cli`, none under Node. */
type ScheduleEnvironment = Pick<CliEnvironment, 'clock' | 'platform' | 'runSchtasks' | 'executablePath' | 'warn'>;

interface ScheduleOptions {
  readonly at?: string;
  readonly executable?: string;
  readonly userDataDir?: string;
  readonly output?: string;
}

const onlyWindows: CommandResult = {
  json: { supported: false },
  failed: true,
  lines: [
    "La vérification quotidienne se programme dans le Planificateur de tâches de Windows : ce système n'en a pas, rien n'a été modifié.",
    'Ailleurs, programmez la commande « test --all » avec le planificateur du système (cron, launchd) ; « schedule show-xml --at HH:MM » affiche la tâche Windows pour la déployer par stratégie de groupe.',
  ],
};

/** --user-data-dir goes into the task's arguments: the check then reads that folder, for every user the task runs for. */
const folderNotice = (folder: string): string =>
  `La tâche lancera la vérification sur le dossier de paramètres ${folder} (--user-data-dir) ; pour une tâche déployée à plusieurs utilisateurs, n'indiquez pas --user-data-dir : chacun a le sien.`;

/** `show-xml --output FICHIER`: exactly the bytes `install` registers, in a folder that exists. */
function writeTaskFile(path: string, bytes: Buffer): string {
  const target = resolve(path);
  const folder = dirname(target);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new AppError('INVALID_INPUT', `--output : le dossier ${folder} n'existe pas ; créez-le ou indiquez un fichier dans un dossier existant`);
  if (existsSync(target) && !statSync(target).isFile()) throw new AppError('INVALID_INPUT', `--output : ${target} n'est pas un fichier`);
  writeFileSync(target, bytes);
  return target;
}

async function scheduleCommand(action: string | undefined, options: ScheduleOptions, environment: ScheduleEnvironment): Promise<CommandResult> {
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
  if (action !== 'show-xml' && options.output !== undefined) throw new AppError('INVALID_INPUT', `--output ne sert qu'avec schedule show-xml (le fichier de la tâche, pour schtasks /Create /XML)`);
  const folder = options.userDataDir === undefined ? {} : { userDataDir: options.userDataDir };
  const folderLines = options.userDataDir === undefined ? [] : [folderNotice(options.userDataDir)];
  switch (action) {
    case 'show-xml': {
      const at = time();
      const xml = schedule.xml(at);
      if (options.output !== undefined) {
        const file = writeTaskFile(options.output, schedule.taskFile(at));
        return {
          json: { file, encoding: 'utf-16le', taskName: dailyCheckTaskName, ...folder },
          lines: [
            `Tâche écrite dans ${file}, en UTF-16 avec sa marque d'ordre des octets, exactement comme schedule install l'enregistre.`,
            `Pour l'enregistrer (script de démarrage ou d'ouverture de session) : schtasks /Create /TN "${dailyCheckTaskName}" /XML "${file}" /F`,
            ...folderLines,
          ],
        };
      }
      // Standard output stays the XML alone, to read or to pipe; the notice goes to standard error.
      for (const line of folderLines) environment.warn(line);
      return { json: { xml, taskName: dailyCheckTaskName, ...folder }, lines: [xml.trimEnd()] };
    }
    case 'install': {
      const at = time();
      const outcome = await schedule.install(at);
      if (!outcome.supported) return onlyWindows;
      if (!outcome.ok) {
        return { json: { installed: false, reason: outcome.reason }, failed: true, lines: [`Le Planificateur de tâches a refusé la tâche : ${outcome.reason}`, 'Rien n’a été programmé. Vérifiez le chemin de l’exécutable (--executable) ou déployez la tâche par stratégie de groupe (schedule show-xml).'] };
      }
      return {
        json: { installed: true, at: timeOfDayText(at), taskName: dailyCheckTaskName, ...folder },
        lines: [`Vérification quotidienne programmée à ${timeOfDayText(at)} pour cet utilisateur (tâche « ${dailyCheckTaskName} »).`, 'Chaque compte sera testé ; une notification signalera un compte en échec ou un mot de passe à renouveler.', ...folderLines],
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
      throw new AppError('INVALID_INPUT', 'usage : schedule install --at HH:MM | schedule remove | schedule status | schedule show-xml --at HH:MM [--output FICHIER]');
  }
}

export const schedule: Command = {
  options: ['at', 'executable', 'output'],
  words: 1,
  accounts: 'all',
  accountOption: false,
  run: (context) => {
    const given = (name: 'at' | 'executable' | 'output') => {
      const value = text(context.options, name);
      return value === undefined ? {} : { [name]: value };
    };
    const userDataDir = text(context.options, 'user-data-dir');
    return scheduleCommand(context.positionals[0], { ...given('at'), ...given('executable'), ...given('output'), ...(userDataDir === undefined ? {} : { userDataDir: resolve(userDataDir) }) }, context.environment);
  },
};
