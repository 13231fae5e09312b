import { copyFileSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../failures/errors';
import { secretAccounts } from '../secrets/secret-store';
import { fixedClock } from '../../test/support/settings-fixture';
import {
  configureCommunes,
  fleetCommunes,
  fleetWorkstations,
  sharedFolder,
  type FleetWorkstation,
} from '../../test/support/fleet-fixture';
import { tempDir } from '../../test/support/temp-dirs';
import { createFleet } from './create-fleet';
import { listMembers, removeMember } from './fleet-members';
import { fleetEntries, readMemberKeys, readMemberState } from './fleet-keychain';
import { forgetFleetMembership } from './local-records';
import { inviteMember } from './invitations';
import { joinFleet, type Joined } from './join-fleet';
import { publishFleet } from './publish-fleet';
import { openRootKey, openSealed, recipientOf, sealTo } from './sealed-box';
import { openPublisher } from './publisher-keys';
import { signedFile } from './signed-file';
import { generateSigningKey } from './signing-keys';
import type { CheckPassword } from './conflict-rule';
import { syncFleets } from './sync-fleet';
import { nodeFleetFolder } from './fleet-folder';
import { phraseWords } from './phrase-words';

const workstation = fleetWorkstations();
const target = { url: 'https://chorus.lavaur.example', tokenUrl: 'https://oauth.lavaur.example/token' };
const passphrase = 'la clé du coffre de la communauté de communes';
const noChorus: CheckPassword = () => Promise.resolve('unknown');
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'succeeded',
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );

interface Fleet {
  readonly folder: string;
  readonly fingerprint: string;
  readonly publisher: FleetWorkstation;
  readonly rootKeyFile: string;
}

async function newFleet(): Promise<Fleet> {
  const folder = sharedFolder();
  const publisher = workstation('editeur');
  await configureCommunes(publisher, target);
  const rootKeyFile = join(tempDir('chorus-coffre-'), 'racine.age');
  const created = await createFleet(publisher.fleet(folder), rootKeyFile, passphrase);
  return { folder, fingerprint: created.fingerprint.replace(/-/g, ''), publisher, rootKeyFile };
}

const sync = (member: FleetWorkstation, checkPassword: CheckPassword = noChorus) =>
  syncFleets({
    ...member.fleet(''),
    workstation: member.services.workstation,
    openFolder: nodeFleetFolder,
    checkPassword,
  });

const publish = (fleet: Fleet, options: { accept?: string; name?: string } = {}) =>
  publishFleet(fleet.publisher.fleet(fleet.folder), {
    accounts: fleet.publisher.services.settings.accounts.list(),
    ...options,
  });

async function joinWithCode(fleet: Fleet, label: string): Promise<{ member: FleetWorkstation; joined: Joined }> {
  const member = workstation(label);
  const { code } = await inviteMember(
    fleet.publisher.fleet(fleet.folder),
    await import('./publisher-keys').then(({ openPublisher }) => openPublisher(fleet.publisher.fleet(fleet.folder))),
  );
  const joined = await joinFleet(member.fleet(fleet.folder), {
    fingerprint: fleet.fingerprint,
    code: code.replace(/-/g, ''),
    machine: `PC-${label}`,
    user: label,
  });
  return { member, joined };
}

interface EnvelopeJson {
  readonly signer: string;
  readonly payload: string;
}
const envelopeAt = (path: string): EnvelopeJson => JSON.parse(readFileSync(path, 'utf8')) as EnvelopeJson;
const payloadAt = (path: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(envelopeAt(path).payload, 'base64').toString()) as Record<string, unknown>;

const passwordOf = (station: FleetWorkstation, login: string) =>
  station.services.secrets.get(secretAccounts.technicalPassword(target.url, login));

async function renewOnPublisher(fleet: Fleet, commune: number, password: string): Promise<void> {
  const { login } = fleetCommunes[commune] ?? fleetCommunes[0];
  await fleet.publisher.services.secrets.set(secretAccounts.technicalPassword(target.url, login), password);
}

describe('a fleet of workstations', () => {
  it('makes a root whose passphrase file opens again, and a fingerprint of 20 characters in groups of four', async () => {
    const fleet = await newFleet();
    expect(fleet.fingerprint).toMatch(/^[0-9A-HJKMNP-TV-Z]{20}$/);
    const root = await openRootKey(readFileSync(fleet.rootKeyFile, 'utf8'), passphrase);
    expect(root.fleet).toBe(fleet.fingerprint);
    await expect(openRootKey(readFileSync(fleet.rootKeyFile, 'utf8'), 'pas la bonne phrase secrète')).rejects.toThrow(
      /phrase secrète incorrecte/,
    );
    // The private keys are in the keychain, not in the folder nor the user-data folder.
    expect(await fleet.publisher.services.secrets.get(fleetEntries.workingKey(root.fleet))).toBeDefined();
    expect(readdirSync(join(fleet.folder, 'certificats'))).toEqual(['certificat-1']);
    expect(
      await codeOf(createFleet(fleet.publisher.fleet(fleet.folder), join(tempDir(), 'autre.age'), passphrase)),
    ).toBe('INVALID_INPUT');
  });

  it('brings three members, each with its own folder and keychain, every account; a renewal published once reaches all three', async () => {
    const fleet = await newFleet();
    const members = [];
    for (const label of ['a', 'b', 'c']) members.push(await joinWithCode(fleet, label));
    for (const { joined } of members) {
      expect(joined.acceptance).toBe('code');
      expect(joined.memberId).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
      expect(joined.phrase.split(' ').every((word) => phraseWords.includes(word))).toBe(true);
    }
    const first = await publish(fleet);
    expect(first).toMatchObject({ revision: 1, members: 3, accounts: 3 });
    for (const { member } of members) {
      const [result] = await sync(member);
      expect(result?.outcome).toMatchObject({ kind: 'applied', revision: 1 });
      expect(member.services.settings.accounts.list().map((account) => account.name)).toEqual(
        fleetCommunes.map((commune) => commune.name),
      );
      expect(await passwordOf(member, fleetCommunes[0].login)).toBe(fleetCommunes[0].password);
      expect(member.services.settings.forAccount(fleetCommunes[0].name).read().passwordVerified).toBe(false);
    }
    // The folder holds nothing in clear: no password, no account name.
    const published = readFileSync(join(fleet.folder, 'publications', 'publication-1'), 'utf8');
    expect(published).not.toContain(fleetCommunes[0].password);
    expect(JSON.stringify(payloadAt(join(fleet.folder, 'publications', 'publication-1')))).not.toContain('Lavaur');

    await renewOnPublisher(fleet, 2, 'Nouveau-Mot-De-Passe-2027');
    expect((await publish(fleet)).revision).toBe(2);
    for (const { member } of members) {
      expect((await sync(member))[0]?.outcome).toMatchObject({
        kind: 'applied',
        revision: 2,
        received: [fleetCommunes[2].name],
      });
      expect(await passwordOf(member, fleetCommunes[2].login)).toBe('Nouveau-Mot-De-Passe-2027');
      expect((await sync(member))[0]?.outcome).toMatchObject({ kind: 'nothing-new', revision: 2 });
    }
  });

  it("carries the publisher's choice for its authority: limited to custom addresses stays limited on the member, serving PISTE too stays so", async () => {
    const fleet = await newFleet();
    const { member } = await joinWithCode(fleet, 'a');
    const caPath = join(tempDir('chorus-autorite-'), 'autorite.pem');
    copyFileSync(join('test', 'fixtures', '0.2.0-machine-profile-ca', 'autorite-profil-c0b3932689a077ac.pem'), caPath);
    const [limited, serving] = [fleetCommunes[0].name, fleetCommunes[1].name];
    fleet.publisher.services.settings
      .forAccount(limited)
      .update({ caCertificatePath: caPath, caForOfficialHosts: false });
    fleet.publisher.services.settings.forAccount(serving).update({ caCertificatePath: caPath });
    await publish(fleet);
    expect((await sync(member))[0]?.outcome).toMatchObject({ kind: 'applied', revision: 1 });
    const limitedOnMember = member.services.settings.forAccount(limited).read();
    const servingOnMember = member.services.settings.forAccount(serving).read();
    expect(limitedOnMember.caCertificatePath).toContain(member.userDataDir);
    expect(limitedOnMember.caForCustomHostsOnly).toBe(true);
    expect(servingOnMember.caCertificatePath).toContain(member.userDataDir);
    expect(servingOnMember.caForCustomHostsOnly).toBeUndefined();
  });

  it('ignores a publication signed by another key, a tampered byte and a planted publication-99999: the member keeps what it had', async () => {
    const fleet = await newFleet();
    const { member } = await joinWithCode(fleet, 'm');
    await publish(fleet);
    await sync(member);
    const published = join(fleet.folder, 'publications');
    // Signed by a key the root never certified, with every field right.
    const genuine = envelopeAt(join(published, 'publication-1'));
    const forged = payloadAt(join(published, 'publication-1'));
    writeFileSync(
      join(published, 'publication-2'),
      signedFile('publication', genuine.signer, generateSigningKey().privateKey, { ...forged, revision: 2 }),
    );
    // One byte of the genuine file changed, under the next name.
    const bytes = readFileSync(join(published, 'publication-1'));
    bytes[200] = bytes[200] === 65 ? 66 : 65;
    writeFileSync(join(published, 'publication-3'), bytes);
    writeFileSync(join(published, 'publication-99999'), 'rien de valable');
    const [result] = await sync(member);
    expect(result?.outcome).toMatchObject({ kind: 'nothing-new', revision: 1 });
    expect(result?.ignored.total).toBe(3);
    expect(result?.ignored.line()).toMatch(/^3 fichier\(s\) du dossier partagé ignoré\(s\)/);
    expect(await passwordOf(member, fleetCommunes[0].login)).toBe(fleetCommunes[0].password);
    // The publisher skips the names taken and goes on: the member follows.
    await renewOnPublisher(fleet, 0, 'Apres-Les-Faux-2027');
    expect((await publish(fleet)).revision).toBe(4);
    expect((await sync(member))[0]?.outcome).toMatchObject({ kind: 'applied', revision: 4 });
    expect(await passwordOf(member, fleetCommunes[0].login)).toBe('Apres-Les-Faux-2027');
  });

  it('refuses an older revision put back: the last applied is kept beside the member key', async () => {
    const fleet = await newFleet();
    const { member } = await joinWithCode(fleet, 'r');
    await publish(fleet);
    const copy = join(tempDir(), 'publication-1');
    copyFileSync(join(fleet.folder, 'publications', 'publication-1'), copy);
    await renewOnPublisher(fleet, 0, 'Revision-Deux-2027');
    await publish(fleet);
    await sync(member);
    expect(await passwordOf(member, fleetCommunes[0].login)).toBe('Revision-Deux-2027');
    // Revision 2 removed, revision 1 put back, and also copied under the name of revision 3.
    rmSync(join(fleet.folder, 'publications', 'publication-2'));
    copyFileSync(copy, join(fleet.folder, 'publications', 'publication-3'));
    const [result] = await sync(member);
    expect(result?.outcome).toMatchObject({ kind: 'nothing-new', revision: 2 });
    expect(await passwordOf(member, fleetCommunes[0].login)).toBe('Revision-Deux-2027');
    expect(await readMemberState(member.services.secrets, fleet.fingerprint)).toMatchObject({ lastRevision: 2 });
  });

  it('excludes a removed member from the next revision and lists what it keeps', async () => {
    const fleet = await newFleet();
    const kept = await joinWithCode(fleet, 'k');
    const removed = await joinWithCode(fleet, 'x');
    await publish(fleet);
    await sync(kept.member);
    await sync(removed.member);
    const removal = await removeMember(
      fleet.publisher.fleet(fleet.folder),
      removed.joined.memberId,
      fleet.publisher.services.settings.accounts.list(),
    );
    expect(removal.accounts).toEqual(fleetCommunes.map((commune) => commune.name));
    await renewOnPublisher(fleet, 1, 'Apres-Le-Retrait-2027');
    await publish(fleet);
    expect((await sync(kept.member))[0]?.outcome).toMatchObject({ kind: 'applied', revision: 2 });
    expect((await sync(removed.member))[0]?.outcome).toMatchObject({ kind: 'removed', revision: 2 });
    expect(await passwordOf(removed.member, fleetCommunes[1].login)).toBe(fleetCommunes[1].password);
    const list = await listMembers(fleet.publisher.fleet(fleet.folder));
    expect(list.members.find((member) => member.id === removed.joined.memberId)?.state).toBe('removed');
  });

  it('keeps a member that joined without a code waiting until the IT person accepts its id, after comparing phrases', async () => {
    const fleet = await newFleet();
    const member = workstation('sans-code');
    const joined = await joinFleet(member.fleet(fleet.folder), {
      fingerprint: fleet.fingerprint,
      machine: 'PC-ACCUEIL',
      user: 'marie',
    });
    expect(joined.acceptance).toBe('phrase');
    await publish(fleet);
    expect((await sync(member))[0]?.outcome).toEqual({ kind: 'pending', phrase: joined.phrase });
    const listed = await listMembers(fleet.publisher.fleet(fleet.folder));
    expect(listed.members).toEqual([
      {
        id: joined.memberId,
        name: null,
        machine: 'PC-ACCUEIL',
        user: 'marie',
        phrase: joined.phrase,
        state: 'pending',
      },
    ]);
    const accepted = await publish(fleet, { accept: joined.memberId, name: 'Accueil de la mairie' });
    expect(accepted.acceptedNow).toEqual([joined.memberId]);
    expect((await sync(member))[0]?.outcome).toMatchObject({ kind: 'applied', revision: 2 });
    expect((await listMembers(fleet.publisher.fleet(fleet.folder))).members[0]).toMatchObject({
      name: 'Accueil de la mairie',
      state: 'accepted',
    });
  });

  it('refuses a code used once already, or expired, and writes nothing', async () => {
    const fleet = await newFleet();
    const publisherFleet = fleet.publisher.fleet(fleet.folder);
    const { openPublisher } = await import('./publisher-keys');
    const { code } = await inviteMember(publisherFleet, await openPublisher(publisherFleet));
    const first = workstation('premier');
    await joinFleet(first.fleet(fleet.folder), {
      fingerprint: fleet.fingerprint,
      code: code.replace(/-/g, ''),
      machine: 'PC-1',
      user: 'a',
    });
    await publish(fleet);
    const second = workstation('second');
    expect(
      await codeOf(
        joinFleet(second.fleet(fleet.folder), {
          fingerprint: fleet.fingerprint,
          code: code.replace(/-/g, ''),
          machine: 'PC-2',
          user: 'b',
        }),
      ),
    ).toBe('FLEET_CODE_REFUSED');
    const late = workstation('tard');
    const { code: other } = await inviteMember(publisherFleet, await openPublisher(publisherFleet));
    const in73Hours = fixedClock('2026-12-07T09:00:00Z');
    expect(
      await codeOf(
        joinFleet(late.fleet(fleet.folder, in73Hours), {
          fingerprint: fleet.fingerprint,
          code: other.replace(/-/g, ''),
          machine: 'PC-3',
          user: 'c',
        }),
      ),
    ).toBe('FLEET_CODE_REFUSED');
    expect(readdirSync(join(fleet.folder, 'members'))).toHaveLength(1);
    expect(existsSync(join(second.userDataDir, 'flotte'))).toBe(false);
  });

  it('refuses a fingerprint that is not the folder root, writing nothing', async () => {
    const fleet = await newFleet();
    const other = await newFleet();
    const member = workstation('egare');
    expect(
      await codeOf(joinFleet(member.fleet(fleet.folder), { fingerprint: other.fingerprint, machine: 'PC', user: 'u' })),
    ).toBe('FLEET_FINGERPRINT_MISMATCH');
    expect(readdirSync(join(fleet.folder, 'members'))).toEqual([]);
    expect(await member.services.secrets.get(fleetEntries.memberKeys(other.fingerprint))).toBeUndefined();
  });

  it('ignores forged member files: another key under a member id, a renamed request, junk', async () => {
    const fleet = await newFleet();
    const honest = workstation('honnete');
    const joined = await joinFleet(honest.fleet(fleet.folder), {
      fingerprint: fleet.fingerprint,
      machine: 'PC',
      user: 'u',
    });
    const members = join(fleet.folder, 'members');
    const request = payloadAt(join(members, joined.memberId));
    // The honest request's content, signed by an attacker's key under a made-up id.
    writeFileSync(
      join(members, 'ABCDEFGHJKMNPQRS'),
      signedFile('adhesion', 'ABCDEFGHJKMNPQRS', generateSigningKey().privateKey, request),
    );
    // The honest file copied under another id.
    copyFileSync(join(members, joined.memberId), join(members, '0123456789ABCDEF'));
    writeFileSync(join(members, 'pas-un-membre'), '<script>alert(1)</script>');
    const listed = await listMembers(fleet.publisher.fleet(fleet.folder));
    expect(listed.members.map((member) => member.id)).toEqual([joined.memberId]);
    expect(listed.ignored.total).toBe(3);
    expect(await codeOf(publish(fleet, { accept: 'ABCDEFGHJKMNPQRS' }))).toBe('INVALID_INPUT');
  });

  it('refuses a publication whose box carries script or server destinations, even signed by the working key (issue 33): only the machine policy sets them', async () => {
    const fleet = await newFleet();
    const { member, joined } = await joinWithCode(fleet, 'd');
    await publish(fleet);
    await sync(member);
    const publisher = await openPublisher(fleet.publisher.fleet(fleet.folder));
    const first = payloadAt(join(fleet.folder, 'publications', 'publication-1')) as {
      boxes: { recipients: string[]; sealed: string }[];
    } & Record<string, unknown>;
    const keys = await readMemberKeys(member.services.secrets, fleet.fingerprint);
    const boxes = await Promise.all(
      first.boxes.map(async (box) => {
        // Only the boxes this member opens (the publishers' own box, issue 31, stays as it is).
        if (!box.recipients.includes(joined.memberId)) return box;
        const content = (await openSealed(box.sealed, keys?.identity ?? '')) as {
          accounts: Record<string, unknown>[];
        } & Record<string, unknown>;
        const planted = {
          ...content,
          revision: 2,
          accounts: content.accounts.map((account) => ({
            ...account,
            destinations: [{ name: 'Logiciel', kind: 'script', command: '/tmp/x' }],
          })),
        };
        return { ...box, sealed: await sealTo([await recipientOf(keys?.identity ?? '')], planted) };
      }),
    );
    writeFileSync(
      join(fleet.folder, 'publications', 'publication-2'),
      signedFile('publication', publisher.signer, publisher.workingKey, { ...first, revision: 2, boxes }),
    );
    const [result] = await sync(member);
    expect(joined.memberId).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(result?.outcome).toMatchObject({ kind: 'nothing-new', revision: 1 });
    expect(result?.ignored.line()).toContain(
      'destinations script ou serveur, que seule la stratégie de la machine définit',
    );
  });

  it('says a publication of a newer format is newer, instead of guessing', async () => {
    const fleet = await newFleet();
    const { member } = await joinWithCode(fleet, 'n');
    await publish(fleet);
    await sync(member);
    writeFileSync(
      join(fleet.folder, 'publications', 'publication-2'),
      JSON.stringify({ format: 'chorus-pro-echanges-flotte', formatVersion: 2, kind: 'publication' }),
    );
    const [result] = await sync(member);
    expect(result?.outcome.kind).toBe('nothing-new');
    expect(result?.ignored.newerFormat).toBe(true);
    expect(result?.ignored.line()).toContain('mettez à jour');
  });

  it('forgets every key and record of the fleet for this user, and nothing else', async () => {
    const fleet = await newFleet();
    const { member } = await joinWithCode(fleet, 'f');
    await publish(fleet);
    await sync(member);
    const forgotten = await forgetFleetMembership(member.services.secrets, member.userDataDir);
    expect(forgotten).toEqual({ keychainEntries: 2, localRecords: true });
    expect(await passwordOf(member, fleetCommunes[0].login)).toBe(fleetCommunes[0].password);
    expect(await sync(member)).toEqual([]);
    expect(await forgetFleetMembership(fleet.publisher.services.secrets, fleet.publisher.userDataDir)).toMatchObject({
      keychainEntries: 2,
      localRecords: true,
    });
    expect(await codeOf(publish(fleet))).toBe('FLEET_NOT_PUBLISHER');
  });
});
