// `schedule install --at HH:MM | remove | status | show-xml --at HH:MM [--output FICHIER]`: the
// daily check in the Windows Task Scheduler, the task of the user who runs the command; with
// `--report FOLDER` (install, show-xml), the publisher's daily fleet report instead
// (schedule-report.ts).
import { posix, win32 } from 'node:path';
import { AppError } from '../../failures/errors';
import type { DailyCheckState } from '../../schedule/daily-check-schedule';
import { parseTimeOfDay, timeOfDayText } from '../../schedule/daily-check-task';
import { groupPolicyTaskName, taskTitles } from '../../schedule/user-task-name';
import type { Command } from '../command';
import type { CommandResult } from '../command-result';
import { text } from '../options';
import { absoluteFolder, publishedFolder, reportSchedule } from './schedule-report';
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

/** What to say of 0.2.0's machine-wide task, when this user sees it. */
function legacyLines(state: DailyCheckState): string[] {
  if (!state.supported || state.legacy === undefined) return [];
  const { legacy } = state;
  return legacy.mine
    ? [
        `Une tâche d'une version précédente (« ${legacy.taskName} », ${timesText(legacy.times)}) est encore programmée pour cet utilisateur : « schedule install --at HH:MM » la remplace par la sienne, « schedule remove » la retire.`,
      ]
    : [
        `Une tâche d'une version précédente (« ${legacy.taskName} ») a été programmée par un autre utilisateur de ce poste : seul un administrateur peut la retirer (schtasks /Delete /TN "${legacy.taskName}" /F).`,
      ];
}

/** --user-data-dir goes into the task's arguments: the check then reads that folder, for every user the task runs for. */
const folderNotice = (folder: string): string =>
  `La tâche lancera la vérification sur le dossier de paramètres ${folder} (--user-data-dir) ; pour une tâche déployée à plusieurs utilisateurs, n'indiquez pas --user-data-dir : chacun a le sien.`;

export async function scheduleCommand(
  action: string | undefined,
  options: ScheduleOptions,
  environment: ScheduleEnvironment,
): Promise<CommandResult> {
  if (options.report !== undefined) return reportSchedule(action, { ...options, report: options.report }, environment);
  const schedule = userSchedule(options, environment);
  const time = (): ReturnType<typeof parseTimeOfDay> => {
    if (options.at === undefined)
      throw new AppError(
        'INVALID_INPUT',
        `schedule ${action ?? ''} attend l'heure de la vérification : --at HH:MM (par exemple --at 07:30)`,
      );
    return parseTimeOfDay(options.at);
  };
  if (action !== 'install' && action !== 'show-xml' && options.at !== undefined)
    throw new AppError('INVALID_INPUT', `--at ne sert qu'avec schedule install et schedule show-xml`);
  if (action !== 'show-xml' && options.output !== undefined)
    throw new AppError(
      'INVALID_INPUT',
      `--output ne sert qu'avec schedule show-xml (le fichier de la tâche, pour schtasks /Create /XML)`,
    );
  const folder = options.userDataDir === undefined ? {} : { userDataDir: options.userDataDir };
  const folderLines = options.userDataDir === undefined ? [] : [folderNotice(options.userDataDir)];
  switch (action) {
    case 'show-xml': {
      const at = time();
      const xml = schedule.xml(at);
      // The name `install` gives it for this user; for a group policy item, with %LogonUserSid%.
      const taskName =
        (schedule.supported ? await schedule.taskName() : undefined) ?? groupPolicyTaskName(taskTitles.dailyCheck);
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
        json: {
          installed: true,
          at: timeOfDayText(at),
          taskName: outcome.taskName,
          ...(outcome.legacy ? { legacyTask: outcome.legacy } : {}),
          ...folder,
        },
        lines: [
          `Vérification quotidienne programmée ${randomWindow(at)} (un moment tiré au hasard, pour que les postes n'interrogent pas Chorus Pro à la même minute) pour cet utilisateur (tâche « ${outcome.taskName} »).`,
          'Chaque compte sera testé ; une notification signalera un compte en échec ou un mot de passe à renouveler.',
          ...(outcome.legacy === 'removed'
            ? [
                'La tâche de la version précédente, commune à tout le poste, a été retirée : elle aurait fait la vérification une seconde fois.',
              ]
            : []),
          ...(outcome.legacy === 'kept'
            ? [
                'Une tâche de la version précédente, commune à tout le poste, reste programmée par un autre utilisateur : seul un administrateur peut la retirer.',
              ]
            : []),
          ...folderLines,
        ],
      };
    }
    case 'remove': {
      const outcome = await schedule.remove();
      if (!outcome.supported) return onlyWindows;
      if (!outcome.ok) return changeRefused(outcome, "Le Planificateur de tâches n'a pas supprimé la tâche");
      return {
        json: {
          removed: outcome.changed,
          taskName: outcome.taskName,
          ...(outcome.legacy ? { legacyTask: outcome.legacy } : {}),
        },
        lines: [
          outcome.changed
            ? 'Vérification quotidienne retirée : plus aucune vérification automatique sur ce poste pour cet utilisateur.'
            : "Aucune vérification quotidienne n'était programmée pour cet utilisateur : rien n'a été retiré.",
          ...(outcome.legacy === 'kept'
            ? [
                'Une tâche de la version précédente, commune à tout le poste, reste programmée par un autre utilisateur : seul un administrateur peut la retirer.',
              ]
            : []),
        ],
      };
    }
    case 'status': {
      const state = await schedule.status();
      if (!state.supported) return { ...onlyWindows, failed: false };
      if (!state.installed && state.problem !== undefined) {
        const why =
          state.problem.kind === 'refused'
            ? 'le Planificateur de tâches a refusé de la lire'
            : 'le Planificateur de tâches n’a pas répondu';
        return {
          json: {
            installed: null,
            refused: state.problem.kind === 'refused',
            reason: state.problem.reason,
            ...(state.taskName ? { taskName: state.taskName } : {}),
          },
          failed: true,
          lines: [`Vérification quotidienne : état inconnu, ${why} (${state.problem.reason}).`, ...legacyLines(state)],
        };
      }
      if (!state.installed) {
        return {
          json: {
            installed: false,
            ...(state.taskName ? { taskName: state.taskName } : {}),
            ...(state.legacy ? { legacyTask: state.legacy } : {}),
          },
          lines: [
            'Vérification quotidienne : non programmée pour cet utilisateur (schedule install --at HH:MM pour la programmer).',
            ...legacyLines(state),
          ],
        };
      }
      return {
        json: {
          installed: true,
          at: state.at,
          times: state.times,
          enabled: state.enabled,
          taskName: state.taskName,
          ...(state.legacy ? { legacyTask: state.legacy } : {}),
        },
        lines: [
          `Vérification quotidienne : programmée à ${timesText(state.times)}` +
            (state.enabled ? '' : ' mais désactivée dans le Planificateur de tâches') +
            ` (tâche « ${state.taskName} »).`,
          ...legacyLines(state),
        ],
      };
    }
    default:
      throw new AppError(
        'INVALID_INPUT',
        'usage : schedule install --at HH:MM | schedule remove | schedule status | schedule show-xml --at HH:MM [--output FICHIER]',
      );
  }
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
    const report =
      typedReport === undefined
        ? undefined
        : context.positionals[0] === 'install'
          ? await publishedFolder(context, typedReport)
          : absoluteFolder(context, typedReport);
    return scheduleCommand(
      context.positionals[0],
      {
        ...given('at'),
        ...given('executable'),
        ...given('output'),
        ...(userDataDir === undefined ? {} : { userDataDir: paths.resolve(userDataDir) }),
        ...(report === undefined ? {} : { report }),
      },
      context.environment,
    );
  },
};
