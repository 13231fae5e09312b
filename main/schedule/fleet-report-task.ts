// The publisher's own daily task (issue 32): `fleet report FOLDER --notify` each day, one
// notification on the publisher's machine when something needs doing. A task name is machine-wide
// and only administrators see other users' tasks: it carries the user's SID, so that each user of
// the workstation has their own.
//
// MERGE NOTE (issue 29): branch issue-29 names every per-user task with `userTaskName(title, sid)`
// in main/schedule/user-task-name.ts and reads the SID with `systemUserSid` (whoami, decoded in the
// console's code page). At merge, add `fleetReport: 'Rapport du parc'` to its `taskTitles`, make
// `fleetReportTaskName` return `userTaskName(taskTitles.fleetReport, sid)`, and replace
// `whoamiUserSid` below by `systemUserSid`: the names are the same.
import { execFile } from 'node:child_process';

/** `Chorus Pro Echanges\Rapport du parc - S-1-5-21-…`: this user's report task. */
export const fleetReportTaskName = (sid: string): string => `Chorus Pro Echanges\\Rapport du parc - ${sid}`;

/** What the installed executable runs each day: the report of that folder, with its notification. */
export const fleetReportArguments = (folder: string): readonly string[] => ['--cli', 'fleet', 'report', folder, '--notify'];

export const fleetReportDescription =
  "Lit chaque jour l'état déposé par chaque poste du parc dans le dossier partagé et prévient le service informatique (une notification) d'un compte en échec, d'un poste sans nouvelles ou d'un mot de passe à renouveler.";

/** A SID as Windows writes it: S-1-, then its authority and sub-authorities. */
const sidPattern = /\bS-1-\d+(?:-\d+){1,14}\b/;

/** The SID in `whoami /user /fo csv /nh`'s line ("domaine\utilisateur","S-1-5-21-…"); undefined when there is none. */
export function sidOfWhoami(output: string): string | undefined {
  return sidPattern.exec(output)?.[0];
}

/** The current user's SID, read from whoami (ASCII in any code page: only the SID is read). */
export const whoamiUserSid = (): Promise<string> =>
  new Promise((resolve, reject) => {
    execFile('whoami', ['/user', '/fo', 'csv', '/nh'], { encoding: 'latin1', windowsHide: true, timeout: 10_000 }, (error, stdout) => {
      const sid = error === null ? sidOfWhoami(stdout) : undefined;
      if (sid === undefined) reject(new Error('whoami'));
      else resolve(sid);
    });
  });
