// The app's tasks in the Task Scheduler Library, in a folder of their own. A task name is
// machine-wide and only administrators see other users' tasks: each user's task carries that
// user's SID, so that two users of one workstation each have their own and never replace or hide
// the other's.

/** The Task Scheduler folder of the app's tasks. */
export const taskFolder = 'Chorus Pro Echanges';

/** What each of the app's per-user tasks is, as its name says it (ASCII: the console's code page never garbles it). */
export const taskTitles = {
  dailyCheck: 'Verification quotidienne',
  /** The publisher's daily fleet report (issue 32). */
  fleetReport: 'Rapport du parc',
} as const;
export type TaskTitle = (typeof taskTitles)[keyof typeof taskTitles];

/** `Chorus Pro Echanges\Verification quotidienne - S-1-5-21-…`: one task of one user. */
export const userTaskName = (title: TaskTitle, sid: string): string => `${taskFolder}\\${title} - ${sid}`;

/**
 * What a group policy preference item names it: Group Policy Preferences replace %LogonUserSid%
 * with the SID of the user the item applies to.
 */
export const groupPolicyTaskName = (title: TaskTitle): string => userTaskName(title, '%LogonUserSid%');

/** The one machine-wide name 0.2.0 registered the daily check under, for every user alike. */
export const legacyDailyCheckTaskName = `${taskFolder}\\${taskTitles.dailyCheck}`;

/** The names of the current user's tasks, once their SID is known (read once: whoami). */
export function userTaskNames(sid: () => Promise<string>): (title: TaskTitle) => Promise<string> {
  return async (title) => userTaskName(title, await sid());
}
