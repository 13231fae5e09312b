import { chmodSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../dates/clock';
import { fixedClock } from '../../test/support/settings-fixture';
import {
  configureCommunes,
  fleetCommunes,
  fleetWorkstations,
  sharedFolder,
  type FleetWorkstation,
} from '../../test/support/fleet-fixture';
import { tempDir } from '../../test/support/temp-dirs';
import type { CheckPassword } from './conflict-rule';
import { createFleet } from './create-fleet';
import { nodeFleetFolder, folderCaps } from './fleet-folder';
import { fleetParks } from './fleet-parks';
import { fleetReport, pendingShown, reportSeverity, type FleetReport } from './fleet-report';
import { removeMember } from './fleet-members';
import { inviteMember } from './invitations';
import { joinFleet } from './join-fleet';
import { openPublisher } from './publisher-keys';
import { publishFleet } from './publish-fleet';
import { reportStatusToFleets } from './report-status';
import { shareInspector } from './share-warnings';
import { signedFile } from './signed-file';
import { generateSigningKey } from './signing-keys';
import { syncFleets } from './sync-fleet';
import { readTrust } from './certificates';
import { readMemberKeys } from './fleet-keychain';
import { IgnoredFiles } from './ignored-files';
import { readMemberships } from './local-records';
import { newAgeIdentity } from './sealed-box';
import { memberStatusFile } from './write-member-status';

const joinedAt = '2026-12-04T08:00:00Z';
const workstation = fleetWorkstations(fixedClock(joinedAt));
const target = { url: 'https://chorus.lavaur.example', tokenUrl: 'https://oauth.lavaur.example/token' };
const noChorus: CheckPassword = () => Promise.resolve('unknown');

interface Fleet {
  readonly folder: string;
  readonly fingerprint: string;
  readonly publisher: FleetWorkstation;
  readonly members: { readonly station: FleetWorkstation; readonly id: string }[];
}

/** A publisher, three members joined with codes (one declaring a name full of markup), a publication applied by each. */
async function fleetOfThree(): Promise<Fleet> {
  const folder = sharedFolder();
  const publisher = workstation('editeur');
  await configureCommunes(publisher, target);
  const created = await createFleet(
    publisher.fleet(folder),
    join(tempDir('chorus-coffre-'), 'racine.age'),
    'la clé du coffre de la communauté',
  );
  const fingerprint = created.fingerprint.replace(/-/g, '');
  const members: Fleet['members'] = [];
  for (const label of ['mairie', 'ecole', 'ccas']) {
    const station = workstation(label);
    const { code } = await inviteMember(publisher.fleet(folder), await openPublisher(publisher.fleet(folder)));
    const machine = label === 'ccas' ? '<script>alert(1)</script>' : `PC-${label}`;
    const joined = await joinFleet(station.fleet(folder), {
      fingerprint,
      code: code.replace(/-/g, ''),
      machine,
      user: label,
    });
    expect(joined.statusPlace).toBe('written');
    members.push({ station, id: joined.memberId });
  }
  await publishFleet(publisher.fleet(folder), { accounts: publisher.services.settings.accounts.list() });
  for (const { station } of members)
    await syncFleets({
      ...station.fleet(''),
      workstation: station.services.workstation,
      openFolder: nodeFleetFolder,
      checkPassword: noChorus,
    });
  return { folder, fingerprint, publisher, members };
}

/** A member's daily check, as its tests would leave it: each account's last check recorded, then its status written. */
async function dailyCheck(station: FleetWorkstation, at: string, failing: Record<string, string> = {}): Promise<void> {
  for (const account of station.services.settings.accounts.list()) {
    const code = failing[account.name];
    station.services.settings
      .forAccount(account.name)
      .recordLastCheck({ at, ok: code === undefined, code: code ?? null });
  }
  const reported = await reportStatusToFleets(
    { ...station.fleet('', fixedClock(at)), openFolder: nodeFleetFolder, appVersion: '0.3.0' },
    station.services.settings.accounts.list(),
  );
  expect(reported.map((report) => report.outcome)).toEqual(['written']);
}

const report = (fleet: Fleet, clock: Clock = fixedClock('2026-12-05T09:00:00Z')): Promise<FleetReport> =>
  fleetReport(fleet.publisher.fleet(fleet.folder, clock), shareInspector('linux'));
const member = (fleet: Fleet, index: number) => fleet.members[index] ?? fleet.members[0]!;

describe('the fleet report, from the status files the members write', () => {
  it('lists each of 3 members with its accounts and their last check: all good 0, a failing account 2, a password due 1, silent for 2 days 2', async () => {
    const fleet = await fleetOfThree();
    // Right after joining, each member's place holds its first status, sealed: no account name in clear.
    expect(readdirSync(join(fleet.folder, 'status')).sort()).toEqual(fleet.members.map(({ id }) => id).sort());
    expect(readFileSync(join(fleet.folder, 'status', member(fleet, 0).id), 'utf8')).not.toContain('Lavaur');
    for (const { station } of fleet.members) await dailyCheck(station, '2026-12-05T07:30:00Z');
    const good = await report(fleet);
    expect(good.members).toHaveLength(3);
    for (const reported of good.members) {
      expect(reported).toMatchObject({
        state: 'reporting',
        revision: 1,
        appVersion: '0.3.0',
        lastSeen: '2026-12-05T07:30:00.000Z',
      });
      expect(reported.accounts.map((account) => [account.name, account.state, account.lastCheck?.ok])).toEqual(
        fleetCommunes.map((commune) => [commune.name, 'ok', true]),
      );
    }
    expect(reportSeverity(good)).toBe(0);
    expect(good.ignored.total).toBe(0);

    await dailyCheck(member(fleet, 1).station, '2026-12-05T08:00:00Z', { [fleetCommunes[2].name]: 'AUTH_REJECTED' });
    const failing = await report(fleet);
    expect(failing.members[1]?.accounts[2]).toMatchObject({
      state: 'failing',
      lastCheck: { ok: false, code: 'AUTH_REJECTED' },
    });
    expect(reportSeverity(failing)).toBe(2);

    await dailyCheck(member(fleet, 1).station, '2026-12-05T08:30:00Z');
    // The password of one account set 13 months ago on the third workstation: its renewal is due.
    member(fleet, 2)
      .station.services.settings.forAccount(fleetCommunes[0].name)
      .recordPasswordUpdate(new Date('2025-11-01T09:00:00Z'), true);
    await dailyCheck(member(fleet, 2).station, '2026-12-05T08:30:00Z');
    const due = await report(fleet);
    expect(due.members[2]?.accounts[0]).toMatchObject({ state: 'due', dueOn: '2026-11-01', localRenewal: false });
    expect(reportSeverity(due)).toBe(1);

    // Three days later nobody wrote again: every workstation is silent.
    const later = await report(fleet, fixedClock('2026-12-08T09:00:00Z'));
    expect(later.members.map((reported) => reported.state)).toEqual(['silent', 'silent', 'silent']);
    expect(reportSeverity(later)).toBe(2);
  });

  it('applies the caps and trusts nothing unsigned: a 10 MB status, a file signed by another key, 10 000 junk files, a member place replaced', async () => {
    const fleet = await fleetOfThree();
    for (const { station } of fleet.members) await dailyCheck(station, '2026-12-05T07:30:00Z');
    const status = join(fleet.folder, 'status');
    // The first member's place replaced by 10 MB; the second's by a status signed by a key of no member.
    writeFileSync(join(status, member(fleet, 0).id), Buffer.alloc(10 * 1024 * 1024, 0x7b));
    const forged = JSON.parse(
      Buffer.from(
        (JSON.parse(readFileSync(join(status, member(fleet, 1).id), 'utf8')) as { payload: string }).payload,
        'base64',
      ).toString(),
    ) as object;
    writeFileSync(
      join(status, member(fleet, 1).id),
      signedFile('statut', member(fleet, 1).id, generateSigningKey().privateKey, forged),
    );
    // 10 000 junk files: names of no member, a few shaped like member ids.
    for (let index = 0; index < 10_000; index += 1)
      writeFileSync(
        join(status, index < 5 ? `ZZZZZZZZZZZZZZ${String(index).padStart(2, '0')}` : `junk-${index}`),
        '=cmd|',
      );
    const got = await report(fleet);
    expect(got.members.map((reported) => reported.statusProblem)).toEqual([
      expect.stringMatching(/illisible, trop gros/),
      expect.stringMatching(/signature invalide/),
      null,
    ]);
    // Neither replaced status is trusted: those two workstations have no news, the third reports.
    expect(got.members.map((reported) => reported.lastSeen)).toEqual([null, null, '2026-12-05T07:30:00.000Z']);
    expect(got.members[2]?.accounts).toHaveLength(3);
    // The listing stopped at the cap, counted; the two places said in the warnings.
    expect(got.ignored.toJson().foldersOverCap).toEqual(['status']);
    expect(got.ignored.total).toBe(folderCaps.entries - 3 + 2);
    expect(got.ignored.toJson().reasons).toMatchObject({ unreadable: 1, 'bad-signature': 1 });
    expect(got.warnings.filter((warning) => warning.includes('ne contient pas un état écrit par lui'))).toHaveLength(2);
    // Something to do (delete those files), not yet an alarm.
    expect(reportSeverity(got)).toBe(1);
    // A day and a half later those two are still silent since their acceptance: 2.
    expect(reportSeverity(await report(fleet, fixedClock('2026-12-06T09:00:00Z')))).toBe(2);
    // The 10 000 files go within the test's time, not the file's last hook's.
    rmSync(status, { recursive: true, force: true });
  });

  it("says a member's place taken before it joined, a folder anyone may modify and a status others may overwrite", async () => {
    const fleet = await fleetOfThree();
    const { station, id } = member(fleet, 0);
    // Someone put a file at the member's place; joining again (same keys, same id) leaves it and says so.
    writeFileSync(join(fleet.folder, 'status', id), 'pris avant vous');
    const again = await joinFleet(station.fleet(fleet.folder), {
      fingerprint: fleet.fingerprint,
      machine: 'PC-mairie',
      user: 'mairie',
    });
    expect(again.statusPlace).toBe('taken');
    expect(readFileSync(join(fleet.folder, 'status', id), 'utf8')).toBe('pris avant vous');
    chmodSync(fleet.folder, 0o777);
    chmodSync(join(fleet.folder, 'status', member(fleet, 1).id), 0o666);
    const got = await report(fleet);
    expect(got.warnings).toEqual([
      expect.stringContaining(`Poste ${id} : la place de son état`),
      expect.stringMatching(/^Partage : le dossier du parc est modifiable par tout le monde/),
      expect.stringMatching(/^Partage : 1 état\(s\) de poste modifiable\(s\) par d'autres/),
    ]);
    chmodSync(fleet.folder, 0o755);
  });

  it('says when a status was written for another publisher key (before a rotation): its time is known, its content not, and nothing is called forged', async () => {
    const fleet = await fleetOfThree();
    for (const { station } of fleet.members) await dailyCheck(station, '2026-12-05T07:30:00Z');
    const { station, id } = member(fleet, 0);
    const [membership] = readMemberships(station.userDataDir);
    const keys = await readMemberKeys(station.services.secrets, fleet.fingerprint);
    const trust = await readTrust(
      nodeFleetFolder(fleet.folder),
      { fingerprint: fleet.fingerprint },
      new IgnoredFiles(),
    );
    if (!membership || !keys || !trust) throw new Error('parc incomplet');
    const elsewhere = {
      ...trust,
      certificate: {
        ...trust.certificate,
        publishers: [{ ...trust.certificate.publishers[0]!, recipient: (await newAgeIdentity()).recipient }],
      },
    };
    const file = await memberStatusFile({
      trust: elsewhere,
      membership,
      keys,
      accounts: station.services.settings.accounts.list(),
      appVersion: '0.3.0',
      now: new Date('2026-12-05T08:00:00Z'),
      occasion: 'check',
    });
    writeFileSync(join(fleet.folder, 'status', id), file);
    const got = await report(fleet);
    expect(got.members[0]).toMatchObject({
      state: 'reporting',
      lastSeen: '2026-12-05T08:00:00.000Z',
      accounts: [],
      statusProblem: expect.stringContaining('autre clé de publication') as string,
    });
    expect(got.warnings).toEqual([]);
    expect(got.ignored.total).toBe(0);
    expect(reportSeverity(got)).toBe(1);
  });

  it('shows a removed member as revocation pending until its accounts are renewed and published, then as removed', async () => {
    const fleet = await fleetOfThree();
    for (const { station } of fleet.members) await dailyCheck(station, '2026-12-05T07:30:00Z');
    const removedClock = fixedClock('2026-12-05T08:00:00Z');
    await removeMember(
      fleet.publisher.fleet(fleet.folder, removedClock),
      member(fleet, 2).id,
      fleet.publisher.services.settings.accounts.list(),
    );
    const pending = await report(fleet);
    expect(pending.members[2]).toMatchObject({
      state: 'revocation-pending',
      toRevoke: fleetCommunes.map((commune) => commune.name),
    });
    expect(reportSeverity(pending)).toBe(1);
    // The IT person renews every password (dated after the removal), then publishes.
    for (const commune of fleetCommunes)
      fleet.publisher.services.settings
        .forAccount(commune.name)
        .recordPasswordUpdate(new Date('2026-12-05T08:10:00Z'), true);
    await publishFleet(fleet.publisher.fleet(fleet.folder, fixedClock('2026-12-05T08:20:00Z')), {
      accounts: fleet.publisher.services.settings.accounts.list(),
    });
    const done = await report(fleet);
    expect(done.members[2]).toMatchObject({ state: 'removed', toRevoke: [] });
    expect(reportSeverity(done)).toBe(0);
  });

  it('lists the workstations waiting to be accepted with their phrase', async () => {
    const fleet = await fleetOfThree();
    const newcomer = workstation('mediatheque');
    const joined = await joinFleet(newcomer.fleet(fleet.folder), {
      fingerprint: fleet.fingerprint,
      machine: 'PC-media',
      user: 'media',
    });
    const got = await report(fleet);
    expect(got.pending).toEqual([{ id: joined.memberId, machine: 'PC-media', user: 'media', phrase: joined.phrase }]);
    // Its status file is a pending member's place: neither counted as junk nor trusted.
    expect(got.ignored.total).toBe(0);
    mkdirSync(join(fleet.folder, 'status', 'un-dossier'));
    expect((await report(fleet)).ignored.total).toBe(1);
  });

  it('shows the first join requests with their phrase and counts the rest, so that a flood of requests cannot stall the report', async () => {
    const fleet = await fleetOfThree();
    for (let index = 0; index < pendingShown + 3; index += 1) {
      await joinFleet(workstation(`demande-${index}`).fleet(fleet.folder), {
        fingerprint: fleet.fingerprint,
        machine: `PC-${index}`,
        user: 'x',
      });
    }
    const got = await report(fleet);
    expect(got.pending).toHaveLength(pendingShown);
    expect(got.pendingNotShown).toBe(3);
    expect(got.warnings).toContainEqual(
      expect.stringMatching(
        /^3 autre\(s\) demande\(s\) d'adhésion en attente ne sont pas affichées : « fleet members DOSSIER » les liste toutes/u,
      ),
    );
    // A warning is something to do: never « OK ».
    expect(reportSeverity(got)).toBe(1);
  });

  it("gives the screen's « Parc de postes » each fleet this user publishes in rows of words, and says a folder it cannot read", async () => {
    const fleet = await fleetOfThree();
    await dailyCheck(member(fleet, 0).station, '2026-12-05T07:30:00Z', { [fleetCommunes[1].name]: 'AUTH_REJECTED' });
    const parks = await fleetParks({
      ...fleet.publisher.fleet('', fixedClock('2026-12-05T09:00:00Z')),
      openFolder: nodeFleetFolder,
    });
    expect(parks).toHaveLength(1);
    const [park] = parks;
    if (!park?.ok) throw new Error('parc illisible');
    expect(park).toMatchObject({ latestRevision: 1, severity: 2, pending: [] });
    expect(
      park.rows.find((row) => row.memberId === member(fleet, 0).id && row.account === fleetCommunes[1].name),
    ).toMatchObject({ level: 'critical', state: expect.stringMatching(/^en échec : AUTH_REJECTED \(/) as string });
    expect(park.summary[1]).toMatch(/^Urgent/);
    // A member of no fleet it publishes sees no park.
    expect(await fleetParks({ ...member(fleet, 1).station.fleet(''), openFolder: nodeFleetFolder })).toEqual([]);
    renameSync(fleet.folder, `${fleet.folder}-debranche`);
    expect(await fleetParks({ ...fleet.publisher.fleet(''), openFolder: nodeFleetFolder })).toMatchObject([
      {
        ok: false,
        fingerprint: expect.any(String) as string,
        folder: fleet.folder,
        message: expect.stringMatching(/^Vérifiez que le poste est sur le réseau de la collectivité/u) as string,
      },
    ]);
  });
});
