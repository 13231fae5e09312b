// Issue 31, the screen of a fleet's member: « Géré par le service informatique — révision 1 reçue
// le jj/mm/aaaa », the password received from the IT department said as such until a test verifies
// it, the renewal left to the IT department; a user waiting to be accepted shows the phrase to
// compare; a machine pointer that is not followed says why. The fleet is prepared through the real
// command line, in its own folders and keychains, as the IT person does it.
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { format, subMonths } from 'date-fns';
import { clearKeychainService } from '../main/secrets/keytar-secret-store';
import { runCliProcess } from '../test/support/cli-process';
import { tempDir } from '../test/support/temp-dirs';
import { expect, needsMainWiring, test } from './fixtures';
import { currentTarget } from './launch-app';
import { expectAccessible, screen, screenshot, today } from './screen';
import { demo } from './seed-profile';
import type { Simulator } from './simulator/simulator';

interface Workstation {
  readonly dir: string;
  readonly keychain: string;
}
const workstation = (label: string): Workstation => ({
  dir: tempDir(`chorus-e2e-${label}-`),
  keychain: `Chorus Pro Echanges (e2e ${label} ${randomUUID()})`,
});

const as = async (who: Workstation, args: readonly string[], stdin?: string): Promise<Record<string, unknown>> => {
  const run = await runCliProcess(
    [...args, '--user-data-dir', who.dir, '--json'],
    who.keychain,
    stdin === undefined ? {} : { stdin },
  );
  expect(run.status, run.stdout + run.stderr).toBe(0);
  return run.json;
};

/** The IT person's workstation: the simulator's demo account configured and its fleet created in a share. */
async function itDepartment(simulator: Simulator, passwordUpdatedOn?: string) {
  const publisher = workstation('service-informatique');
  const folder = join(tempDir('chorus-e2e-partage-'), 'chorus');
  await as(publisher, [
    'configure',
    '--env',
    'custom',
    '--url',
    simulator.url,
    '--token-url',
    simulator.tokenUrl,
    '--login',
    demo.login,
    '--client-id',
    demo.clientId,
  ]);
  await as(publisher, ['set-client-secret', '--client-secret-stdin'], demo.clientSecret);
  await as(
    publisher,
    [
      'set-password',
      '--password-stdin',
      ...(passwordUpdatedOn === undefined ? [] : ['--no-verify', '--password-updated-on', passwordUpdatedOn]),
    ],
    demo.password,
  );
  const { fingerprint } = await as(
    publisher,
    ['fleet', 'create', folder, '--root-key-file', join(tempDir(), 'racine.age'), '--passphrase-stdin'],
    'la clé du coffre de la mairie',
  );
  return { publisher, folder, fingerprint: String(fingerprint) };
}

const fleetLine = (page: Page) => page.getByRole('status').filter({ hasText: 'Géré par le service informatique' });

test('a member shows the fleet that keeps its account, the password received from it, and leaves the renewal to the IT department', async ({
  launch,
  simulator,
}) => {
  // Eight command lines prepare the fleet before the app starts: generous on a loaded machine.
  test.setTimeout(240_000);
  // Communicated by Chorus Pro 13 months ago: the renewal is due, and it is the IT department's.
  const { publisher, folder, fingerprint } = await itDepartment(
    simulator,
    format(subMonths(new Date(), 13), 'yyyy-MM-dd'),
  );
  const member = workstation('secretaire');
  try {
    const { code } = await as(publisher, ['fleet', 'invite', folder]);
    await as(member, ['fleet', 'join', folder, '--publisher', fingerprint, '--code-stdin'], String(code));
    await as(publisher, ['fleet', 'publish', folder]);
    await as(member, ['fleet', 'sync']);

    const { page } = await launch({
      userDataDir: member.dir,
      keychainService: member.keychain,
      messageBoxButton: 'Autoriser',
    });
    const ui = screen(page);
    await expect(fleetLine(page)).toHaveText(`Géré par le service informatique — révision 1 reçue le ${today()}`);
    await expect(ui.login).toHaveValue(demo.login);
    // The password came from the IT department: said so, and not claimed verified until a test is.
    await expect(ui.password).toHaveAttribute('placeholder', 'Reçu du service informatique');
    await expect(
      page.getByText('Reçu du service informatique, non vérifié : le prochain test de connexion le vérifiera.'),
    ).toBeVisible();
    await expect(
      page.getByText('Mot de passe reçu du service informatique, commun à tous les postes du parc', { exact: false }),
    ).toBeVisible();
    await expect(
      page.getByText('Ce compte est géré par le service informatique : pour un nouveau mot de passe, contactez-le', {
        exact: false,
      }),
    ).toBeVisible();
    // The reminder is due, but the member is not asked to renew: the IT department does it once for every workstation.
    await expect(
      page.getByText(
        'contactez votre service informatique, qui renouvelle ce mot de passe une fois pour tous les postes ; ne le changez pas vous-même',
        { exact: false },
      ),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: 'Renouveler le mot de passe' })).toHaveCount(0);
    // Nor to report it in the exchange software: the publisher's workstation pushes it.
    await expect(
      page.getByText('Le poste éditeur du parc transmet le mot de passe de ce compte : rien à faire sur ce poste.'),
    ).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'expire dans' })).not.toContainText(
      'Demandez au gestionnaire principal',
    );
    await screenshot(page, '20-poste-du-parc');
    await expectAccessible(page);

    await ui.testButton.click();
    await expect(ui.success).toBeVisible();
    await expect(page.getByText('Reçu du service informatique, non vérifié')).toHaveCount(0);
    await expect(fleetLine(page)).toBeVisible();
  } finally {
    await clearKeychainService(publisher.keychain);
    await clearKeychainService(member.keychain);
  }
});

test('a window open when its account joins a fleet reads its destinations again: the publisher pushes the password', async ({
  launch,
  simulator,
}) => {
  // The shell sends fleetUpdated after its start's fleet work; the browser target's page is told
  // by the test itself, as the shell would tell it, after the command line applied a publication.
  test.skip(currentTarget() !== 'browser', 'événement envoyé par le test : cible navigateur seulement');
  test.setTimeout(240_000);
  const { publisher, folder, fingerprint } = await itDepartment(simulator);
  const member = workstation('fenetre-ouverte');
  try {
    const { page } = await launch({ userDataDir: member.dir, keychainService: member.keychain });
    await expect(screen(page).testButton).toBeVisible();
    await expect(page.getByText('Le poste éditeur du parc transmet', { exact: false })).toHaveCount(0);

    const { code } = await as(publisher, ['fleet', 'invite', folder]);
    await as(member, ['fleet', 'join', folder, '--publisher', fingerprint, '--code-stdin'], String(code));
    await as(publisher, ['fleet', 'publish', folder]);
    await as(member, ['fleet', 'sync']);
    await page.evaluate(() => {
      const deliver = (window as unknown as { __chorusDeliver: (event: string, payload: unknown) => void })
        .__chorusDeliver;
      deliver('fleetUpdated', { revision: 1 });
    });

    await expect(fleetLine(page)).toHaveText(`Géré par le service informatique — révision 1 reçue le ${today()}`);
    await expect(
      page.getByText('Le poste éditeur du parc transmet le mot de passe de ce compte : rien à faire sur ce poste.'),
    ).toBeVisible();
  } finally {
    await clearKeychainService(publisher.keychain);
    await clearKeychainService(member.keychain);
  }
});

test('a user who asked to join shows the phrase the IT person compares, until accepted', async ({
  launch,
  simulator,
}) => {
  test.setTimeout(240_000);
  const { publisher, folder, fingerprint } = await itDepartment(simulator);
  const member = workstation('en-attente');
  try {
    const joined = await as(member, ['fleet', 'join', folder, '--publisher', fingerprint]);
    const phrase = String(joined.phrase);
    expect(phrase).toMatch(/^\S+ \S+ \S+ \S+$/);

    const { page } = await launch({ userDataDir: member.dir, keychainService: member.keychain });
    const waiting = page.getByRole('status').filter({ hasText: 'attend son acceptation' });
    await expect(waiting).toContainText(phrase);
    await expect(fleetLine(page)).toHaveCount(0);
    await expectAccessible(page);
  } finally {
    await clearKeychainService(publisher.keychain);
    await clearKeychainService(member.keychain);
  }
});

test('the machine pointer makes a user of the app join at the next start: the phrase appears, then, once accepted, the fleet line', async ({
  launch,
  simulator,
}) => {
  needsMainWiring();
  test.setTimeout(300_000);
  const { publisher, folder } = await itDepartment(simulator);
  // The folder the installer creates: only administrators (here: this user alone) may write it.
  const programData = join(tempDir('chorus-e2e-programdata-'), 'Chorus Pro Echanges');
  mkdirSync(programData, { mode: 0o755 });
  const pointer = join(programData, 'fleet.json');
  await as(publisher, ['fleet', 'pointer', folder, pointer]);
  const user = workstation('deja-installe');
  try {
    // Someone who already uses the app, on its own account, before the pointer was dropped.
    const first = await launch({ userDataDir: user.dir, keychainService: user.keychain });
    await expect(screen(first.page).testButton).toBeVisible();
    await first.close({ keepData: true });

    const joining = await launch({ userDataDir: user.dir, keychainService: user.keychain, machineFleet: pointer });
    const { page } = joining;
    // Joined at start, alongside the window: the open screen is told (fleetUpdated) and shows the phrase.
    const waiting = page.getByRole('status').filter({ hasText: 'attend son acceptation' });
    await expect(waiting).toBeVisible({ timeout: 30_000 });
    const { members } = await as(publisher, ['fleet', 'members', folder]);
    const pending = (members as { id: string; phrase: string; state: string }[]).find(
      (candidate) => candidate.state === 'pending',
    );
    expect(pending).toBeDefined();
    await expect(waiting).toContainText(pending?.phrase ?? '');
    await as(publisher, ['fleet', 'publish', folder, '--accept', pending?.id ?? '', '--name', 'Accueil']);

    await joining.close({ keepData: true });
    // The next start applies the publication and says so on the open screen.
    const again = await launch({ userDataDir: user.dir, keychainService: user.keychain, machineFleet: pointer });
    await expect(fleetLine(again.page)).toHaveText(
      `Géré par le service informatique — révision 1 reçue le ${today()}`,
      { timeout: 30_000 },
    );
    await expect(screen(again.page).login).toHaveValue(demo.login);
    // And the exchange software's block follows too: the publisher pushes this account's password.
    await expect(
      again.page.getByText(
        'Le poste éditeur du parc transmet le mot de passe de ce compte : rien à faire sur ce poste.',
      ),
    ).toBeVisible();
  } finally {
    await clearKeychainService(publisher.keychain);
  }
});

test('a machine pointer that others may change is not followed, and the screen says why and what to do', async ({
  launch,
  simulator,
}) => {
  test.setTimeout(180_000);
  const { publisher, folder } = await itDepartment(simulator);
  const programData = join(tempDir('chorus-e2e-programdata-'), 'Chorus Pro Echanges');
  mkdirSync(programData, { mode: 0o755 });
  const pointer = join(programData, 'fleet.json');
  try {
    await as(publisher, ['fleet', 'pointer', folder, pointer]);
    // As a folder created by hand under %ProgramData% inherits: every user may write it.
    chmodSync(programData, 0o777);
    const { page } = await launch({ machineFleet: pointer });
    await expect(
      page
        .getByRole('alert')
        .filter({ hasText: "n'a pas été suivi : le dossier" })
        .filter({ hasText: "d'autres utilisateurs peuvent le modifier" }),
    ).toContainText('Votre service informatique peut le corriger');
  } finally {
    chmodSync(programData, 0o755);
    await clearKeychainService(publisher.keychain);
  }
});
