import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadFixture } from '../../e2e/simulator/fixture';
import { startSimulator, type Simulator } from '../../e2e/simulator/simulator';
import { runCliProcess, type CliRun } from '../../test/support/cli-process';
import { demoAccount } from '../../test/support/core-fixture';
import { tempDir } from '../../test/support/temp-dirs';
import { clearKeychainService } from '../secrets/keytar-secret-store';

// The IT person's side on the command line: the checklist, the push and its retry, status and the
// daily check, with a machine policy whose script fails until its database opens.
const keychainService = `Chorus Pro Echanges (test destinations ${randomUUID()})`;
afterAll(async () => {
  await clearKeychainService(keychainService);
});
const simulators: Simulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((simulator) => simulator.close()));
});

const runningAsRoot = process.getuid?.() === 0;

async function workstation() {
  const root = tempDir('chorus-exchange-cli-');
  const programs = join(root, 'programmes');
  const inbox = join(root, 'recus');
  for (const folder of [programs, inbox]) mkdirSync(folder, { mode: 0o755 });
  const databaseOpen = join(root, 'base-ouverte');
  const script = join(programs, 'pousser');
  writeFileSync(
    script,
    `#!/bin/sh\n[ -f "$2" ] || { echo "base comptable fermée" >&2; exit 1; }\ncat > "$1/recu.json"\n`,
    { mode: 0o755 },
  );
  const policyFile = join(root, 'policy.json');
  writeFileSync(
    policyFile,
    JSON.stringify({
      formatVersion: 1,
      destinations: [{ name: 'Logiciel comptable', kind: 'script', command: script, args: [inbox, databaseOpen] }],
    }),
  );
  const simulator = await startSimulator({ fixture: loadFixture() });
  simulators.push(simulator);
  const dir = join(root, 'profil');
  const cli = (args: readonly string[], stdin?: string): Promise<CliRun> =>
    runCliProcess([...args, '--user-data-dir', dir], keychainService, {
      env: { CHORUS_PRO_MACHINE_POLICY: policyFile },
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
  return { simulator, cli, openDatabase: () => writeFileSync(databaseOpen, ''), received: () => readdirSync(inbox) };
}

describe.runIf(runningAsRoot)('the exchange software on the command line', () => {
  it('a renewal with set-password: the failing script is said, status and the daily check remind of it, push retries it, the manual line is done with destinations done', async () => {
    const { simulator, cli, openDatabase, received } = await workstation();
    const added = await cli(['destinations', 'add', '--manual', 'Civil Net Finances — base 2026', '--json']);
    expect(added.json).toMatchObject({
      ok: true,
      exchange: {
        destinations: [
          { name: 'Civil Net Finances — base 2026', kind: 'manual', state: 'waiting' },
          { name: 'Logiciel comptable', kind: 'script', state: 'waiting' },
        ],
      },
    });
    // Nothing to confirm before a password was renewed here.
    expect((await cli(['destinations', 'done', '--name', 'Civil Net Finances — base 2026'])).status).toBe(2);

    const renewal = await cli(['set-password', '--password-stdin'], simulator.resetPassword(demoAccount.login));
    expect(renewal.status).toBe(0);
    expect(renewal.stdout).toContain('Civil Net Finances — base 2026 (manuelle) : À FAIRE');
    expect(renewal.stdout).toContain('Logiciel comptable (script) : EN ÉCHEC');
    expect(renewal.stdout).toContain('« base comptable fermée »');
    expect(received()).toEqual([]);

    const status = await cli(['status', '--json']);
    expect(status.json).toMatchObject({
      exchange: {
        passwordAccepted: true,
        allowPrograms: false,
        destinations: [{ state: 'todo' }, { state: 'failed' }],
      },
    });
    const check = await cli(['test', '--all', '--notify']);
    expect(check.status).toBe(0);
    expect(check.stdout).toContain(
      "Compte « Compte principal » : logiciel d'échanges non mis à jour — Civil Net Finances — base 2026 (à faire), Logiciel comptable (en échec).",
    );

    const failedPush = await cli(['push', '--json']);
    expect(failedPush.status).toBe(1);
    openDatabase();
    const push = await cli(['push']);
    expect(push.status).toBe(0);
    expect(push.stdout).toContain('Mot de passe transmis : 1 destination(s) à jour.');
    expect(received()).toEqual(['recu.json']);

    expect((await cli(['destinations', 'done', '--name', 'Civil Net Finances — base 2026'])).status).toBe(0);
    const list = await cli(['destinations', 'list']);
    expect(list.stdout).toMatch(/Civil Net Finances — base 2026 \(manuelle\) : à jour le \d{2}\/\d{2}\/\d{4}/);
    const quiet = await cli(['test', '--all', '--notify', '--json']);
    expect(quiet.json).not.toHaveProperty('exchange');
    expect((await cli(['destinations', 'remove', '--name', 'Civil Net Finances — base 2026'])).status).toBe(0);
    expect((await cli(['destinations', 'remove', '--name', 'Civil Net Finances — base 2026'])).status).toBe(2);
    // A dozen runs of the command line, each in its own process: generous on a loaded machine.
  }, 240_000);
});
