// Every command of the command line, by the name typed: a new command is a new file in this
// folder, one line here, and its description in ../usage.ts (command-table.test.ts checks it is
// there). The order is the one `parse` lists them in when none is given.
import type { Command } from '../command';
import { accounts } from './accounts';
import { fleet } from './fleet';
import { structures, test } from './connection';
import { destinations, push } from './exchange';
import { credentials, headers } from './handoff';
import { forgetCommand } from './forget';
import { exportProfile, importProfile } from './profiles';
import { schedule } from './schedule';
import { setClientSecret, setPassword, setProxyPassword } from './secrets';
import { configure, status } from './settings';

export const commandTable: Readonly<Record<string, Command>> = {
  configure,
  status,
  test,
  accounts,
  structures,
  'set-client-secret': setClientSecret,
  'set-password': setPassword,
  'set-proxy-password': setProxyPassword,
  'export-profile': exportProfile,
  'import-profile': importProfile,
  schedule,
  fleet,
  destinations,
  push,
  headers,
  credentials,
  forget: forgetCommand,
};

export const commandNames: readonly string[] = Object.keys(commandTable);

/** The command of that name; nothing for another word, `toString` included. */
export const commandNamed = (name: string): Command | undefined =>
  Object.hasOwn(commandTable, name) ? commandTable[name] : undefined;
