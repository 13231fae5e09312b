import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFixture } from '../../e2e/simulator/fixture';
import { startSimulator, type Simulator } from '../../e2e/simulator/simulator';
import { secretAccounts } from '../secrets/secret-store';
import {
  configureCommunes,
  fleetCommunes,
  fleetWorkstations,
  sharedFolder,
  type FleetWorkstation,
} from '../../test/support/fleet-fixture';
import { tempDir } from '../../test/support/temp-dirs';
import { createFleet } from './create-fleet';
import { inviteMember } from './invitations';
import { joinFleet } from './join-fleet';
import { readMemberships } from './local-records';
import { openPublisher } from './publisher-keys';
import { publishFleet } from './publish-fleet';

// Conflicts are decided by the digest of the replaced password, and when neither side is the
// other's predecessor, by Chorus Pro itself (here, the project's simulator).
const workstation = fleetWorkstations();
const simulators: Simulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((simulator) => simulator.close()));
});

async function fleetOnSimulator() {
  const simulator = await startSimulator({ fixture: loadFixture() });
  simulators.push(simulator);
  const folder = sharedFolder();
  const publisher = workstation('editeur');
  await configureCommunes(publisher, simulator);
  const { fingerprint } = await createFleet(
    publisher.fleet(folder),
    join(tempDir('chorus-coffre-'), 'racine.age'),
    'la clé du coffre de la communauté de communes',
  );
  const member = workstation('membre');
  const { code } = await inviteMember(publisher.fleet(folder), await openPublisher(publisher.fleet(folder)));
  await joinFleet(member.fleet(folder), {
    fingerprint: fingerprint.replace(/-/g, ''),
    code: code.replace(/-/g, ''),
    machine: 'PC',
    user: 'u',
  });
  const publish = () =>
    publishFleet(publisher.fleet(folder), { accounts: publisher.services.settings.accounts.list() });
  return { simulator, publisher, member, publish };
}

const demo = fleetCommunes[0];
const entryOf = (simulator: Simulator) => secretAccounts.technicalPassword(simulator.url, demo.login);
const setPassword = (station: FleetWorkstation, simulator: Simulator, password: string) =>
  station.services.secrets.set(entryOf(simulator), password);

describe('a password renewed on the member and another published', () => {
  it('keeps the one Chorus Pro accepts: the member renewed it here after a reset, the fleet still has the old one', async () => {
    const { simulator, publisher, member, publish } = await fleetOnSimulator();
    await publish();
    await member.services.syncFleets();
    // The gestionnaire principal reset it; the accountant typed the new one on this workstation.
    const renewedHere = simulator.resetPassword(demo.login);
    await setPassword(member, simulator, renewedHere);
    // Another account's change makes the fleet publish again, with its old password for this one.
    await publisher.services.secrets.set(
      secretAccounts.technicalPassword(simulator.url, fleetCommunes[1].login),
      'Autre-Changement-2027',
    );
    await publish();
    const [result] = await member.services.syncFleets();
    expect(result?.outcome).toMatchObject({
      kind: 'applied',
      revision: 2,
      conflicts: [{ account: demo.name, kept: 'local' }],
    });
    expect(await member.services.secrets.get(entryOf(simulator))).toBe(renewedHere);
    expect(readMemberships(member.userDataDir)[0]?.disagreements).toMatchObject([
      { account: demo.name, revision: 2, kept: 'local' },
    ]);
    await expect(
      member.services
        .withAccount(demo.name)
        .connection.testConnection(member.services.settings.forAccount(demo.name).read()),
    ).resolves.toMatchObject({ structureCount: 3 });
  });

  it("takes the published one when Chorus Pro refuses the member's and accepts the fleet's", async () => {
    const { simulator, publisher, member, publish } = await fleetOnSimulator();
    await publish();
    await member.services.syncFleets();
    await setPassword(member, simulator, 'tape-de-travers');
    await publisher.services.secrets.set(
      secretAccounts.technicalPassword(simulator.url, fleetCommunes[1].login),
      'Autre-Changement-2027',
    );
    await publish();
    const [result] = await member.services.syncFleets();
    expect(result?.outcome).toMatchObject({ kind: 'applied', conflicts: [{ account: demo.name, kept: 'published' }] });
    expect(await member.services.secrets.get(entryOf(simulator))).toBe(demo.password);
  });

  it('replaces, without asking Chorus Pro, a local password the publication says it replaces', async () => {
    const { simulator, publisher, member, publish } = await fleetOnSimulator();
    await publish();
    await member.services.syncFleets();
    const renewed = simulator.resetPassword(demo.login);
    await setPassword(publisher, simulator, renewed);
    await publish();
    const checksBefore = simulator.passwordChecks.get(demo.login) ?? 0;
    const [result] = await member.services.syncFleets();
    expect(result?.outcome).toMatchObject({ kind: 'applied', received: [demo.name], conflicts: [] });
    expect(await member.services.secrets.get(entryOf(simulator))).toBe(renewed);
    expect(simulator.passwordChecks.get(demo.login) ?? 0).toBe(checksBefore);
  });
});
