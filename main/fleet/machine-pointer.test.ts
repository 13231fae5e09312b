// Issue 31: the machine's fleet pointer (%ProgramData%\Chorus Pro Echanges\fleet.json): a user
// already using the app joins at the next start, or at the next daily check, with nothing typed;
// a pointer that cannot be trusted or read is not followed, and `status` says why.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHttpTransport } from '../chorus/http-transport';
import { createLogger } from '../logging/logger';
import { createKeytarSecretStore } from '../secrets/keytar-secret-store';
import { createCoreServices } from '../services';
import { selectedServices } from '../../test/support/selected-account';
import {
  configureCommunes,
  fleetCommunes,
  fleetWorkstations,
  sharedFolder,
  type FleetWorkstation,
} from '../../test/support/fleet-fixture';
import { inProcessCli } from '../../test/support/in-process-cli';
import { fixedClock, openConfBackend } from '../../test/support/settings-fixture';
import { tempDir } from '../../test/support/temp-dirs';
import { createFleet } from './create-fleet';
import { listMembers } from './fleet-members';
import { readMemberships, readPointerRecord } from './local-records';
import { publishFleet } from './publish-fleet';
import { openRootKey } from './sealed-box';
import { readFileSync } from 'node:fs';

const clock = fixedClock('2026-12-04T08:00:00Z');
const workstation = fleetWorkstations(clock);
const target = { url: 'https://chorus.lavaur.example', tokenUrl: 'https://oauth.lavaur.example/token' };
const passphrase = 'la clé du coffre de la communauté de communes';

/** A fleet, and its pointer as an administrator writes it in a folder only administrators may change. */
async function fleetWithPointer(folder = sharedFolder()) {
  const publisher = workstation('editeur');
  await configureCommunes(publisher, target);
  const rootKeyFile = join(tempDir('chorus-coffre-'), 'racine.age');
  const created = await createFleet(publisher.fleet(folder), rootKeyFile, passphrase);
  const root = await openRootKey(readFileSync(rootKeyFile, 'utf8'), passphrase);
  const programData = join(tempDir('chorus-programdata-'), 'Chorus Pro Echanges');
  mkdirSync(programData, { mode: 0o755 });
  const pointer = join(programData, 'fleet.json');
  writeFileSync(pointer, JSON.stringify({ formatVersion: 1, folder, root: root.rootKey }), { mode: 0o644 });
  return {
    publisher,
    folder,
    pointer,
    programData,
    rootKey: root.rootKey,
    fingerprint: created.fingerprint.replace(/-/g, ''),
  };
}

/** The same workstation and user as `station`, started again with the machine pointer in place. */
const startedAgain = (station: FleetWorkstation, pointer: string) =>
  selectedServices(
    createCoreServices({
      userDataDir: station.userDataDir,
      openSettingsBackend: openConfBackend,
      secrets: createKeytarSecretStore(station.keychainService),
      send: createHttpTransport(),
      clock,
      logger: createLogger(() => undefined),
      machineFleetPath: pointer,
    }),
  );

const cliOf = (station: FleetWorkstation, pointer: string) => {
  const cli = inProcessCli(() => station.keychainService, clock);
  return (args: readonly string[]) =>
    cli([...args, '--user-data-dir', station.userDataDir], {
      env: {
        ...process.env,
        CHORUS_PRO_MACHINE_PROFILE: '/nonexistent/profil.json',
        CHORUS_PRO_MACHINE_FLEET: pointer,
      },
    });
};

describe('the machine’s fleet pointer', () => {
  it('makes a user who already uses the app join at the next start, nothing typed; accepted by its phrase, it receives the accounts', async () => {
    const fleet = await fleetWithPointer();
    const accountant = workstation('comptable');
    accountant.services.settings.update({ login: 'TECH_local@cpro.fr' });
    expect(readMemberships(accountant.userDataDir)).toEqual([]);

    const services = startedAgain(accountant, fleet.pointer);
    const followed = await services.followMachineFleet();
    expect(followed).toMatchObject({ kind: 'joined', fingerprint: fleet.fingerprint });
    const phrase = followed.kind === 'joined' ? followed.phrase : '';
    expect((await services.syncFleets())[0]?.outcome).toEqual({ kind: 'pending', phrase });
    // What the IT person sees is the same phrase; there is no accepting without it.
    const pending = (await listMembers(fleet.publisher.fleet(fleet.folder))).members;
    expect(pending).toMatchObject([{ state: 'pending', phrase }]);
    await publishFleet(fleet.publisher.fleet(fleet.folder), {
      accounts: fleet.publisher.services.settings.accounts.list(),
      accept: pending[0]?.id ?? '',
    });

    // The next start: already a member, nothing joined again; the publication is applied.
    const next = startedAgain(accountant, fleet.pointer);
    expect(await next.followMachineFleet()).toMatchObject({ kind: 'member', moved: false });
    expect((await next.syncFleets())[0]?.outcome).toMatchObject({
      kind: 'applied',
      revision: 1,
      accounts: fleetCommunes.map((commune) => commune.name),
    });
    expect(readMemberships(accountant.userDataDir)).toHaveLength(1);
  });

  it('is written by `fleet pointer` from the root the publisher pinned: the file a workstation follows to this very fleet', async () => {
    const fleet = await fleetWithPointer();
    const written = join(tempDir('chorus-cle-usb-'), 'fleet.json');
    const publisherCli = cliOf(fleet.publisher, '/nonexistent/fleet.json');
    const run = await publisherCli(['fleet', 'pointer', fleet.folder, written, '--json']);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(JSON.parse(readFileSync(written, 'utf8'))).toEqual({
      formatVersion: 1,
      folder: fleet.folder,
      root: fleet.rootKey,
    });
    expect(run.json).toMatchObject({ file: written, folder: fleet.folder });
    // Bad usage: no file named, or a file where none can be written; a user who publishes nothing has no pointer to give.
    expect((await publisherCli(['fleet', 'pointer', fleet.folder])).status).toBe(2);
    expect(
      (await publisherCli(['fleet', 'pointer', fleet.folder, join(tempDir(), 'absent', 'fleet.json')])).status,
    ).toBe(2);
    const stranger = workstation('pas-editeur');
    expect(
      (
        await cliOf(
          stranger,
          '/nonexistent/fleet.json',
        )(['fleet', 'pointer', fleet.folder, join(tempDir(), 'fleet.json')])
      ).status,
    ).not.toBe(0);

    const accountant = workstation('depuis-le-pointeur');
    expect(await startedAgain(accountant, written).followMachineFleet()).toMatchObject({
      kind: 'joined',
      fingerprint: fleet.fingerprint,
    });
  });

  it('makes a user who never opens the app join at the daily check, and status shows the line and the phrase', async () => {
    const fleet = await fleetWithPointer();
    const user = workstation('autre-utilisateur');
    const cli = cliOf(user, fleet.pointer);
    const check = await cli(['test', '--all', '--json']);
    expect(check.json).toMatchObject({ machineFleet: { kind: 'joined', fingerprint: fleet.fingerprint } });
    const status = await cli(['status']);
    expect(status.stdout).toMatch(
      /Parc de postes : en attente d'acceptation par le service informatique \(poste [0-9A-Z]{16}\) — phrase à comparer : \S+ \S+ \S+ \S+/,
    );
  });

  it('follows the share when the pointer names another folder (the share moved)', async () => {
    const fleet = await fleetWithPointer();
    const user = workstation('demenagement');
    await startedAgain(user, fleet.pointer).followMachineFleet();
    const moved = join(tempDir('chorus-nouveau-partage-'), 'flotte');
    const { cpSync } = await import('node:fs');
    cpSync(fleet.folder, moved, { recursive: true });
    writeFileSync(fleet.pointer, JSON.stringify({ formatVersion: 1, folder: moved, root: fleet.rootKey }), {
      mode: 0o644,
    });
    expect(await startedAgain(user, fleet.pointer).followMachineFleet()).toMatchObject({ kind: 'member', moved: true });
    expect(readMemberships(user.userDataDir)[0]?.folder).toBe(moved);
  });

  it('is not followed when others may change it, malformed, of a newer version, or naming another fleet’s folder: status says why', async () => {
    const fleet = await fleetWithPointer();
    const user = workstation('prudent');
    const cli = cliOf(user, fleet.pointer);
    const refusedBecause = async (expected: RegExp) => {
      const status = await cli(['status', '--json']);
      expect((status.json.fleet as { pointer?: string } | undefined)?.pointer).toMatch(expected);
      expect(readMemberships(user.userDataDir)).toEqual([]);
    };

    chmodSync(fleet.programData, 0o777);
    await refusedBecause(
      /^Le pointeur de parc du poste \(.*fleet\.json\) n'a pas été suivi : le dossier .* : d'autres utilisateurs peuvent le modifier/,
    );
    expect(await startedAgain(user, fleet.pointer).followMachineFleet()).toMatchObject({ kind: 'refused' });
    expect((await cli(['status'])).stdout.split('\n')[0]).toMatch(/^Attention : Le pointeur de parc du poste/);
    chmodSync(fleet.programData, 0o755);

    writeFileSync(fleet.pointer, '{"formatVersion": 1, "folder": ', { mode: 0o644 });
    await refusedBecause(/n'a pas été suivi : ce n'est pas un fichier JSON valide/);
    writeFileSync(fleet.pointer, JSON.stringify({ formatVersion: 2, folder: fleet.folder, root: fleet.rootKey }), {
      mode: 0o644,
    });
    await refusedBecause(/version plus récente de l'application \(formatVersion 2\) : mettez à jour/);
    writeFileSync(fleet.pointer, JSON.stringify({ formatVersion: 1, folder: fleet.folder }), { mode: 0o644 });
    await refusedBecause(/champ invalide : root/);

    // Well formed, but the folder holds another fleet: tried at start, the reason kept and said.
    const other = await fleetWithPointer();
    writeFileSync(fleet.pointer, JSON.stringify({ formatVersion: 1, folder: other.folder, root: fleet.rootKey }), {
      mode: 0o644,
    });
    expect(await startedAgain(user, fleet.pointer).followMachineFleet()).toMatchObject({ kind: 'failed' });
    expect(readPointerRecord(user.userDataDir)).toMatchObject({ outcome: 'failed', fingerprint: fleet.fingerprint });
    await refusedBecause(
      /n'a pas encore permis de rejoindre le parc : le parc .* n'a pas pu être rejoint : .*autre parc/,
    );
  });
});
