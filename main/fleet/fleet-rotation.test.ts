// Issue 31: the root's rotation (the publisher's PC died), a second publisher, and accounts
// readable only by the members they are assigned to — on real folders and the real keychain.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../failures/errors';
import { secretAccounts } from '../secrets/secret-store';
import {
  configureCommunes,
  fleetCommunes,
  fleetWorkstations,
  sharedFolder,
  type FleetWorkstation,
} from '../../test/support/fleet-fixture';
import { tempDir } from '../../test/support/temp-dirs';
import { assignAccount } from './assign-account';
import type { CheckPassword } from './conflict-rule';
import { createFleet } from './create-fleet';
import { nodeFleetFolder } from './fleet-folder';
import { publicationSchema, boxContentSchema } from './fleet-formats';
import { fleetEntries, readMemberKeys } from './fleet-keychain';
import { listMembers, removeMember } from './fleet-members';
import { inviteMember } from './invitations';
import { joinFleet } from './join-fleet';
import { publishFleet } from './publish-fleet';
import { openPublisher } from './publisher-keys';
import { rotateKey } from './rotate-key';
import { openSealed } from './sealed-box';
import { signedFile } from './signed-file';
import { syncFleets } from './sync-fleet';

const workstation = fleetWorkstations();
const target = { url: 'https://chorus.rance.example', tokenUrl: 'https://oauth.rance.example/token' };
const passphrase = 'le coffre de la communauté de communes de la Rance';
const noChorus: CheckPassword = () => Promise.resolve('unknown');
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'succeeded',
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );
const [lavaur, tremereuc, sivom] = fleetCommunes;

interface Fleet {
  readonly folder: string;
  readonly fingerprint: string;
  readonly rootKeyFile: string;
}

async function newFleet(publisher: FleetWorkstation): Promise<Fleet> {
  const folder = sharedFolder();
  await configureCommunes(publisher, target);
  const rootKeyFile = join(tempDir('chorus-coffre-'), 'racine.age');
  const created = await createFleet(publisher.fleet(folder), rootKeyFile, passphrase);
  return { folder, fingerprint: created.fingerprint.replace(/-/g, ''), rootKeyFile };
}

const publish = (publisher: FleetWorkstation, fleet: Fleet, options: { accept?: string } = {}) =>
  publishFleet(publisher.fleet(fleet.folder), { accounts: publisher.services.settings.accounts.list(), ...options });

const sync = async (member: FleetWorkstation) =>
  (
    await syncFleets({
      ...member.fleet(''),
      workstation: member.services.workstation,
      openFolder: nodeFleetFolder,
      checkPassword: noChorus,
    })
  )[0];

async function joinWithCode(publisher: FleetWorkstation, fleet: Fleet, label: string) {
  const member = workstation(label);
  const publisherFleet = publisher.fleet(fleet.folder);
  const { code } = await inviteMember(publisherFleet, await openPublisher(publisherFleet));
  const joined = await joinFleet(member.fleet(fleet.folder), {
    fingerprint: fleet.fingerprint,
    code: code.replace(/-/g, ''),
    machine: `PC-${label}`,
    user: label,
  });
  return { member, id: joined.memberId };
}

const rotate = (station: FleetWorkstation, fleet: Fleet, addPublisher = false) =>
  rotateKey(
    station.fleet(fleet.folder),
    { rootKeyFileText: readFileSync(fleet.rootKeyFile, 'utf8'), passphrase, addPublisher },
    (content) => station.services.applyFleetAccounts(content),
  );

const passwordOf = (station: FleetWorkstation, login: string) =>
  station.services.secrets.get(secretAccounts.technicalPassword(target.url, login));
const accountNames = (station: FleetWorkstation) =>
  station.services.settings.accounts.list().map((account) => account.name);
const publicationFile = (fleet: Fleet, revision: number) =>
  join(fleet.folder, 'publications', `publication-${revision}`);
const publicationAt = (fleet: Fleet, revision: number) =>
  publicationSchema.parse(
    JSON.parse(
      Buffer.from(
        (JSON.parse(readFileSync(publicationFile(fleet, revision), 'utf8')) as { payload: string }).payload,
        'base64',
      ).toString('utf8'),
    ),
  );

describe('accounts per member (fleet assign)', () => {
  it('puts an account only in the box of the members it is assigned to: another member cannot read it, even with the whole file', async () => {
    const publisher = workstation('editeur');
    const fleet = await newFleet(publisher);
    const lavaurPc = await joinWithCode(publisher, fleet, 'lavaur');
    const tremereucPc = await joinWithCode(publisher, fleet, 'tremereuc');
    await publish(publisher, fleet);
    await assignAccount(
      publisher.fleet(fleet.folder),
      { account: lavaur.name, members: [lavaurPc.id] },
      publisher.services.settings.accounts.list(),
    );
    const assigned = await assignAccount(
      publisher.fleet(fleet.folder),
      { account: tremereuc.name, members: [tremereucPc.id] },
      publisher.services.settings.accounts.list(),
    );
    expect(assigned.losing).toEqual([lavaurPc.id]);
    const published = await publish(publisher, fleet);
    expect(published).toMatchObject({ revision: 2, members: 2, boxes: 2 });

    expect((await sync(lavaurPc.member))?.outcome).toMatchObject({
      kind: 'applied',
      revision: 2,
      accounts: [lavaur.name, sivom.name],
    });
    expect((await sync(tremereucPc.member))?.outcome).toMatchObject({
      kind: 'applied',
      revision: 2,
      accounts: [tremereuc.name, sivom.name],
    });

    // Tréméreuc's workstation tries every box of the file with its own key: it opens only its own, which holds no Lavaur.
    const keys = await readMemberKeys(tremereucPc.member.services.secrets, fleet.fingerprint);
    const opened = await Promise.all(
      publicationAt(fleet, 2).boxes.map(async (box) =>
        boxContentSchema.safeParse(await openSealed(box.sealed, keys?.identity ?? '')),
      ),
    );
    const readable = opened.flatMap((result) =>
      result.success ? [result.data.accounts.map((account) => account.name)] : [],
    );
    expect(readable).toEqual([[tremereuc.name, sivom.name]]);
    expect(JSON.stringify(publicationAt(fleet, 2))).not.toContain(lavaur.password);

    // The listing says who gets what; giving an account back to everyone.
    expect((await listMembers(publisher.fleet(fleet.folder))).assignments).toEqual([
      { account: lavaur.name, members: [lavaurPc.id] },
      { account: tremereuc.name, members: [tremereucPc.id] },
    ]);
    await assignAccount(
      publisher.fleet(fleet.folder),
      { account: lavaur.name, members: null },
      publisher.services.settings.accounts.list(),
    );
    await publish(publisher, fleet);
    expect((await sync(tremereucPc.member))?.outcome).toMatchObject({
      kind: 'applied',
      revision: 3,
      accounts: [lavaur.name, tremereuc.name, sivom.name],
    });
  });

  it('refuses an unknown account, an unknown or removed member, changing nothing', async () => {
    const publisher = workstation('editeur');
    const fleet = await newFleet(publisher);
    const kept = await joinWithCode(publisher, fleet, 'garde');
    const gone = await joinWithCode(publisher, fleet, 'parti');
    await publish(publisher, fleet);
    await removeMember(publisher.fleet(fleet.folder), gone.id, publisher.services.settings.accounts.list());
    const accounts = publisher.services.settings.accounts.list();
    expect(
      await codeOf(
        assignAccount(publisher.fleet(fleet.folder), { account: 'Commune inconnue', members: [kept.id] }, accounts),
      ),
    ).toBe('INVALID_INPUT');
    expect(
      await codeOf(
        assignAccount(publisher.fleet(fleet.folder), { account: lavaur.name, members: ['ZZZZZZZZZZZZZZZZ'] }, accounts),
      ),
    ).toBe('INVALID_INPUT');
    expect(
      await codeOf(
        assignAccount(publisher.fleet(fleet.folder), { account: lavaur.name, members: [gone.id] }, accounts),
      ),
    ).toBe('INVALID_INPUT');
    expect((await listMembers(publisher.fleet(fleet.folder))).assignments).toEqual([]);
  });
});

describe('the root key’s rotation', () => {
  it('after the publisher’s PC died: a new PC with the root file takes the members, assignments and accounts; members accept its next publication without joining again; the old key is refused', async () => {
    const old = workstation('ancien-editeur');
    const fleet = await newFleet(old);
    const first = await joinWithCode(old, fleet, 'premier');
    const second = await joinWithCode(old, fleet, 'second');
    await assignAccount(
      old.fleet(fleet.folder),
      { account: sivom.name, members: [first.id] },
      old.services.settings.accounts.list(),
    );
    await publish(old, fleet);
    expect((await sync(first.member))?.outcome).toMatchObject({ kind: 'applied', revision: 1 });
    expect((await sync(second.member))?.outcome).toMatchObject({
      kind: 'applied',
      revision: 1,
      accounts: [lavaur.name, tremereuc.name],
    });
    const oldWorkingKey = await old.services.secrets.get(fleetEntries.workingKey(fleet.fingerprint));

    // The PC is gone: a new one, with nothing but the root file and its passphrase.
    const replacement = workstation('nouvel-editeur');
    expect(await codeOf(rotate(replacement, fleet))).toBe('succeeded');
    expect(accountNames(replacement)).toEqual(fleetCommunes.map((commune) => commune.name));
    expect(await passwordOf(replacement, lavaur.login)).toBe(lavaur.password);
    expect((await listMembers(replacement.fleet(fleet.folder))).assignments).toEqual([
      { account: sivom.name, members: [first.id] },
    ]);
    expect(await codeOf(publish(old, fleet))).toBe('FLEET_NOT_PUBLISHER');

    // A renewal published from the new PC: the members follow, with no rejoining, and by the digest
    // (Chorus Pro is not even asked: noChorus would leave a disagreement undecided).
    await replacement.services.secrets.set(
      secretAccounts.technicalPassword(target.url, lavaur.login),
      'Apres-La-Rotation-2027',
    );
    expect((await publish(replacement, fleet)).revision).toBe(2);
    expect((await sync(first.member))?.outcome).toMatchObject({
      kind: 'applied',
      revision: 2,
      received: [lavaur.name],
      conflicts: [],
    });
    expect((await sync(second.member))?.outcome).toMatchObject({
      kind: 'applied',
      revision: 2,
      accounts: [lavaur.name, tremereuc.name],
    });
    expect(await passwordOf(second.member, lavaur.login)).toBe('Apres-La-Rotation-2027');
    expect(accountNames(second.member)).not.toContain(sivom.name);

    // Whoever kept the old working key can no longer make members accept anything.
    const genuine = JSON.parse(
      Buffer.from(
        (JSON.parse(readFileSync(publicationFile(fleet, 2), 'utf8')) as { payload: string }).payload,
        'base64',
      ).toString('utf8'),
    ) as Record<string, unknown>;
    const { keyId, publicKeyOf } = await import('./signing-keys');
    writeFileSync(
      publicationFile(fleet, 3),
      signedFile('publication', keyId(publicKeyOf(oldWorkingKey ?? '')), oldWorkingKey ?? '', {
        ...genuine,
        revision: 3,
      }),
    );
    const after = await sync(first.member);
    expect(after?.outcome).toMatchObject({ kind: 'nothing-new', revision: 2 });
    expect(after?.ignored.toJson().reasons).toMatchObject({ 'unknown-signer': 1 });
  });

  it('refuses a wrong passphrase, another fleet’s root file, and an add from a workstation that already publishes, writing no certificate', async () => {
    const publisher = workstation('editeur');
    const fleet = await newFleet(publisher);
    const other = await newFleet(workstation('autre-editeur'));
    const station = workstation('essai');
    const certificates = () => readFileSync(join(fleet.folder, 'certificats', 'certificat-1'), 'utf8');
    const before = certificates();
    expect(
      await codeOf(
        rotateKey(station.fleet(fleet.folder), {
          rootKeyFileText: readFileSync(fleet.rootKeyFile, 'utf8'),
          passphrase: 'pas la bonne phrase secrète',
          addPublisher: false,
        }),
      ),
    ).toBe('INVALID_INPUT');
    expect(
      await codeOf(
        rotateKey(station.fleet(fleet.folder), {
          rootKeyFileText: readFileSync(other.rootKeyFile, 'utf8'),
          passphrase,
          addPublisher: false,
        }),
      ),
    ).toBe('FLEET_FINGERPRINT_MISMATCH');
    expect(await codeOf(rotate(publisher, fleet, true))).toBe('INVALID_INPUT');
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(join(fleet.folder, 'certificats'))).toEqual(['certificat-1']);
    expect(certificates()).toBe(before);
    expect(await station.services.secrets.get(fleetEntries.workingKey(fleet.fingerprint))).toBeUndefined();
  });
});

describe('a second publisher', () => {
  it('is certified beside the first; each publishes in turn from the other’s members and assignments, and members follow both', async () => {
    const first = workstation('editeur-1');
    const fleet = await newFleet(first);
    const a = await joinWithCode(first, fleet, 'a');
    await assignAccount(
      first.fleet(fleet.folder),
      { account: sivom.name, members: [a.id] },
      first.services.settings.accounts.list(),
    );
    await publish(first, fleet);
    await sync(a.member);

    const second = workstation('editeur-2');
    const added = await rotate(second, fleet, true);
    expect(added).toMatchObject({ sequence: 2, publishers: 2, revoked: [], members: 1 });
    expect(accountNames(second)).toEqual(fleetCommunes.map((commune) => commune.name));

    // The second accepts a newcomer by its phrase and publishes; the first, publishing next, keeps it and the assignment.
    const b = workstation('b');
    const joined = await joinFleet(b.fleet(fleet.folder), {
      fingerprint: fleet.fingerprint,
      machine: 'PC-B',
      user: 'b',
    });
    expect(await publish(second, fleet, { accept: joined.memberId })).toMatchObject({ revision: 2, members: 2 });
    await second.services.secrets.set(
      secretAccounts.technicalPassword(target.url, tremereuc.login),
      'Renouvele-Par-Le-Second-2027',
    );
    // The first has not renewed: it publishes what it has, and the members' conflict rule keeps the one Chorus Pro accepts.
    await first.services.secrets.set(
      secretAccounts.technicalPassword(target.url, tremereuc.login),
      'Renouvele-Par-Le-Second-2027',
    );
    expect(await publish(first, fleet)).toMatchObject({ revision: 3, members: 2 });
    expect((await listMembers(first.fleet(fleet.folder))).members.map((member) => [member.id, member.state])).toEqual(
      expect.arrayContaining([
        [a.id, 'accepted'],
        [joined.memberId, 'accepted'],
      ]),
    );
    expect((await sync(b))?.outcome).toMatchObject({
      kind: 'applied',
      revision: 3,
      accounts: [lavaur.name, tremereuc.name],
    });
    expect((await sync(a.member))?.outcome).toMatchObject({
      kind: 'applied',
      revision: 3,
      accounts: [lavaur.name, tremereuc.name, sivom.name],
    });
    expect(await passwordOf(a.member, tremereuc.login)).toBe('Renouvele-Par-Le-Second-2027');

    // A removal by one is kept by the other.
    await removeMember(second.fleet(fleet.folder), joined.memberId, second.services.settings.accounts.list());
    await publish(second, fleet);
    await publish(first, fleet);
    expect((await sync(b))?.outcome).toMatchObject({ kind: 'removed' });
  });
});
