import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFixture } from '../../e2e/simulator/fixture';
import { startSimulator, type Simulator } from '../../e2e/simulator/simulator';
import { configuredServices, demoAccount, type CoreExtras, type CoreFixture } from '../../test/support/core-fixture';
import { serverKeys, type ServerKeys } from '../../test/support/server-keys';
import { tempDir } from '../../test/support/temp-dirs';
import { systemClock } from '../dates/clock';
import { policyFileReader } from './policy-source';

// The renewal as the accountant does it, against the simulator (its own for each test: a reset
// changes its demo password), with a machine policy that has a script, a server and a manual
// line. Tests run as root (CI): the files they write are an administrator's.
const opened: { simulator: Simulator; fixture: CoreFixture }[] = [];
afterEach(async () => {
  for (const { simulator, fixture } of opened.splice(0)) {
    await fixture.dispose();
    await simulator.close();
  }
});

interface Machine {
  readonly policyFile: string;
  /** What the script wrote: its standard input, one file per run. */
  readonly received: () => string[];
  readonly serverFolder: string;
  readonly server: ServerKeys;
  /** Present: the script succeeds; absent: it fails, as a finance database that is closed. */
  readonly databaseOpen: string;
}

function machine(options: { failing?: boolean } = {}): Machine {
  const root = tempDir('chorus-push-');
  const programs = join(root, 'programmes');
  const inbox = join(root, 'recus');
  const serverFolder = join(root, 'depot-serveur');
  for (const folder of [programs, inbox, serverFolder]) mkdirSync(folder, { mode: 0o755 });
  const databaseOpen = join(root, 'base-ouverte');
  if (!options.failing) writeFileSync(databaseOpen, '');
  const script = join(programs, 'pousser-compta');
  writeFileSync(
    script,
    `#!/bin/sh\nif [ ! -f "$2" ]; then echo "base comptable fermée" >&2; exit 1; fi\ncat > "$1/$(date +%s%N).json"\n`,
    { mode: 0o755 },
  );
  const server = serverKeys({ folder: root });
  const policyFile = join(root, 'policy.json');
  writeFileSync(
    policyFile,
    JSON.stringify({
      formatVersion: 1,
      destinations: [
        { name: 'Logiciel comptable', kind: 'script', command: script, args: [inbox, databaseOpen] },
        { name: 'Tiers de télétransmission', kind: 'server', certificate: server.certificate, folder: serverFolder },
      ],
    }),
  );
  const received = () =>
    readdirSync(inbox)
      .sort()
      .map((file) => readFileSync(join(inbox, file), 'latin1'));
  return { policyFile, received, serverFolder, server, databaseOpen };
}

async function open(policy: Machine, extras: CoreExtras = {}) {
  const simulator = await startSimulator({ fixture: loadFixture() });
  const fixture = await configuredServices(simulator, {
    clock: systemClock,
    extras: { machinePolicy: policyFileReader(policy.policyFile), ...extras },
  });
  opened.push({ simulator, fixture });
  return { simulator, fixture, services: fixture.services };
}

const runningAsRoot = process.getuid?.() === 0;

describe.runIf(runningAsRoot)('the exchange software follows the renewal', () => {
  it('after a renewal Chorus Pro accepted: the script gets the ASCII JSON, the server file decrypts into it, the manual line is to do until confirmed', async () => {
    const policy = machine();
    const { simulator, services } = await open(policy);
    await services.exchange.addManual('Civil Net Finances — base 2026');
    const newPassword = simulator.resetPassword(demoAccount.login);

    const renewal = await services.renewPassword({
      password: newPassword,
      verify: true,
      surroundingSpacesConfirmed: false,
    });
    const changeId = services.settings.read().exchange?.changeId ?? '';
    expect(renewal.exchange?.destinations.map((destination) => [destination.name, destination.state])).toEqual([
      ['Civil Net Finances — base 2026', 'todo'],
      ['Logiciel comptable', 'done'],
      ['Tiers de télétransmission', 'done'],
    ]);
    const [stdin] = policy.received();
    expect([...Buffer.from(stdin ?? '', 'latin1')].every((byte) => byte < 0x7f)).toBe(true);
    expect(JSON.parse(stdin ?? '{}')).toMatchObject({
      schemaVersion: 1,
      changeId,
      account: 'Compte principal',
      login: demoAccount.login,
      password: newPassword,
      apiBaseUrl: simulator.url,
      tokenUrl: simulator.tokenUrl,
    });
    expect(JSON.parse(stdin ?? '{}')).not.toHaveProperty('clientSecret');
    const cms = join(policy.serverFolder, `${changeId}.cms`);
    const clear = policy.server.decrypt(cms);
    expect(clear).toBe((stdin ?? '').trimEnd());

    const confirmed = await services.exchange.confirmManual('Civil Net Finances — base 2026');
    expect(confirmed.destinations[0]).toMatchObject({ state: 'done' });
    // The next password is a new change: everything is to be made again.
    const next = simulator.resetPassword(demoAccount.login);
    const again = await services.renewPassword({ password: next, verify: true, surroundingSpacesConfirmed: false });
    expect(services.settings.read().exchange?.changeId).not.toBe(changeId);
    expect(again.exchange?.destinations[0]).toMatchObject({ state: 'todo' });
    expect(policy.received()).toHaveLength(2);
  });

  it('an unverified save pushes nothing; the first successful test pushes', async () => {
    const policy = machine();
    const { simulator, services } = await open(policy);
    const newPassword = simulator.resetPassword(demoAccount.login);
    const saved = await services.renewPassword({
      password: newPassword,
      verify: false,
      surroundingSpacesConfirmed: false,
    });
    expect(saved.exchange).toBeUndefined();
    expect(policy.received()).toEqual([]);
    expect((await services.exchange.view()).destinations.every((destination) => destination.state === 'waiting')).toBe(
      true,
    );
    await expect(services.exchange.retry()).rejects.toMatchObject({ code: 'PASSWORD_NOT_VERIFIED' });

    const tested = await services.connection.testConnection(services.settings.read());
    expect(tested.exchange?.destinations.map((destination) => destination.state)).toEqual(['done', 'done']);
    expect(JSON.parse(policy.received()[0] ?? '{}')).toMatchObject({ password: newPassword });
    // Only the first success pushes.
    const second = await services.connection.testConnection(services.settings.read());
    expect(second.exchange).toBeUndefined();
    expect(policy.received()).toHaveLength(1);
  });

  it('a failing script is reported with its reason, and push retries it alone', async () => {
    const policy = machine({ failing: true });
    const { simulator, services } = await open(policy);
    const newPassword = simulator.resetPassword(demoAccount.login);
    const renewal = await services.renewPassword({
      password: newPassword,
      verify: true,
      surroundingSpacesConfirmed: false,
    });
    expect(renewal.stored).toBe(true);
    expect(renewal.exchange?.destinations[0]).toMatchObject({
      name: 'Logiciel comptable',
      state: 'failed',
      message: expect.stringContaining('« base comptable fermée »') as string,
    });
    const cmsFiles = readdirSync(policy.serverFolder);
    expect(cmsFiles).toHaveLength(1);

    writeFileSync(policy.databaseOpen, '');
    const retried = await services.exchange.retry();
    expect(retried.destinations.map((destination) => destination.state)).toEqual(['done', 'done']);
    expect(JSON.parse(policy.received()[0] ?? '{}')).toMatchObject({ password: newPassword });
    expect(readdirSync(policy.serverFolder)).toEqual(cmsFiles);
  });

  it('for an account another workstation pushes (a fleet member), nothing is pushed from here', async () => {
    const policy = machine();
    const { simulator, services } = await open(policy, { shouldPush: () => false });
    const renewal = await services.renewPassword({
      password: simulator.resetPassword(demoAccount.login),
      verify: true,
      surroundingSpacesConfirmed: false,
    });
    expect(renewal.exchange?.pushedElsewhere).toBe(true);
    expect(policy.received()).toEqual([]);
    expect(readdirSync(policy.serverFolder)).toEqual([]);
  });

  it('a policy that cannot be trusted never fails the renewal: it is said, and push refuses with the reason', async () => {
    const policy = machine();
    const { simulator, services } = await open(policy);
    execFileSync('chmod', ['o+w', policy.policyFile]);
    const renewal = await services.renewPassword({
      password: simulator.resetPassword(demoAccount.login),
      verify: true,
      surroundingSpacesConfirmed: false,
    });
    expect(renewal.stored).toBe(true);
    expect(renewal.exchange?.policyRefusal).toContain("modifiable par d'autres utilisateurs");
    expect(policy.received()).toEqual([]);
    await expect(services.exchange.retry()).rejects.toMatchObject({ code: 'POLICY_REFUSED' });
  });

  it("forget removes the account's checklist, results, permission and cached PISTE token", async () => {
    const policy = machine();
    const { simulator, fixture, services } = await open(policy);
    await services.exchange.addManual('Civil Net Finances');
    await services.exchange.setAllowPrograms(true);
    await services.renewPassword({
      password: simulator.resetPassword(demoAccount.login),
      verify: true,
      surroundingSpacesConfirmed: false,
    });
    await services.handoff.headers({ minValiditySeconds: 240, newToken: false });
    const tokenEntries = async () =>
      ((await fixture.secrets.list?.()) ?? []).filter((entry) => entry.startsWith('jeton-piste|'));
    expect(await tokenEntries()).toHaveLength(1);

    expect(await services.forgetExchange('Compte principal')).toEqual({ tokensRemoved: 1 });
    const { exchange, manualDestinations, allowPrograms } = services.settings.read();
    expect({ exchange, manualDestinations, allowPrograms }).toEqual({
      exchange: undefined,
      manualDestinations: undefined,
      allowPrograms: undefined,
    });
    expect(await tokenEntries()).toEqual([]);
    expect(existsSync(fixture.userDataDir)).toBe(true);
  });
});
