// `schedule install --at HH:MM | remove | status | show-xml --at HH:MM [--output FICHIER]`: the
// daily check in the Windows Task Scheduler, the task of the user who runs the command; with
// `--report FOLDER` (install, show-xml), the publisher's daily fleet report instead
// (schedule/fleet-report-task.ts).
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, posix, resolve, win32 } from 'node:path';
import { AppError } from '../../failures/errors';
import { createDailyCheckSchedule, systemSchtasks, type DailyCheckSchedule, type DailyCheckScheduleDependencies, type DailyCheckState, type ScheduleChange } from '../../schedule/daily-check-schedule';
import { defaultExecutablePath, parseTimeOfDay, timeOfDayText, type TimeOfDay } from '../../schedule/daily-check-task';
import { fleetReportArguments, fleetReportDescription } from '../../schedule/fleet-report-task';
import { groupPolicyTaskName, taskTitles } from '../../schedule/user-task-name';
import type { CliEnvironment, Command, CommandContext } from '../command';
import type { CommandResult } from '../command-result';
import { text } from '../options';

/** The system, its schtasks, and the executable running this command: the installed app's under `--cli`, none under Node. */
type ScheduleEnvironment = Pick<CliEnvironment, 'clock' | 'platform' | 'runSchtasks' | 'executablePath' | 'userSid' | 'warn'>;

interface ScheduleOptions {
  readonly at?: string;
  readonly executable?: string;
  readonly userDataDir?: string;
  readonly output?: string;
  /** The fleet folder whose daily report this task makes (the publisher's task), instead of the check. */
  readonly report?: string;
}

const onlyWindows: CommandResult = {
  json: { supported: false },
  failed: true,
  lines: [
    "La vérification quotidienne se programme dans le Planificateur de tâches de Windows : ce système n'en a pas, rien n'a été modifié.",
    'Ailleurs, programmez la commande « test --all » avec le planificateur du système (cron, launchd) ; « schedule show-xml --at HH:MM » affiche la tâche Windows pour la déployer par stratégie de groupe.',
  ],
};

const timesText = (times: readonly string[]): string => (times.length === 0 ? '(heure illisible)' : times.join(' et '));

/** What to say of 0.2.0's machine-wide task, when this user sees it. */
function legacyLines(state: DailyCheckState): string[] {
  if (!state.supported || state.legacy === undefined) return [];
  const { legacy } = state;
  return legacy.mine
    ? [`Une tâche d'une version précédente (« ${legacy.taskName} », ${timesText(legacy.times)}) est encore programmée pour cet utilisateur : « schedule install --at HH:MM » la remplace par la sienne, « schedule remove » la retire.`]
    : [`Une tâche d'une version précédente (« ${legacy.taskName} ») a été programmée par un autre utilisateur de ce poste : seul un administrateur peut la retirer (schtasks /Delete /TN "${legacy.taskName}" /F).`];
}

function changeRefused(change: Extract<ScheduleChange, { ok: false }>, what: string): CommandResult {
  const why = change.kind === 'refused' ? 'accès refusé par le Planificateur de tâches' : change.reason;
  return {
    json: { ok: false, refused: change.kind === 'refused', reason: change.reason },
    failed: true,
    lines: [`${what} : ${why} (${change.reason}).`, 'Rien n’a été modifié. Vérifiez le chemin de l’exécutable (--executable), ou demandez à votre service informatique de déployer la tâche par stratégie de groupe (schedule show-xml).'],
  };
}

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

/** This user's task in the Task Scheduler: the daily check, or another daily task (the fleet report). */
const userSchedule = (options: ScheduleOptions, environment: ScheduleEnvironment, task?: DailyCheckScheduleDependencies['task']): DailyCheckSchedule =>
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
function randomWindow(at: TimeOfDay): string {
  const end = (at.hours * 60 + at.minutes + 30) % (24 * 60);
  return `entre ${timeOfDayText(at)} et ${timeOfDayText({ hours: Math.floor(end / 60), minutes: end % 60 })}`;
}

export async function scheduleCommand(action: string | undefined, options: ScheduleOptions, environment: ScheduleEnvironment): Promise<CommandResult> {
  if (options.report !== undefined) return reportSchedule(action, { ...options, report: options.report }, environment);
  const schedule = userSchedule(options, environment);
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
      // The name `install` gives it for this user; for a group policy item, with %LogonUserSid%.
      const taskName = (schedule.supported ? await schedule.taskName() : undefined) ?? groupPolicyTaskName(taskTitles.dailyCheck);
      if (options.output !== undefined) {
        const file = writeTaskFile(options.output, schedule.taskFile(at));
        return {
          json: { file, encoding: 'utf-16le', taskName, ...folder },
          lines: [
            `Tâche écrite dans ${file}, en UTF-16 avec sa marque d'ordre des octets, exactement comme schedule install l'enregistre.`,
            `Pour l'enregistrer (script de démarrage ou d'ouverture de session) : schtasks /Create /TN "${taskName}" /XML "${file}" /F`,
            ...folderLines,
          ],
        };
      }
      // Standard output stays the XML alone, to read or to pipe; the notice goes to standard error.
      for (const line of folderLines) environment.warn(line);
      return { json: { xml, taskName, ...folder }, lines: [xml.trimEnd()] };
    }
    case 'install': {
      const at = time();
      const outcome = await schedule.install(at);
      if (!outcome.supported) return onlyWindows;
      if (!outcome.ok) return changeRefused(outcome, 'Le Planificateur de tâches a refusé la tâche');
      return {
        json: { installed: true, at: timeOfDayText(at), taskName: outcome.taskName, ...(outcome.legacy ? { legacyTask: outcome.legacy } : {}), ...folder },
        lines: [
          `Vérification quotidienne programmée ${randomWindow(at)} (un moment tiré au hasard, pour que les postes n'interrogent pas Chorus Pro à la même minute) pour cet utilisateur (tâche « ${outcome.taskName} »).`,
          'Chaque compte sera testé ; une notification signalera un compte en échec ou un mot de passe à renouveler.',
          ...(outcome.legacy === 'removed' ? ["La tâche de la version précédente, commune à tout le poste, a été retirée : elle aurait fait la vérification une seconde fois."] : []),
          ...(outcome.legacy === 'kept' ? ["Une tâche de la version précédente, commune à tout le poste, reste programmée par un autre utilisateur : seul un administrateur peut la retirer."] : []),
          ...folderLines,
        ],
      };
    }
    case 'remove': {
      const outcome = await schedule.remove();
      if (!outcome.supported) return onlyWindows;
      if (!outcome.ok) return changeRefused(outcome, "Le Planificateur de tâches n'a pas supprimé la tâche");
      return {
        json: { removed: outcome.changed, taskName: outcome.taskName, ...(outcome.legacy ? { legacyTask: outcome.legacy } : {}) },
        lines: [
          outcome.changed
            ? 'Vérification quotidienne retirée : plus aucune vérification automatique sur ce poste pour cet utilisateur.'
            : "Aucune vérification quotidienne n'était programmée pour cet utilisateur : rien n'a été retiré.",
          ...(outcome.legacy === 'kept' ? ["Une tâche de la version précédente, commune à tout le poste, reste programmée par un autre utilisateur : seul un administrateur peut la retirer."] : []),
        ],
      };
    }
    case 'status': {
      const state = await schedule.status();
      if (!state.supported) return { ...onlyWindows, failed: false };
      if (!state.installed && state.problem !== undefined) {
        const why = state.problem.kind === 'refused' ? 'le Planificateur de tâches a refusé de la lire' : 'le Planificateur de tâches n’a pas répondu';
        return {
          json: { installed: null, refused: state.problem.kind === 'refused', reason: state.problem.reason, ...(state.taskName ? { taskName: state.taskName } : {}) },
          failed: true,
          lines: [`Vérification quotidienne : état inconnu, ${why} (${state.problem.reason}).`, ...legacyLines(state)],
        };
      }
      if (!state.installed) {
        return { json: { installed: false, ...(state.taskName ? { taskName: state.taskName } : {}), ...(state.legacy ? { legacyTask: state.legacy } : {}) }, lines: ['Vérification quotidienne : non programmée pour cet utilisateur (schedule install --at HH:MM pour la programmer).', ...legacyLines(state)] };
      }
      return {
        json: { installed: true, at: state.at, times: state.times, enabled: state.enabled, taskName: state.taskName, ...(state.legacy ? { legacyTask: state.legacy } : {}) },
        lines: [`Vérification quotidienne : programmée à ${timesText(state.times)}${state.enabled ? '' : ' mais désactivée dans le Planificateur de tâches'} (tâche « ${state.taskName} »).`, ...legacyLines(state)],
      };
    }
    default:
      throw new AppError('INVALID_INPUT', 'usage : schedule install --at HH:MM | schedule remove | schedule status | schedule show-xml --at HH:MM [--output FICHIER]');
  }
}

/**
 * `schedule install|show-xml --at HH:MM --report FOLDER`: the publisher's daily `fleet report FOLDER
 * --notify`, as this user's own task (its name carries the user's SID). The folder is checked to be
 * one this user publishes before anything is registered. `remove|status --report FOLDER`: that task
 * (one per user: the folder only says which kind of task).
 */
async function reportSchedule(action: string | undefined, options: ScheduleOptions & { readonly report: string }, environment: ScheduleEnvironment): Promise<CommandResult> {
  if (action !== 'install' && action !== 'show-xml' && action !== 'remove' && action !== 'status') {
    throw new AppError('INVALID_INPUT', 'usage : schedule install --at HH:MM --report DOSSIER | schedule remove --report DOSSIER | schedule status --report DOSSIER | schedule show-xml --at HH:MM --report DOSSIER');
  }
  if (action !== 'show-xml' && options.output !== undefined) throw new AppError('INVALID_INPUT', `--output ne sert qu'avec schedule show-xml (le fichier de la tâche, pour schtasks /Create /XML)`);
  const schedule = userSchedule(options, environment, { title: taskTitles.fleetReport, commandArguments: fleetReportArguments(options.report), description: fleetReportDescription });
  if (action === 'remove' || action === 'status') {
    if (options.at !== undefined) throw new AppError('INVALID_INPUT', `--at ne sert qu'avec schedule install et schedule show-xml`);
    return action === 'remove' ? removeReportTask(schedule) : reportTaskState(schedule);
  }
  if (options.at === undefined) throw new AppError('INVALID_INPUT', `schedule ${action} --report attend l'heure du rapport : --at HH:MM (par exemple --at 08:00)`);
  const at = parseTimeOfDay(options.at);
  if (action === 'show-xml') {
    const taskName = (schedule.supported ? await schedule.taskName() : undefined) ?? groupPolicyTaskName(taskTitles.fleetReport);
    if (options.output !== undefined) {
      const file = writeTaskFile(options.output, schedule.taskFile(at));
      return {
        json: { file, encoding: 'utf-16le', taskName, folder: options.report },
        lines: [`Tâche écrite dans ${file}, en UTF-16 avec sa marque d'ordre des octets, exactement comme schedule install l'enregistre.`, `Pour l'enregistrer : schtasks /Create /TN "${taskName}" /XML "${file}" /F`],
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
    lines: [outcome.changed ? 'Rapport quotidien du parc retiré pour cet utilisateur.' : "Aucun rapport quotidien du parc n'était programmé pour cet utilisateur : rien n'a été retiré."],
  };
}

async function reportTaskState(schedule: DailyCheckSchedule): Promise<CommandResult> {
  const state = await schedule.status();
  if (!state.supported) return { ...onlyWindows, failed: false };
  if (!state.installed && state.problem !== undefined) {
    const why = state.problem.kind === 'refused' ? 'le Planificateur de tâches a refusé de la lire' : 'le Planificateur de tâches n’a pas répondu';
    return { json: { installed: null, reason: state.problem.reason }, failed: true, lines: [`Rapport quotidien du parc : état inconnu, ${why} (${state.problem.reason}).`] };
  }
  if (!state.installed) return { json: { installed: false, ...(state.taskName ? { taskName: state.taskName } : {}) }, lines: ['Rapport quotidien du parc : non programmé pour cet utilisateur (schedule install --at HH:MM --report DOSSIER pour le programmer).'] };
  return {
    json: { installed: true, at: state.at, times: state.times, enabled: state.enabled, taskName: state.taskName },
    lines: [`Rapport quotidien du parc : programmé vers ${timesText(state.times)}${state.enabled ? '' : ' mais désactivé dans le Planificateur de tâches'} (tâche « ${state.taskName} »).`],
  };
}

/** The report's folder, absolute (a share's `\\srv\dossier` stays as typed, as Windows reads it in the task). */
const absoluteFolder = (context: CommandContext, typed: string): string => ((context.environment.platform ?? process.platform) === 'win32' && typed.startsWith('\\\\') ? typed : resolve(typed));

/** The report's folder, and one this user publishes (the fleet's code loaded only then). */
async function publishedFolder(context: CommandContext, typed: string): Promise<string> {
  const folder = absoluteFolder(context, typed);
  const [{ openPublisher }, { nodeFleetFolder }] = await Promise.all([import('../../fleet/publisher-keys'), import('../../fleet/fleet-folder')]);
  await openPublisher({ folder: nodeFleetFolder(folder), secrets: context.services.secrets, clock: context.environment.clock, logger: context.services.logger, userDataDir: context.userDataDir });
  return folder;
}

export const schedule: Command = {
  options: ['at', 'executable', 'output', 'report'],
  words: 1,
  accounts: 'all',
  accountOption: false,
  run: async (context) => {
    const given = (name: 'at' | 'executable' | 'output') => {
      const value = text(context.options, name);
      return value === undefined ? {} : { [name]: value };
    };
    const userDataDir = text(context.options, 'user-data-dir');
    // The folder as Windows will read it in the task (a share's `\\srv\dossier\` stays so), on Windows.
    const paths = (context.environment.platform ?? process.platform) === 'win32' ? win32 : posix;
    const typedReport = text(context.options, 'report');
    const report = typedReport === undefined ? undefined : context.positionals[0] === 'install' ? await publishedFolder(context, typedReport) : absoluteFolder(context, typedReport);
    return scheduleCommand(
      context.positionals[0],
      { ...given('at'), ...given('executable'), ...given('output'), ...(userDataDir === undefined ? {} : { userDataDir: paths.resolve(userDataDir) }), ...(report === undefined ? {} : { report }) },
      context.environment,
    );
  },
};
