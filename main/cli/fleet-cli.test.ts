import { existsSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHttpTransport } from '../chorus/http-transport';
import { createKeytarSecretStore } from '../secrets/keytar-secret-store';
import { cliStations, recordingNotifier, stationCli } from '../../test/support/cli-stations';
import { demoAccount } from '../../test/support/core-fixture';
import { fleetCommunes, sharedFolder } from '../../test/support/fleet-fixture';
import { fixedClock } from '../../test/support/settings-fixture';
import { simulatorForTheFile } from '../../test/support/simulator-for-file';
import { tempDir } from '../../test/support/temp-dirs';
import { createLogger } from '../logging/logger';
import { createCoreServices } from '../services';
import { openConfBackend } from '../../test/support/settings-fixture';
import { testAllWithFleet } from './fleet-daily-check';

const simulator = simulatorForTheFile();
const station = cliStations('test fleet');

const cli = stationCli;

/** The IT person's workstation with the demo commune, a fleet in `folder`, and one member joined with a code. */
async function fleetWithOneMember(commune: (typeof fleetCommunes)[number] = fleetCommunes[1]) {
  const { url, tokenUrl } = simulator();
  const it = station('informaticien');
  const folder = sharedFolder();
  expect(
    (
      await cli(it, [
        'configure',
        '--env',
        'custom',
        '--url',
        url,
        '--token-url',
        tokenUrl,
        '--login',
        commune.login,
        '--client-id',
        demoAccount.clientId,
      ])
    ).status,
  ).toBe(0);
  expect(
    (await cli(it, ['set-client-secret', '--client-secret-stdin'], { stdin: demoAccount.clientSecret })).status,
  ).toBe(0);
  expect((await cli(it, ['set-password', '--password-stdin'], { stdin: commune.password })).status).toBe(0);
  const created = await cli(
    it,
    ['fleet', 'create', folder, '--root-key-file', join(tempDir(), 'racine.age'), '--passphrase-stdin', '--json'],
    { stdin: 'la clé du coffre de la mairie' },
  );
  expect(created.status, created.stdout).toBe(0);
  const member = station('membre');
  const { code } = (await cli(it, ['fleet', 'invite', folder, '--json'])).json;
  const joined = await cli(
    member,
    ['fleet', 'join', folder, '--publisher', String(created.json.fingerprint), '--code-stdin', '--json'],
    { stdin: String(code) },
  );
  expect(joined.status, joined.stdout).toBe(0);
  expect((await cli(it, ['fleet', 'publish', folder])).status).toBe(0);
  return {
    it,
    member,
    folder,
    commune,
    fingerprint: String(created.json.fingerprint),
    memberId: String(joined.json.memberId),
  };
}

describe('the fleet on the command line', () => {
  it('refuses bad usage with exit 2 and changes nothing', async () => {
    const nobody = station('personne');
    const folder = sharedFolder();
    for (const args of [
      ['fleet'],
      ['fleet', 'renommer', folder],
      ['fleet', 'sync', folder],
      ['fleet', 'join', folder],
      ['fleet', 'publish', folder, '--publisher', 'ABCD'],
      ['fleet', 'create', folder, '--passphrase-stdin'],
      ['fleet', 'join', folder, '--publisher', 'trop-court'],
      ['fleet', 'remove-member', folder],
    ]) {
      const run = await cli(nobody, args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^Erreur \(INVALID_INPUT\)/);
    }
    expect(existsSync(folder)).toBe(false);
    const sync = await cli(nobody, ['fleet', 'sync', '--json']);
    expect(sync).toMatchObject({ status: 2, json: { ok: false, code: 'FLEET_NOT_MEMBER' } });
    expect((await cli(nobody, ['fleet', 'status', '--json'])).json).toEqual({ ok: true, fleets: [] });
  });

  it('lists members as the issue says, refuses a wrong fingerprint (exit 2, nothing written), and tells another workstation it does not publish', async () => {
    const { it, member, folder, memberId } = await fleetWithOneMember();
    const listed = await cli(it, ['fleet', 'members', folder, '--json']);
    expect(listed.json).toMatchObject({
      ok: true,
      members: [
        {
          id: memberId,
          name: null,
          machine: expect.any(String) as string,
          user: expect.any(String) as string,
          phrase: expect.stringMatching(/^\S+ \S+ \S+ \S+$/) as string,
          state: 'accepted',
        },
      ],
    });
    const stranger = station('etranger');
    const wrong = await cli(stranger, ['fleet', 'join', folder, '--publisher', 'AAAA-AAAA-AAAA-AAAA-AAAA', '--json']);
    expect(wrong).toMatchObject({ status: 2, json: { code: 'FLEET_FINGERPRINT_MISMATCH' } });
    expect(readdirSync(join(folder, 'members'))).toEqual([memberId]);
    expect((await cli(member, ['fleet', 'publish', folder, '--json'])).json).toMatchObject({
      ok: false,
      code: 'FLEET_NOT_PUBLISHER',
    });
  });

  it('tests with what the member has when the share cannot be read, and says so: not a failure of the check', async () => {
    const { member, folder } = await fleetWithOneMember();
    expect((await cli(member, ['fleet', 'sync'])).status).toBe(0);
    renameSync(folder, `${folder}-debranche`);
    const check = await cli(member, ['test', '--all', '--json']);
    expect(check.status, check.stdout).toBe(0);
    expect(check.json).toMatchObject({
      ok: true,
      fleet: [{ kind: 'failed', code: 'FLEET_UNREACHABLE' }],
      results: [{ ok: true }],
    });
    expect((await cli(member, ['test', '--all'])).stdout).toContain(
      'les comptes sont testés avec ce que ce poste a déjà',
    );
    expect((await cli(member, ['fleet', 'sync', '--json'])).status).toBe(1);
  });

  it("sends the accountant to the IT department when the fleet's password is refused, and follows the publication that fixes it", async () => {
    const { it, member, commune, folder } = await fleetWithOneMember();
    await cli(member, ['fleet', 'sync']);
    // Reset in the portal; the IT person has not published yet.
    const renewed = simulator().resetPassword(commune.login);
    const notifier = recordingNotifier();
    const refused = await cli(member, ['test', '--all', '--notify', '--json'], { notifier });
    expect(refused.status).toBe(1);
    expect(refused.json).toMatchObject({
      fleet: [{ kind: 'nothing-new' }],
      fleetAfterRefusal: [{ kind: 'nothing-new' }],
    });
    expect(notifier.shown.map((notice) => notice.body)).toEqual([
      expect.stringContaining('contactez votre service informatique') as string,
    ]);
    expect((await cli(it, ['set-password', '--password-stdin'], { stdin: renewed })).status).toBe(0);
    expect((await cli(it, ['fleet', 'publish', folder])).status).toBe(0);
    const fixed = await cli(member, ['test', '--all', '--notify', '--json'], { notifier: recordingNotifier() });
    expect(fixed.status, fixed.stdout).toBe(0);
    expect(fixed.json).toMatchObject({
      fleet: [{ kind: 'applied', revision: 2, received: ['Compte principal'] }],
      results: [{ ok: true }],
    });
    const status = await cli(member, ['fleet', 'status']);
    expect(status.stdout).toContain('Géré par le service informatique — révision 2 reçue le 04/12/2026');
  });

  it('after a refused password, reads the folder again and retests that account only when something new arrived', async () => {
    // Another commune than the test before's, whose password the simulator changed.
    const { it, member, commune, folder } = await fleetWithOneMember(fleetCommunes[2]);
    const services = createCoreServices({
      userDataDir: member.dir,
      openSettingsBackend: openConfBackend,
      secrets: createKeytarSecretStore(member.keychain),
      send: createHttpTransport(),
      clock: fixedClock('2026-12-04T07:30:00Z'),
      logger: createLogger(() => undefined),
    });
    await services.syncFleets();
    const renewed = simulator().resetPassword(commune.login);
    let syncs = 0;
    // The IT person publishes while the check is testing: the second reading finds it.
    const publishingMeanwhile = {
      ...services,
      syncFleets: async (deadline?: number) => {
        syncs += 1;
        if (syncs === 2) {
          expect((await cli(it, ['set-password', '--password-stdin'], { stdin: renewed })).status).toBe(0);
          expect((await cli(it, ['fleet', 'publish', folder])).status).toBe(0);
        }
        return services.syncFleets(deadline);
      },
    };
    const refusalsBefore = simulator().passwordRefusals.get(commune.login) ?? 0;
    const result = await testAllWithFleet(publishingMeanwhile, member.dir);
    expect(syncs).toBe(2);
    expect(result.outcomes).toMatchObject([{ account: 'Compte principal', ok: true }]);
    expect(result.json).toMatchObject({
      fleet: [{ kind: 'nothing-new' }],
      fleetAfterRefusal: [{ kind: 'applied', revision: 2 }],
    });
    // The old password was refused once, by the first test; the retest used the new one.
    expect((simulator().passwordRefusals.get(commune.login) ?? 0) - refusalsBefore).toBe(1);
  });
});
