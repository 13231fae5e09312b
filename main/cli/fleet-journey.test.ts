// The measured journey, through the real command line in its own processes: an IT person
// sets up 3 communes' accounts and a fleet of 10 workstations (10 user-data folders, 10 keychain
// namespaces), every member's daily check passes; then Chorus Pro gives one commune a new
// password, published once, and every member's next daily check passes without Chorus Pro ever
// seeing a refused password after a member's sync. Commands and secrets typed by the IT person
// are counted; the time is printed (measured, not asserted: timed tests are not how this project
// measures).
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { cliStations, type Station } from '../../test/support/cli-stations';
import { runCliProcess, type CliRun } from '../../test/support/cli-process';
import { demoAccount } from '../../test/support/core-fixture';
import { fleetCommunes, sharedFolder } from '../../test/support/fleet-fixture';
import { simulatorForTheFile } from '../../test/support/simulator-for-file';
import { tempDir } from '../../test/support/temp-dirs';

const simulator = simulatorForTheFile();
const station = cliStations('parcours');

/** What the IT person typed: each command, and each secret given on standard input. */
const typed = { commands: 0, secrets: 0 };
async function typedByIt(at: Station, args: readonly string[], secret?: string): Promise<CliRun> {
  typed.commands += 1;
  if (secret !== undefined) typed.secrets += 1;
  const run = await runCliProcess(
    [...args, '--user-data-dir', at.dir],
    at.keychain,
    secret === undefined ? {} : { stdin: secret },
  );
  expect(run.status, `${args.join(' ')}\n${run.stderr}`).toBe(0);
  return run;
}
/** What runs by itself: the daily check (`test --all --notify`, Task Scheduler) on a member. */
const dailyCheck = (at: Station) =>
  runCliProcess(['test', '--all', '--notify', '--json', '--user-data-dir', at.dir], at.keychain);

/** A few members at once: the machine has 2 cores, and each command is its own Node process. */
async function inTurns<T>(items: readonly T[], work: (item: T) => Promise<void>, width = 3): Promise<void> {
  for (let index = 0; index < items.length; index += width)
    await Promise.all(items.slice(index, index + width).map(work));
}

describe('ten workstations for three communes, kept from one place', () => {
  it('go from fleet create to every first successful test, then follow one renewal published once', async () => {
    const started = performance.now();
    const { url, tokenUrl } = simulator();
    const it = station('informaticien');
    const folder = sharedFolder();
    // The IT person's workstation: the three communes, one PISTE application.
    for (const [index, commune] of fleetCommunes.entries()) {
      if (index > 0) await typedByIt(it, ['accounts', 'add', commune.name]);
      else await typedByIt(it, ['accounts', 'rename', 'Compte principal', commune.name]);
      await typedByIt(it, [
        'configure',
        '--account',
        commune.name,
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
      ]);
      // One PISTE application: its secret serves the three accounts (same route).
      if (index === 0)
        await typedByIt(
          it,
          ['set-client-secret', '--account', commune.name, '--client-secret-stdin'],
          demoAccount.clientSecret,
        );
      await typedByIt(it, ['set-password', '--account', commune.name, '--password-stdin'], commune.password);
    }
    const created = await typedByIt(
      it,
      [
        'fleet',
        'create',
        folder,
        '--root-key-file',
        join(tempDir('chorus-coffre-'), 'racine.age'),
        '--passphrase-stdin',
        '--json',
      ],
      'la clé du coffre de la communauté de communes',
    );
    const fingerprint = String(created.json.fingerprint);
    expect(created.json).toEqual({
      ok: true,
      fingerprint: expect.stringMatching(/^(.{4}-){4}.{4}$/) as string,
      folder,
    });

    // Ten workstations: an invitation each, and the join typed at each with its code.
    const members = Array.from({ length: 10 }, (_unused, index) => station(`poste-${index + 1}`));
    for (const member of members) {
      const invitation = await typedByIt(it, ['fleet', 'invite', folder, '--json']);
      expect(invitation.json).toMatchObject({
        code: expect.stringMatching(/^(.{4}-){2}.{4}$/) as string,
        expiresAt: expect.any(String) as string,
      });
      await typedByIt(
        member,
        ['fleet', 'join', folder, '--publisher', fingerprint, '--code-stdin'],
        String(invitation.json.code),
      );
    }
    const published = await typedByIt(it, ['fleet', 'publish', folder, '--json']);
    expect(published.json).toMatchObject({ revision: 1, members: 10, accounts: 3 });
    const setUp = { ...typed };

    // Each member's daily check reads the folder, then every account passes.
    await inTurns(members, async (member) => {
      const check = await dailyCheck(member);
      expect(check.status, check.stderr).toBe(0);
      expect(check.json).toMatchObject({ ok: true, fleet: [{ kind: 'applied', revision: 1 }] });
      expect((check.json.results as { ok: boolean }[]).map((result) => result.ok)).toEqual([true, true, true]);
    });
    const firstTestsDone = performance.now();

    // Chorus Pro gives « SIVOM de la Rance » a new password: renewed once on the IT person's workstation, published once.
    const sivom = fleetCommunes[2];
    const renewed = simulator().resetPassword(sivom.login);
    const renewal = { commands: typed.commands, secrets: typed.secrets };
    await typedByIt(it, ['set-password', '--account', sivom.name, '--password-stdin'], renewed);
    expect((await typedByIt(it, ['fleet', 'publish', folder, '--json'])).json).toMatchObject({
      revision: 2,
      members: 10,
    });
    const refusalsBefore = simulator().passwordRefusals.get(sivom.login) ?? 0;
    await inTurns(members, async (member) => {
      const check = await dailyCheck(member);
      expect(check.status, check.stderr).toBe(0);
      expect(check.json).toMatchObject({ fleet: [{ kind: 'applied', revision: 2, received: [sivom.name] }] });
    });
    // No refused password reached Chorus Pro after a member's sync.
    expect(simulator().passwordRefusals.get(sivom.login) ?? 0).toBe(refusalsBefore);
    expect(simulator().passwordRefusals.get(fleetCommunes[0].login) ?? 0).toBe(0);
    const done = performance.now();

    const renewalTyped = { commands: typed.commands - renewal.commands, secrets: typed.secrets - renewal.secrets };
    process.stdout.write(
      `Parcours mesuré : mise en place ${setUp.commands} commandes et ${setUp.secrets} secrets tapés par l'informaticien, ${((firstTestsDone - started) / 1000).toFixed(0)} s jusqu'au premier test réussi des 10 postes ; ` +
        `renouvellement ${renewalTyped.commands} commandes et ${renewalTyped.secrets} secret, ${((done - firstTestsDone) / 1000).toFixed(0)} s jusqu'au test réussi des 10 postes.\n`,
    );
    // Set-up: 3 accounts named (1 rename, 2 add), 3 configure, 1 client secret, 3 passwords, fleet
    // create (its passphrase), 10 invitations, 10 joins (each its code), 1 publication.
    expect(setUp).toEqual({ commands: 32, secrets: 15 });
    expect(renewalTyped).toEqual({ commands: 2, secrets: 1 });
  }, 900_000);
});
