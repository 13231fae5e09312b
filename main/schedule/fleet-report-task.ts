// The publisher's own daily task (issue 32): `fleet report FOLDER --notify` each day, one
// notification on the publisher's machine when something needs doing. Like the daily check, it is
// the user's own task, named with their SID (user-task-name.ts): each user of the workstation has
// their own.
import { taskTitles, userTaskName } from './user-task-name';

/** `Chorus Pro Echanges\Rapport du parc - S-1-5-21-…`: this user's report task. */
export const fleetReportTaskName = (sid: string): string => userTaskName(taskTitles.fleetReport, sid);

/** What the installed executable runs each day: the report of that folder, with its notification. */
export const fleetReportArguments = (folder: string): readonly string[] => [
  '--cli',
  'fleet',
  'report',
  folder,
  '--notify',
];

export const fleetReportDescription =
  "Lit chaque jour l'état déposé par chaque poste du parc dans le dossier partagé et prévient le service informatique (une notification) d'un compte en échec, d'un poste sans nouvelles ou d'un mot de passe à renouveler.";
