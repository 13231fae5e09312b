import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFixture } from '../../e2e/simulator/fixture';
import { startSimulator } from '../../e2e/simulator/simulator';
import { clearKeychainService } from '../secrets/keytar-secret-store';
import { runCliProcess } from '../../test/support/cli-process';
import { demoAccount } from '../../test/support/core-fixture';
import { startAnsweringServer } from '../../test/support/loopback-servers';
import { openMainProcess } from '../../test/support/main-process-fixture';
import { tempDir } from '../../test/support/temp-dirs';

const keychainService = `Chorus Pro Echanges (test terminal ${randomUUID()})`;
afterAll(() => clearKeychainService(keychainService));
const cli = (args: readonly string[], stdin?: string) =>
  runCliProcess(args, keychainService, stdin === undefined ? {} : { stdin });
// What a terminal would obey: a line break, ESC (colours, cursor moves), a C1 control, a direction override.
const forgingCharacters = (text: string): string[] =>
  ['\n', '\r', '\u001B', '\u009B', '\u202E'].filter((character) => text.includes(character));
const forged = 'La connexion a été établie : les paramètres de connexion sont corrects.';

describe('control characters never reach a terminal', () => {
  it('an address with a line break or an escape is refused, from the command line, the bridge and a profile', async () => {
    const dir = tempDir('chorus-controle-');
    for (const [option, value] of [
      ['--url', 'https://chorus.example/\nIdentifiant utilisateur : ADMIN'],
      ['--token-url', 'https://oauth.example/\u001B[2Jtoken'],
      ['--proxy', 'http://proxy.example:3128/\u0085'],
    ]) {
      const run = await cli(['configure', option ?? '', value ?? '', '--json', '--user-data-dir', dir]);
      expect(run.json).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
        message: expect.stringContaining('caractère de contrôle') as string,
      });
    }
    const fixture = openMainProcess();
    try {
      expect(
        await fixture.call('saveSettings', {
          environment: 'custom',
          apiBaseUrl: 'https://chorus.example/\r\nX',
          tokenUrl: 'https://oauth.example/token',
        }),
      ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    } finally {
      await fixture.dispose();
    }
    const profile = join(dir, 'profil.json');
    writeFileSync(
      profile,
      JSON.stringify({
        profileVersion: 1,
        environment: 'custom',
        apiBaseUrl: 'https://chorus.example/\nIdentifiant utilisateur : ADMIN',
        tokenUrl: 'https://oauth.example/token',
        alertDelayMonths: 12,
        timeoutSeconds: 30,
      }),
    );
    expect((await cli(['import-profile', profile, '--json', '--user-data-dir', dir])).json).toMatchObject({
      ok: false,
    });
    expect((await cli(['status', '--json', '--user-data-dir', dir])).json).toMatchObject({
      settings: { environment: 'production' },
    });
  });

  it('a token endpoint’s error text is printed escaped: it cannot forge a line after the failure', async () => {
    const hostile = await startAnsweringServer((_request, response) => {
      response.writeHead(400, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ error: `invalid_client\n${forged}\u001B[32m`, error_description: '\u202Eetabli' }));
    });
    try {
      const dir = tempDir('chorus-controle-');
      expect(
        (
          await cli([
            'configure',
            '--url',
            hostile.url,
            '--token-url',
            `${hostile.url}/token`,
            '--login',
            demoAccount.login,
            '--client-id',
            demoAccount.clientId,
            '--json',
            '--user-data-dir',
            dir,
          ])
        ).status,
      ).toBe(0);
      expect(
        (await cli(['set-client-secret', '--client-secret-stdin', '--user-data-dir', dir], 'secret\n')).status,
      ).toBe(0);
      const run = await cli(['set-password', '--password-stdin', '--user-data-dir', dir], `${demoAccount.password}\n`);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('invalid_client\\u{A}');
      expect(forgingCharacters(run.stderr.trimEnd())).toEqual([]);
      expect(run.stdout).toBe('');
    } finally {
      await hostile.close();
    }
  });

  it('structure names from Chorus Pro are printed escaped', async () => {
    const fixture = loadFixture();
    const structure = fixture.accounts[0]?.structures[0];
    if (structure) structure.designationStructure = `COMMUNE\n${forged}\u001B[2J\u202E`;
    const simulator = await startSimulator({ fixture });
    try {
      const dir = tempDir('chorus-controle-');
      await cli([
        'configure',
        '--url',
        simulator.url,
        '--token-url',
        simulator.tokenUrl,
        '--login',
        demoAccount.login,
        '--client-id',
        demoAccount.clientId,
        '--json',
        '--user-data-dir',
        dir,
      ]);
      await cli(
        ['set-client-secret', '--client-secret-stdin', '--user-data-dir', dir],
        `${demoAccount.clientSecret}\n`,
      );
      await cli(['set-password', '--password-stdin', '--user-data-dir', dir], `${demoAccount.password}\n`);
      const run = await cli(['structures', '--user-data-dir', dir]);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('COMMUNE\\u{A}');
      expect(run.stdout.split('\n').filter((line) => line.includes(forged))).toHaveLength(1);
      expect(forgingCharacters(run.stdout).filter((character) => character !== '\n')).toEqual([]);
    } finally {
      await simulator.close();
    }
  });
});
