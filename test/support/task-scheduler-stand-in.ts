// The Windows Task Scheduler as schtasks.exe shows it to one standard user: the tasks of the
// machine by name, each with its owner; another user's task cannot be read, replaced or deleted
// (« Accès refusé »). Its messages are French Windows' own, in the console's code page, decoded
// as the app decodes them: E1 is a published capture (windows-samples/schtasks), « Accès refusé »
// a stand-in written the same way (ERROR_ACCESS_DENIED's French text).
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import type { SchtasksOutcome, SchtasksRunner } from '../../main/schedule/daily-check-schedule';
import { consoleText } from '../../main/windows/console-text';
import { windowsSample } from './windows-samples';

export const notFoundBytes = (): Buffer => readFileSync(windowsSample('schtasks/E1-fr-not-found.cp850.txt'));
export const accessDeniedBytes = (): Buffer => iconv.encode('ERREUR : Accès refusé.\r\n', 'cp850');

const said = (bytes: Buffer): string => consoleText(bytes, 850);

export const aUserSid = 'S-1-5-21-1882866539-4086113214-3650236343-1001';
export const anotherUserSid = 'S-1-5-21-1882866539-4086113214-3650236343-1002';

export interface Task {
  readonly owner: string;
  readonly xml: string;
}

/** What Windows adds when it exports a task registered from our XML: its URI and its user. */
function asExported(xml: string, name: string, owner: string): string {
  return xml
    .replace('</RegistrationInfo>', `  <URI>\\${name}</URI>\n    </RegistrationInfo>`)
    .replace(/<Principal id="Author">/u, `<Principal id="Author">\n      <UserId>${owner}</UserId>`);
}

/**
 * `tasks` may be shared by several users' stand-ins: one workstation. An administrator reads and
 * deletes every task; a standard user only their own.
 */
export function taskSchedulerStandIn(
  options: {
    readonly user?: string;
    readonly failWith?: string;
    readonly tasks?: Map<string, Task>;
    readonly administrator?: boolean;
  } = {},
) {
  const user = options.user ?? aUserSid;
  const tasks = options.tasks ?? new Map<string, Task>();
  const calls: (readonly string[])[] = [];
  const answer = (status: number, stdout = '', stderr = ''): SchtasksOutcome => ({ status, stdout, stderr });
  const run: SchtasksRunner = (args) => {
    calls.push(args);
    if (options.failWith !== undefined) return Promise.resolve(answer(1, '', options.failWith));
    const name = String(args[args.indexOf('/TN') + 1]);
    const task = tasks.get(name);
    const notMine = task !== undefined && task.owner !== user && options.administrator !== true;
    if (args[0] === '/Create') {
      if (notMine) return Promise.resolve(answer(1, '', said(accessDeniedBytes())));
      const file = String(args[args.indexOf('/XML') + 1]);
      const bytes = readFileSync(file);
      // schtasks /Create /XML wants UTF-16 with its byte-order mark.
      if (bytes[0] !== 0xff || bytes[1] !== 0xfe)
        return Promise.resolve(answer(1, '', 'ERREUR : Le fichier XML de la tâche est mal formé.'));
      tasks.set(name, { owner: user, xml: asExported(bytes.subarray(2).toString('utf16le'), name, user) });
      return Promise.resolve(answer(0, `Opération réussie : la tâche planifiée "${name}" a été créée.`));
    }
    if (task === undefined) return Promise.resolve(answer(1, '', said(notFoundBytes())));
    if (notMine) return Promise.resolve(answer(1, '', said(accessDeniedBytes())));
    if (args[0] === '/Delete') {
      tasks.delete(name);
      return Promise.resolve(answer(0, `Opération réussie : la tâche planifiée "${name}" a été supprimée.`));
    }
    return Promise.resolve(answer(0, task.xml));
  };
  return {
    run,
    calls,
    tasks,
    userSid: () => Promise.resolve(user),
    /** A task registered by someone (0.2.0's machine-wide one, another user's). */
    plant: (name: string, owner: string, xml: string) => tasks.set(name, { owner, xml }),
  };
}
