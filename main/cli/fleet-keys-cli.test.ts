// Issue 31's "done when", through the command line an IT person types: `fleet assign` keeps an
// account from the members it is not assigned to; `fleet rotate-key` with the root file on a new
// PC, after which members take the next publication without joining again; a secrétaire's
// workstation in the fleets of two communes keeps each account with its own fleet.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { secretAccounts } from '../secrets/secret-store';
import {
  configureCommunes,
  fleetCommunes,
  fleetWorkstations,
  sharedFolder,
  type FleetCommune,
  type FleetWorkstation,
} from '../../test/support/fleet-fixture';
import { inProcessCli } from '../../test/support/in-process-cli';
import { fixedClock } from '../../test/support/settings-fixture';
import { tempDir } from '../../test/support/temp-dirs';

const clock = fixedClock('2026-12-04T08:00:00Z');
const workstation = fleetWorkstations(clock);
// Members with no password of their own install what they receive: Chorus Pro is never asked.
const target = { url: 'https://chorus.rance.example', tokenUrl: 'https://oauth.rance.example/token' };
const passphrase = 'la clé du coffre de la communauté de communes';
const [lavaur, tremereuc, sivom] = fleetCommunes;

/** The command line of one workstation (its folder, its keychain), no machine profile or pointer. */
const cliOf = (station: FleetWorkstation) => {
  const cli = inProcessCli(() => station.keychainService, clock);
  return async (args: readonly string[], stdin?: string) => {
    const run = await cli([...args, '--user-data-dir', station.userDataDir, '--json'], {
      ...(stdin === undefined ? {} : { stdin }),
      env: {
        ...process.env,
        CHORUS_PRO_MACHINE_PROFILE: '/nonexistent/profil.json',
        CHORUS_PRO_MACHINE_FLEET: '/nonexistent/fleet.json',
      },
    });
    return run;
  };
};
const ok = async (run: Promise<{ status: number; stdout: string; stderr: string; json: Record<string, unknown> }>) => {
  const done = await run;
  expect(done.status, done.stdout + done.stderr).toBe(0);
  return done.json;
};

/** A publisher holding these communes' accounts (passwords stored), as configured and tested before. */
async function publisherOf(label: string, communes: readonly FleetCommune[]) {
  const station = workstation(label);
  await configureCommunes(station, target, communes);
  return station;
}

async function createdFleet(publisher: FleetWorkstation) {
  const folder = sharedFolder();
  const rootKeyFile = join(tempDir('chorus-coffre-'), 'racine-parc.age');
  const { fingerprint } = await ok(
    cliOf(publisher)(['fleet', 'create', folder, '--root-key-file', rootKeyFile, '--passphrase-stdin'], passphrase),
  );
  return { folder, rootKeyFile, fingerprint: String(fingerprint) };
}

async function joined(
  publisher: FleetWorkstation,
  fleet: { folder: string; fingerprint: string },
  member: FleetWorkstation,
): Promise<string> {
  const { code } = await ok(cliOf(publisher)(['fleet', 'invite', fleet.folder]));
  const { memberId } = await ok(
    cliOf(member)(['fleet', 'join', fleet.folder, '--publisher', fleet.fingerprint, '--code-stdin'], String(code)),
  );
  return String(memberId);
}

const accountNames = (station: FleetWorkstation): string[] =>
  station.services.settings.accounts.list().map((account) => account.name);
const passwordOf = (station: FleetWorkstation, login: string) =>
  station.services.secrets.get(secretAccounts.technicalPassword(target.url, login));

describe('the fleet of several communes, on the command line', () => {
  it('fleet assign: an account reaches only its members; fleet rotate-key on a new PC: members take its next publication without joining again', async () => {
    const it = await publisherOf('informaticien', fleetCommunes);
    const fleet = await createdFleet(it);
    const accueilLavaur = workstation('accueil-lavaur');
    const secretariatSivom = workstation('secretariat-sivom');
    const lavaurId = await joined(it, fleet, accueilLavaur);
    const sivomId = await joined(it, fleet, secretariatSivom);
    await ok(cliOf(it)(['fleet', 'assign', fleet.folder, '--account', lavaur.name, '--member', lavaurId]));
    await ok(cliOf(it)(['fleet', 'assign', fleet.folder, '--account', sivom.name, '--member', sivomId]));
    expect((await ok(cliOf(it)(['fleet', 'publish', fleet.folder]))).revision).toBe(1);

    for (const member of [accueilLavaur, secretariatSivom])
      expect((await ok(cliOf(member)(['fleet', 'sync']))).fleets).toMatchObject([{ kind: 'applied', revision: 1 }]);
    expect(accountNames(accueilLavaur).sort()).toEqual([lavaur.name, tremereuc.name].sort());
    expect(accountNames(secretariatSivom).sort()).toEqual([sivom.name, tremereuc.name].sort());
    // Not held in any form: neither the account nor its password reached the other commune's workstation.
    expect(await passwordOf(secretariatSivom, lavaur.login)).toBeUndefined();
    expect(await passwordOf(accueilLavaur, sivom.login)).toBeUndefined();

    // The IT person's PC died. On a new one, with the root file and its passphrase only.
    const replacement = workstation('nouveau-pc');
    const rotated = await ok(
      cliOf(replacement)(
        ['fleet', 'rotate-key', fleet.folder, '--root-key-file', fleet.rootKeyFile, '--passphrase-stdin'],
        passphrase,
      ),
    );
    expect(rotated).toMatchObject({ sequence: 2, members: 2 });
    expect(accountNames(replacement).sort()).toEqual(fleetCommunes.map((commune) => commune.name).sort());
    expect((await cliOf(it)(['fleet', 'publish', fleet.folder])).status).not.toBe(0);

    // A renewal for the whole fleet from the new PC: two commands; the members follow as they were.
    await replacement.services.secrets.set(
      secretAccounts.technicalPassword(target.url, tremereuc.login),
      'Tremereuc-Renouvele-2027',
    );
    expect((await ok(cliOf(replacement)(['fleet', 'publish', fleet.folder]))).revision).toBe(2);
    for (const [member, id] of [
      [accueilLavaur, lavaurId],
      [secretariatSivom, sivomId],
    ] as const) {
      expect((await ok(cliOf(member)(['fleet', 'sync']))).fleets).toMatchObject([
        { kind: 'applied', revision: 2, memberId: id },
      ]);
      expect(await passwordOf(member, tremereuc.login)).toBe('Tremereuc-Renouvele-2027');
      expect((await ok(cliOf(member)(['fleet', 'status']))).fleets).toHaveLength(1);
    }
    expect(accountNames(secretariatSivom)).not.toContain(lavaur.name);
  });

  it('a secrétaire in the fleets of two communes: each account kept by its own fleet, a name the other fleet also publishes left to the first', async () => {
    const lavaurIt = await publisherOf('informatique-lavaur', [lavaur]);
    const sivomIt = await publisherOf('informatique-sivom', [sivom, { ...lavaur, login: 'TECH_9_homonyme@cpro.fr' }]);
    const lavaurFleet = await createdFleet(lavaurIt);
    const sivomFleet = await createdFleet(sivomIt);
    const secretary = workstation('secretaire-partagee');
    await joined(lavaurIt, lavaurFleet, secretary);
    await joined(sivomIt, sivomFleet, secretary);
    await ok(cliOf(lavaurIt)(['fleet', 'publish', lavaurFleet.folder]));
    await ok(cliOf(sivomIt)(['fleet', 'publish', sivomFleet.folder]));

    const synced = (await ok(cliOf(secretary)(['fleet', 'sync']))).fleets as {
      fingerprint: string;
      kind: string;
      otherFleet?: string[];
    }[];
    expect(synced).toHaveLength(2);
    expect(synced.find((fleet) => fleet.fingerprint === lavaurFleet.fingerprint)).toMatchObject({
      kind: 'applied',
      otherFleet: [],
    });
    expect(synced.find((fleet) => fleet.fingerprint === sivomFleet.fingerprint)).toMatchObject({
      kind: 'applied',
      otherFleet: [lavaur.name],
    });
    expect(accountNames(secretary).sort()).toEqual([lavaur.name, sivom.name].sort());
    expect(secretary.services.settings.forAccount(lavaur.name).read().login).toBe(lavaur.login);
    expect(await passwordOf(secretary, 'TECH_9_homonyme@cpro.fr')).toBeUndefined();
  });
});
