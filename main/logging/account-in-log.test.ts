// The support log names the account of every line about one: with three communes on a workstation,
// « chorus.connection-test AUTH_REJECTED » alone tells nobody which one failed.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clearKeychainService } from '../secrets/keytar-secret-store';
import { demoAccount } from '../../test/support/core-fixture';
import { inProcessCli } from '../../test/support/in-process-cli';
import { openMainProcess } from '../../test/support/main-process-fixture';
import { fixedClock } from '../../test/support/settings-fixture';
import { simulatorForTheFile } from '../../test/support/simulator-for-file';
import { tempDir } from '../../test/support/temp-dirs';
import { logFileName, logFolderName } from './log-file';

const keychainService = `Chorus Pro Echanges (test journal ${randomUUID()})`;
const simulator = simulatorForTheFile();
afterAll(async () => {
  await clearKeychainService(keychainService);
});

/** The command line in this process, writing its support log where the app does. */
const cli = async (args: readonly string[], stdin = ''): Promise<number> =>
  (await inProcessCli(() => keychainService, fixedClock('2026-12-02T08:00:00Z'))(args, { stdin })).status;

const logLines = (dir: string): Record<string, unknown>[] =>
  readFileSync(join(dir, logFolderName, logFileName), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the support log', () => {
  it('names the account in every line the command line writes about one (an `account` field); lines about several count them', async () => {
    const dir = tempDir('chorus-journal-');
    const at = ['--user-data-dir', dir];
    const connection = [
      '--url',
      simulator().url,
      '--token-url',
      simulator().tokenUrl,
      '--client-id',
      demoAccount.clientId,
    ];
    expect(await cli(['configure', ...connection, '--login', demoAccount.login, ...at])).toBe(0);
    expect(await cli(['set-client-secret', '--client-secret-stdin', ...at], demoAccount.clientSecret)).toBe(0);
    expect(await cli(['set-password', '--password-stdin', ...at], demoAccount.password)).toBe(0);
    expect(await cli(['accounts', 'add', 'SIVOM de la Rance', ...at])).toBe(0);
    const sivom = ['--account', 'SIVOM de la Rance', ...at];
    expect(
      await cli([
        'configure',
        ...connection,
        '--login',
        'TECH_2_expire@cpro.fr',
        '--password-updated-on',
        '2026-10-01',
        ...sivom,
      ]),
    ).toBe(0);
    expect(await cli(['set-password', '--password-stdin', '--no-verify', ...sivom], 'pas-le-bon')).toBe(0);
    expect(await cli(['test', '--all', ...at])).toBe(1);
    expect(await cli(['test', ...sivom])).toBe(1);
    expect(await cli(['export-profile', join(dir, 'tous.json'), '--all', ...at])).toBe(0);
    expect(await cli(['export-profile', join(dir, 'sivom.json'), ...sivom])).toBe(0);
    expect(await cli(['import-profile', join(dir, 'sivom.json'), ...sivom])).toBe(0);
    expect(await cli(['import-profile', join(dir, 'tous.json'), ...at])).toBe(0);
    expect(await cli(['accounts', 'rename', 'SIVOM de la Rance', 'SIVOM Rance-Frémur', ...at])).toBe(0);
    expect(await cli(['accounts', 'remove', 'SIVOM Rance-Frémur', ...at])).toBe(0);

    const lines = logLines(dir);
    const names = new Set(['Compte principal', 'SIVOM de la Rance', 'SIVOM Rance-Frémur']);
    for (const line of lines) {
      if (typeof line.accounts === 'number') continue;
      expect(names.has(line.account as string), JSON.stringify(line)).toBe(true);
    }
    const failures = lines.filter((line) => line.event === 'chorus.connection-test' && line.code === 'AUTH_REJECTED');
    expect(failures.length).toBe(2);
    expect(failures.every((line) => line.account === 'SIVOM de la Rance')).toBe(true);
    const events = new Set(lines.map((line) => line.event));
    for (const event of [
      'chorus.connection-test',
      'chorus.password-check',
      'password.renewed',
      'password.date-entered',
      'account.added',
      'account.renamed',
      'account.removed',
      'profile.exported',
      'profile.imported',
      'profile.account-imported',
    ]) {
      expect(events.has(event), event).toBe(true);
    }
  });

  it('names the account in the lines the window’s bridge writes', async () => {
    const main = openMainProcess();
    try {
      await main.call('addAccount', { name: 'Commune de Plouër' });
      await main.call('setPasswordCommunicatedOn', { day: '2026-10-01' });
      await main.call('testConnection');
      const aboutAccounts = main.logLines.filter(
        (line) =>
          line.event.startsWith('account.') || line.event.startsWith('password.') || line.event.startsWith('chorus.'),
      );
      expect(aboutAccounts.map((line) => line.event)).toEqual([
        'account.added',
        'password.date-entered',
        'chorus.connection-test',
      ]);
      for (const line of aboutAccounts) expect(line.fields.account, line.event).toBe('Commune de Plouër');
    } finally {
      await main.dispose();
    }
  });
});
