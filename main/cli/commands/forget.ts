// `forget --all --confirm`: what the app keeps for this user on this workstation, gone — every
// account's secrets in the keychain, the user's daily check and fleet report, the settings, the certificates'
// copies and the support log (main/forget/workstation-parts.ts lists them). Before uninstalling.
import { AppError, toFailure } from '../../failures/errors';
import { describeForgetting, forgetWorkstation, type ForgetContext } from '../../forget/forget-workstation';
import { workstationParts } from '../../forget/workstation-parts';
import { createDailyCheckSchedule, systemSchtasks } from '../../schedule/daily-check-schedule';
import { defaultExecutablePath } from '../../schedule/daily-check-task';
import { taskTitles } from '../../schedule/user-task-name';
import type { Command, CommandContext } from '../command';
import type { CommandResult } from '../command-result';

/** A part's failure in words: its own French reason when it has one, else the failure's message. */
const reasonOf = (error: unknown): string =>
  error instanceof AppError && error.code === 'INTERNAL_ERROR' && error.detail
    ? error.detail
    : toFailure(error, 'command-line').message;

async function forget({ services, options, environment, userDataDir }: CommandContext): Promise<CommandResult> {
  if (options.all !== true) {
    throw new AppError(
      'INVALID_INPUT',
      "forget efface tout ce que l'application garde pour cet utilisateur sur ce poste : forget --all --confirm ; pour un seul compte technique, accounts remove NOM",
    );
  }
  const schedule = {
    platform: environment.platform ?? process.platform,
    run: environment.runSchtasks ?? systemSchtasks,
    clock: environment.clock,
    executable: environment.executablePath ?? defaultExecutablePath,
    // This user's own tasks (their names carry the SID, issue 29).
    ...(environment.userSid ? { userSid: environment.userSid } : {}),
  };
  const context: ForgetContext = {
    userDataDir,
    workstation: services.workstation,
    secrets: services.secrets,
    dailyCheck: createDailyCheckSchedule(schedule),
    // Removed by its name alone: its arguments (the folder) do not matter here.
    fleetReport: createDailyCheckSchedule({
      ...schedule,
      task: { title: taskTitles.fleetReport, commandArguments: [], description: '' },
    }),
  };
  if (options.confirm !== true) {
    const preview = await describeForgetting(workstationParts, context);
    throw new AppError(
      'INVALID_INPUT',
      `rien n'a été effacé. forget --all effacerait ${preview
        .filter((entry) => entry.what !== '')
        .map((entry) => entry.what)
        .join(' ; ')}. Fermez l'application, puis confirmez avec forget --all --confirm`,
    );
  }
  const report = await forgetWorkstation(workstationParts, context);
  // A part with nothing to say of this user (no fleet report) says nothing.
  const lines = report.done.map((entry) => entry.said).filter((said) => said !== '');
  if (report.failed) {
    return {
      json: {
        forgotten: report.done.map((entry) => entry.part),
        failed: report.failed.part,
        notDone: report.notDone,
        reason: reasonOf(report.failed.error),
      },
      failed: true,
      lines: [
        ...lines,
        `Effacement arrêté : ${reasonOf(report.failed.error)}`,
        "Ce qui suit n'a pas été effacé (paramètres compris) : corrigez la cause, puis relancez forget --all --confirm, qui reprend là où il s'est arrêté.",
      ],
    };
  }
  return {
    json: { forgotten: report.done.map((entry) => entry.part) },
    lines: [
      ...lines,
      "Plus rien de l'application n'est gardé pour cet utilisateur sur ce poste. Désinstallez-la ensuite (Paramètres Windows > Applications) si elle ne sert plus à personne.",
    ],
  };
}

export const forgetCommand: Command = {
  options: ['all', 'confirm'],
  accounts: 'all',
  accountOption: false,
  // A mistyped --user-data-dir is refused rather than created just to be emptied.
  readsOnly: true,
  run: forget,
};
