import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileCacheFolderName } from '../main/cli/compile-cache';
import { clearKeychainService } from '../main/secrets/keytar-secret-store';
import { demoAccount } from '../test/support/core-fixture';
import { simulatorForTheFile } from '../test/support/simulator-for-file';
import { serverKeys } from '../test/support/server-keys';
import { tempDir } from '../test/support/temp-dirs';

// Run after `npm run build` (npm test builds first). The built command line leaves out of its
// bundle what its commands never call (scripts/build.mjs) and keeps a profile's encryption in a
// file of its own: these commands, run from the build, show that nothing they need went missing.
const cli = join(import.meta.dirname, '..', 'dist/main/cli.js');
const services: string[] = [];
const simulator = simulatorForTheFile();
afterAll(async () => {
  await Promise.all(services.map((service) => clearKeychainService(service)));
});

function builtCli(
  service: string,
  args: readonly string[],
  stdin = '',
  env: NodeJS.ProcessEnv = {},
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [cli, ...args],
      {
        env: {
          ...process.env,
          CHORUS_PRO_KEYCHAIN_SERVICE: service,
          CHORUS_PRO_MACHINE_POLICY: '/nonexistent/chorus-pro-echanges-policy.json',
          ...env,
        },
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        resolve({ status: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
    child.stdin?.end(stdin);
  });
}

async function configuredAccount(): Promise<{ service: string; dir: string }> {
  const service = `Chorus Pro Echanges (test built cli ${randomUUID()})`;
  services.push(service);
  const dir = tempDir('chorus-built-cli-');
  const run = (args: readonly string[], stdin?: string) => builtCli(service, [...args, '--user-data-dir', dir], stdin);
  expect(
    (
      await run([
        'configure',
        '--url',
        simulator().url,
        '--token-url',
        simulator().tokenUrl,
        '--login',
        demoAccount.login,
        '--client-id',
        demoAccount.clientId,
      ])
    ).status,
  ).toBe(0);
  expect((await run(['set-client-secret', '--client-secret-stdin'], demoAccount.clientSecret)).status).toBe(0);
  expect((await run(['set-password', '--password-stdin', '--no-verify'], demoAccount.password)).status).toBe(0);
  return { service, dir };
}

describe('the built command line', () => {
  it('tests the connection with the secrets from the keychain', async () => {
    const { service, dir } = await configuredAccount();
    const test = await builtCli(service, ['test', '--user-data-dir', dir]);
    expect(test.stderr).toBe('');
    expect(test.status).toBe(0);
    expect(test.stdout).toContain('La connexion a été établie');
  });

  it('keeps its compiled code in the user-data folder, and creates no folder for it (issue 36)', async () => {
    const { service, dir } = await configuredAccount();
    // Written by the commands above, where forget --all looks for it: not in the temporary folder.
    const cache = join(dir, compileCacheFolderName);
    expect(readdirSync(cache).length).toBeGreaterThan(0);
    const test = await builtCli(service, ['test', '--user-data-dir', dir]);
    expect(test.status).toBe(0);
    // A mistyped folder, given to a command that only reads, is still refused with nothing created.
    const absent = join(tempDir('chorus-built-cli-'), 'absent');
    const status = await builtCli(service, ['status', '--user-data-dir', absent]);
    expect(status.status).toBe(2);
    expect(existsSync(absent)).toBe(false);
  });

  it('carries the secrets in an exported profile and reads them back on another workstation', async () => {
    const from = await configuredAccount();
    const profile = join(tempDir('chorus-built-cli-profile-'), 'profil.json');
    const passphrase = 'cheval agrafe batterie correcte';
    const exported = await builtCli(
      from.service,
      ['export-profile', profile, '--with-secrets', '--passphrase-stdin', '--user-data-dir', from.dir],
      passphrase,
    );
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);

    const elsewhere = `Chorus Pro Echanges (test built cli ${randomUUID()})`;
    services.push(elsewhere);
    const dir = tempDir('chorus-built-cli-');
    const imported = await builtCli(
      elsewhere,
      ['import-profile', profile, '--passphrase-stdin', '--user-data-dir', dir],
      passphrase,
    );
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    const test = await builtCli(elsewhere, ['test', '--user-data-dir', dir]);
    expect(test.status).toBe(0);
    expect(test.stdout).toContain('La connexion a été établie');
  });

  it("makes the fleet report from a member's status, with the version this build carries, and exits as monitoring plugins do", async () => {
    const publisher = await configuredAccount();
    const member = {
      service: `Chorus Pro Echanges (test built cli ${randomUUID()})`,
      dir: tempDir('chorus-built-cli-membre-'),
    };
    services.push(member.service);
    const folder = join(tempDir('chorus-built-cli-partage-'), 'chorus');
    const as = (who: { service: string; dir: string }, args: readonly string[], stdin?: string) =>
      builtCli(who.service, [...args, '--user-data-dir', who.dir], stdin);
    const created = await as(
      publisher,
      ['fleet', 'create', folder, '--root-key-file', join(tempDir(), 'racine.age'), '--passphrase-stdin', '--json'],
      'la phrase secrète du test',
    );
    expect(created.status, created.stderr).toBe(0);
    const { fingerprint } = JSON.parse(created.stdout) as { fingerprint: string };
    const { code } = JSON.parse((await as(publisher, ['fleet', 'invite', folder, '--json'])).stdout) as {
      code: string;
    };
    expect((await as(member, ['fleet', 'join', folder, '--publisher', fingerprint, '--code-stdin'], code)).status).toBe(
      0,
    );
    expect((await as(publisher, ['fleet', 'publish', folder])).status).toBe(0);
    expect((await as(member, ['test', '--all'])).status).toBe(0);
    const report = await as(publisher, ['fleet', 'report', folder, '--json']);
    expect(report.stderr).toBe('');
    expect(report.status).toBe(0);
    const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(JSON.parse(report.stdout)).toMatchObject({
      status: 0,
      members: [{ appVersion: version, revision: 1, accounts: [{ name: 'Compte principal', state: 'ok' }] }],
    });
    expect((await as(publisher, ['fleet', 'report'])).status).toBe(3);
  });

  // The tests run as root (CI): the policy the test writes is an administrator's.
  it.runIf(process.getuid?.() === 0)(
    'pushes to a server destination after the first successful test, PKI.js read from its own file',
    async () => {
      const { service, dir } = await configuredAccount();
      const root = tempDir('chorus-built-cli-server-');
      const folder = join(root, 'depot');
      mkdirSync(folder, { mode: 0o755 });
      const server = serverKeys({ folder: root });
      const policy = join(root, 'policy.json');
      writeFileSync(
        policy,
        JSON.stringify({
          formatVersion: 1,
          destinations: [{ name: 'Serveur', kind: 'server', certificate: server.certificate, folder }],
        }),
      );
      const test = await builtCli(service, ['test', '--user-data-dir', dir], '', { CHORUS_PRO_MACHINE_POLICY: policy });
      expect(test.stderr).toBe('');
      expect(test.stdout).toContain('Serveur (serveur) : à jour');
      const [dropped] = readdirSync(folder);
      const clear = server.decrypt(join(folder, dropped ?? ''));
      expect(JSON.parse(clear)).toMatchObject({ password: demoAccount.password });
    },
  );
});
