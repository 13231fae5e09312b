// The daily check as a Windows Task Scheduler task: a typed model, and its XML (the Task Scheduler
// schema, http://schemas.microsoft.com/windows/2004/02/mit/task, version 1.2) built by an XML
// library that escapes every value: a path with `&` or `<` stays a path.
import { format } from 'date-fns';
import XMLBuilder from 'fast-xml-builder';
import { z } from 'zod';
import { AppError } from '../failures/errors';
import { windowsArguments } from './windows-command-line';

/** What the installed executable runs each day. */
export const dailyCheckArguments = ['--cli', 'test', '--all', '--notify'] as const;

/** The default install folder of the per-machine MSI (what a GPO deploys). */
export const defaultExecutablePath = 'C:\\Program Files\\Chorus Pro Echanges\\Chorus Pro Echanges.exe';

export interface TimeOfDay {
  readonly hours: number;
  readonly minutes: number;
}

export interface DailyCheckTask {
  readonly at: TimeOfDay;
  /** The installed executable, as Windows will start it. */
  readonly executable: string;
  /** A settings folder other than the default one, passed on to the check. */
  readonly userDataDir?: string;
  /** The day the schedule starts (the task's StartBoundary date). */
  readonly from: Date;
  /** What the executable is given, when it is not the daily check (the publisher's fleet report: fleet-report-task.ts). */
  readonly commandArguments?: readonly string[];
  readonly description?: string;
}

/**
 * Each daily task starts at a random moment within this delay of its time (Task Scheduler's
 * RandomDelay): 200 workstations behind one address do not all ask PISTE in the same minute.
 */
export const dailyTaskRandomDelay = 'PT30M';

const timeOfDaySchema = z
  .string()
  .regex(/^([01]?\d|2[0-3])[:hH]([0-5]\d)$/, '--at : une heure au format HH:MM est attendue, par exemple --at 07:30')
  .transform((text): TimeOfDay => {
    const [hours, minutes] = text.split(/[:hH]/).map(Number);
    return { hours: hours ?? 0, minutes: minutes ?? 0 };
  });

/** « 7:30 », « 07:30 » or « 7h30 », as people write a time; anything else is refused (INVALID_INPUT). */
export function parseTimeOfDay(text: string): TimeOfDay {
  const parsed = timeOfDaySchema.safeParse(text.trim());
  if (!parsed.success) throw new AppError('INVALID_INPUT', parsed.error.issues[0]?.message ?? '--at : heure invalide');
  return parsed.data;
}

const twoDigits = (value: number): string => String(value).padStart(2, '0');
export const timeOfDayText = (at: TimeOfDay): string => `${twoDigits(at.hours)}:${twoDigits(at.minutes)}`;

/** The task's Arguments, each one written to be read back exactly by CommandLineToArgvW. */
export function taskArguments(task: DailyCheckTask): string {
  return windowsArguments([
    ...(task.commandArguments ?? dailyCheckArguments),
    ...(task.userDataDir ? ['--user-data-dir', task.userDataDir] : []),
  ]);
}

/**
 * The task's XML. It runs in the user's session (InteractiveToken: the notifications need it), with
 * the least privileges, once a day at the chosen local time; a day the workstation was off at that
 * time, as soon as it is on (StartWhenAvailable); within 30 minutes of that time, at random
 * (RandomDelay); only with a network (else every account would "fail"); on battery too; never
 * twice at once; stopped after 30 minutes at most.
 */
export function dailyCheckTaskXml(task: DailyCheckTask): string {
  const startBoundary = `${format(task.from, 'yyyy-MM-dd')}T${timeOfDayText(task.at)}:00`;
  const document = {
    '?xml': { '@_version': '1.0' },
    Task: {
      '@_version': '1.2',
      '@_xmlns': 'http://schemas.microsoft.com/windows/2004/02/mit/task',
      RegistrationInfo: {
        Author: 'Chorus Pro Echanges',
        Description:
          task.description ??
          `Vérifie chaque jour la connexion à Chorus Pro de chaque compte technique et prévient l'utilisateur (notification) d'un compte en échec ou d'un mot de passe à renouveler.`,
      },
      Triggers: {
        CalendarTrigger: {
          StartBoundary: startBoundary,
          Enabled: true,
          RandomDelay: dailyTaskRandomDelay,
          ScheduleByDay: { DaysInterval: 1 },
        },
      },
      Principals: {
        Principal: { '@_id': 'Author', LogonType: 'InteractiveToken', RunLevel: 'LeastPrivilege' },
      },
      Settings: {
        MultipleInstancesPolicy: 'IgnoreNew',
        DisallowStartIfOnBatteries: false,
        StopIfGoingOnBatteries: false,
        AllowHardTerminate: true,
        StartWhenAvailable: true,
        RunOnlyIfNetworkAvailable: true,
        AllowStartOnDemand: true,
        Enabled: true,
        Hidden: false,
        ExecutionTimeLimit: 'PT30M',
      },
      Actions: {
        '@_Context': 'Author',
        Exec: { Command: task.executable, Arguments: taskArguments(task) },
      },
    },
  };
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    format: true,
    indentBy: '  ',
    suppressBooleanAttributes: false,
  });
  return builder.build(document);
}
