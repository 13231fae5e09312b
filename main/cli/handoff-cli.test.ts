import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadFixture } from '../../e2e/simulator/fixture';
import { startSimulator, tokenPath, type Simulator } from '../../e2e/simulator/simulator';
import { runCliProcess, type CliRun } from '../../test/support/cli-process';
import { demoAccount } from '../../test/support/core-fixture';
import { tempDir } from '../../test/support/temp-dirs';
import { clearKeychainService } from '../secrets/keytar-secret-store';

// `headers` and `credentials` as an in-house script calls them: the real command line in its own
// process, the simulator for PISTE and Chorus Pro (one per test: a renewal changes its password).
const keychainService = `Chorus Pro Echanges (test headers ${randomUUID()})`;
afterAll(async () => {
  await clearKeychainService(keychainService);
});
const simulators: Simulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((simulator) => simulator.close()));
});

const runningAsRoot = process.getuid?.() === 0;

/** A machine policy in a root-owned folder (the tests run as root, as CI does). */
function machinePolicy(policy: object): string {
  const folder = join(tempDir('chorus-headers-policy-'), 'chorus-pro-echanges');
  mkdirSync(folder, { mode: 0o755 });
  const file = join(folder, 'policy.json');
  writeFileSync(file, JSON.stringify(policy), { mode: 0o644 });
  return file;
}

async function configured(policyFile?: string) {
  // PISTE's tokens live 50 minutes here: a caller asking for more than that left gets a new one.
  const simulator = await startSimulator({ fixture: loadFixture(), tokenLifetimeSeconds: 3000 });
  simulators.push(simulator);
  const dir = tempDir('chorus-headers-');
  const env = policyFile ? { CHORUS_PRO_MACHINE_POLICY: policyFile } : {};
  const cli = (args: readonly string[], stdin?: string): Promise<CliRun> =>
    runCliProcess([...args, '--user-data-dir', dir], keychainService, {
      env,
      ...(stdin === undefined ? {} : { stdin }),
    });
  expect(
    (
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
      ])
    ).status,
  ).toBe(0);
  expect((await cli(['set-client-secret', '--client-secret-stdin'], demoAccount.clientSecret)).status).toBe(0);
  expect((await cli(['set-password', '--password-stdin'], demoAccount.password)).status).toBe(0);
  return { simulator, dir, cli, tokens: () => simulator.requestCounts.get(tokenPath) ?? 0 };
}

/** A call to Chorus Pro as the script makes it, with nothing but what `headers` gave. */
async function callChorusPro(simulator: Simulator, given: Record<string, unknown>): Promise<number> {
  const headers = given.headers as Record<string, string>;
  const answer = await fetch(`${simulator.url}/cpro/utilisateurs/v1/monCompte/recuperer/rattachements`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json;charset=utf-8', Accept: 'application/json' },
    body: JSON.stringify({
      parametresRecherche: {
        nbResultatsParPage: 10,
        pageResultatDemandee: 1,
        triColonne: 'IdStructure',
        triSens: 'Descendant',
      },
    }),
  });
  return answer.status;
}

const decodedAccount = (given: Record<string, unknown>): string =>
  Buffer.from((given.headers as Record<string, string>)['cpro-account'] ?? '', 'base64').toString('utf8');

describe('headers and credentials for in-house scripts', () => {
  it('refuses until the account allows it: exit status 4, nothing on standard output', async () => {
    const { cli } = await configured();
    for (const command of ['headers', 'credentials']) {
      const refused = await cli([command, '--json']);
      expect(refused.status).toBe(4);
      expect(refused.stdout).toBe('');
      expect(JSON.parse(refused.stderr)).toMatchObject({
        ok: false,
        code: 'PROGRAMS_NOT_ALLOWED',
        message: expect.stringContaining('configure --allow-programs oui') as string,
      });
    }
    // Even a mistyped call keeps standard output for the secrets alone.
    const mistyped = await cli(['headers', '--json', '--min-validty', '30']);
    expect(mistyped.status).toBe(2);
    expect(mistyped.stdout).toBe('');
  }, 180_000);

  it('allowed: headers Chorus Pro accepts, two calls ask PISTE for one token, the log names the caller and holds no secret', async () => {
    const { simulator, dir, cli, tokens } = await configured();
    expect((await cli(['configure', '--allow-programs', 'oui'])).status).toBe(0);
    const before = tokens();
    const first = await cli(['headers', '--json']);
    expect(first.status).toBe(0);
    expect(first.json).toMatchObject({
      ok: true,
      apiBaseUrl: simulator.url,
      expiresAt: expect.any(String) as string,
      headers: { Authorization: expect.stringMatching(/^Bearer \S+$/) as string },
    });
    expect(decodedAccount(first.json)).toBe(`${demoAccount.login}:${demoAccount.password}`);
    expect(await callChorusPro(simulator, first.json)).toBe(200);
    const second = await cli(['headers', '--json']);
    expect((second.json.headers as Record<string, string>).Authorization).toBe(
      (first.json.headers as Record<string, string>).Authorization,
    );
    expect(tokens() - before).toBe(1);
    // A token that would not live long enough for the caller is not handed out again; nor after --new-token.
    expect((await cli(['headers', '--json', '--min-validity', '3300'])).status).toBe(0);
    expect(tokens() - before).toBe(2);
    expect((await cli(['headers', '--json', '--new-token'])).status).toBe(0);
    expect(tokens() - before).toBe(3);

    const log = readFileSync(join(dir, 'journaux', 'chorus-pro-echanges.log'), 'utf8');
    const handoffs = log
      .split('\n')
      .filter((line) => line.includes('"handoff.given"'))
      .map((line) => JSON.parse(line) as Record<string, string>);
    expect(handoffs.map((line) => line.command)).toEqual(['headers', 'headers', 'headers', 'headers']);
    // The program that asked: here the test's Node, which started the command line.
    expect(handoffs[0]).toMatchObject({ account: 'Compte principal', caller: process.execPath });
    const authorization = (first.json.headers as Record<string, string>).Authorization ?? '';
    for (const secret of [
      demoAccount.password,
      demoAccount.clientSecret,
      authorization.slice('Bearer '.length),
      Buffer.from(`${demoAccount.login}:${demoAccount.password}`).toString('base64'),
    ]) {
      expect(log).not.toContain(secret);
    }
  }, 180_000);

  it('after a renewal, the next call carries the new password; credentials gives it for a copy by hand', async () => {
    const { simulator, dir, cli } = await configured();
    expect((await cli(['configure', '--allow-programs', 'oui'])).status).toBe(0);
    const newPassword = simulator.resetPassword(demoAccount.login);
    expect(await callChorusPro(simulator, (await cli(['headers', '--json'])).json)).toBe(401);
    expect((await cli(['set-password', '--password-stdin'], newPassword)).status).toBe(0);
    const renewed = await cli(['headers', '--json']);
    expect(decodedAccount(renewed.json)).toBe(`${demoAccount.login}:${newPassword}`);
    expect(await callChorusPro(simulator, renewed.json)).toBe(200);
    const credentials = await cli(['credentials', '--json']);
    expect(credentials.json).toEqual({
      ok: true,
      account: 'Compte principal',
      login: demoAccount.login,
      password: newPassword,
      apiBaseUrl: simulator.url,
      tokenUrl: simulator.tokenUrl,
    });
    const log = readFileSync(join(dir, 'journaux', 'chorus-pro-echanges.log'), 'utf8');
    expect(log).toContain('"command":"credentials"');
    expect(log).not.toContain(newPassword);
  }, 180_000);

  it('refuses to print for a terminal, and refuses a validity it cannot honour', async () => {
    const { cli } = await configured();
    expect((await cli(['configure', '--allow-programs', 'oui'])).status).toBe(0);
    const human = await cli(['headers']);
    expect(human.status).toBe(2);
    expect(human.stdout).toBe('');
    expect(human.stderr).toContain('ajoutez --json');
    expect((await cli(['headers', '--json', '--min-validity', '4000'])).status).toBe(2);
  }, 180_000);

  it.runIf(runningAsRoot)(
    'the machine policy can force it off, whatever the account says (exit status 4, nothing saved)',
    async () => {
      const policyFile = machinePolicy({ formatVersion: 1, allowScripts: false });
      const { dir, cli } = await configured(policyFile);
      const before = readFileSync(join(dir, 'config.json'), 'utf8');
      const asked = await cli(['configure', '--allow-programs', 'oui', '--alert-delay', '6', '--json']);
      expect(asked.status).toBe(4);
      expect(asked.json).toMatchObject({
        code: 'PROGRAMS_NOT_ALLOWED',
        message: expect.stringContaining('allowScripts') as string,
      });
      expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(before);
      const headers = await cli(['headers', '--json']);
      expect(headers.status).toBe(4);
      expect(headers.stdout).toBe('');
      const status = await cli(['status']);
      expect(status.stdout).toContain(
        'Scripts de ce poste autorisés à utiliser ce compte (headers, credentials) : non — la stratégie de la machine interdit',
      );
    },
    180_000,
  );
});
