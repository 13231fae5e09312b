import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configureCommunes, fleetCommunes, fleetWorkstations, sharedFolder } from '../../test/support/fleet-fixture';
import { tempDir } from '../../test/support/temp-dirs';
import { createFleet } from './create-fleet';
import { nodeFleetFolder } from './fleet-folder';
import { onlyWhereNoFleetManages } from './fleet-push-rule';
import { inviteMember } from './invitations';
import { joinFleet } from './join-fleet';
import { openPublisher } from './publisher-keys';
import { publishFleet } from './publish-fleet';
import { syncFleets } from './sync-fleet';

const workstation = fleetWorkstations();
const target = { url: 'https://chorus.lavaur.example', tokenUrl: 'https://oauth.lavaur.example/token' };

describe('who pushes the password of an account a fleet manages (issue 33)', () => {
  it('the publisher, not the members that received it; an account of its own the member still pushes', async () => {
    const folder = sharedFolder();
    const publisher = workstation('editeur');
    await configureCommunes(publisher, target);
    const created = await createFleet(
      publisher.fleet(folder),
      join(tempDir('chorus-coffre-'), 'racine.age'),
      'la clé du coffre de la communauté de communes',
    );
    const member = workstation('membre');
    const { code } = await inviteMember(publisher.fleet(folder), await openPublisher(publisher.fleet(folder)));
    await joinFleet(member.fleet(folder), {
      fingerprint: created.fingerprint.replace(/-/g, ''),
      code: code.replace(/-/g, ''),
      machine: 'PC-membre',
      user: 'membre',
    });
    const lavaur = fleetCommunes[0].name;
    // Before the first publication the member manages its accounts itself.
    expect(await onlyWhereNoFleetManages(member.userDataDir)(lavaur)).toBe(true);

    await publishFleet(publisher.fleet(folder), { accounts: publisher.services.settings.accounts.list() });
    await syncFleets({
      ...member.fleet(''),
      workstation: member.services.workstation,
      openFolder: nodeFleetFolder,
      checkPassword: () => Promise.resolve('unknown'),
    });
    member.services.settings.accounts.add('Régie des eaux');

    expect(await onlyWhereNoFleetManages(member.userDataDir)(lavaur)).toBe(false);
    expect(await onlyWhereNoFleetManages(member.userDataDir)('Régie des eaux')).toBe(true);
    expect(await onlyWhereNoFleetManages(publisher.userDataDir)(lavaur)).toBe(true);
  });
});
