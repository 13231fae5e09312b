// Issue 32, the publisher's screen: « Parc de postes » under « Déploiement et assistance » — the
// last publication, what needs doing, the workstations waiting with their phrase, and the table of
// every workstation × account from the status files the members wrote after their daily check. The
// fleet is prepared through the real command line, each workstation in its own folder and keychain.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { clearKeychainService } from '../main/secrets/keytar-secret-store';
import { runCliProcess } from '../test/support/cli-process';
import { typographyFaults } from '../test/support/french-typography-check';
import { tempDir } from '../test/support/temp-dirs';
import { expect, test } from './fixtures';
import { expectAccessible, screenshotFolder } from './screen';
import { demo } from './seed-profile';

interface Workstation {
  readonly dir: string;
  readonly keychain: string;
}
const workstation = (label: string): Workstation => ({
  dir: tempDir(`chorus-e2e-${label}-`),
  keychain: `Chorus Pro Echanges (e2e ${label} ${randomUUID()})`,
});

const run = async (who: Workstation, args: readonly string[], stdin?: string) =>
  runCliProcess([...args, '--user-data-dir', who.dir, '--json'], who.keychain, stdin === undefined ? {} : { stdin });
const as = async (who: Workstation, args: readonly string[], stdin?: string): Promise<Record<string, unknown>> => {
  const done = await run(who, args, stdin);
  expect(done.status, done.stdout + done.stderr).toBe(0);
  return done.json;
};

test("the publisher's « Parc de postes »: who waits with its phrase, the last publication, every workstation × account in colour", async ({
  launch,
  simulator,
}) => {
  // A dozen command lines prepare the fleet before the app starts: generous on a loaded machine.
  test.setTimeout(300_000);
  const publisher = workstation('service-informatique');
  const members = [workstation('mairie'), workstation('ecole'), workstation('mediatheque')];
  try {
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
    await as(publisher, ['set-password', '--password-stdin'], demo.password);
    const { fingerprint } = await as(
      publisher,
      ['fleet', 'create', folder, '--root-key-file', join(tempDir(), 'racine.age'), '--passphrase-stdin'],
      'la clé du coffre de la mairie',
    );
    const [mairie, ecole, mediatheque] = members as [Workstation, Workstation, Workstation];
    for (const member of [mairie, ecole]) {
      const { code } = await as(publisher, ['fleet', 'invite', folder]);
      await as(member, ['fleet', 'join', folder, '--publisher', String(fingerprint), '--code-stdin'], String(code));
    }
    // The third asks without a code: it waits, with its phrase.
    const waiting = await as(mediatheque, ['fleet', 'join', folder, '--publisher', String(fingerprint)]);
    await as(publisher, ['fleet', 'publish', folder]);
    // The town hall's daily check passes; then the portal resets the password and the school's fails.
    await as(mairie, ['test', '--all']);
    const renewed = simulator.resetPassword(demo.login);
    expect((await run(ecole, ['test', '--all'])).status).toBe(1);

    const { page } = await launch({
      userDataDir: publisher.dir,
      keychainService: publisher.keychain,
      messageBoxButton: 'Autoriser',
    });
    await page.getByText('Déploiement et assistance').click();
    const park = page.getByRole('group', { name: 'Parc de postes' });
    await expect(park.getByRole('status')).toHaveText(
      'Urgent : un compte en échec, ou un poste sans nouvelles depuis plus de 2 jours.',
    );
    await expect(park).toContainText('dernière publication : révision 1. Publiée le');
    await expect(park.getByText(String(waiting.phrase))).toBeVisible();
    const rows = park.locator('tbody tr');
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: 'Urgent' })).toContainText('en échec : AUTH_REJECTED');
    await expect(rows.filter({ hasText: 'OK' }).locator('td').nth(3)).toHaveText('OK');
    expect(
      await rows
        .filter({ hasText: 'Urgent' })
        .locator('td.park-level')
        .evaluate((cell) => getComputedStyle(cell).backgroundColor),
    ).toBe('rgb(251, 213, 213)');
    // A picture of the section alone, for the guide (its ids, phrase and dates differ at each run: not compared).
    await park.screenshot({ path: join(screenshotFolder(), '25-parc-de-postes.png') });
    const parkTexts = await park.evaluate((section) =>
      [section, ...section.querySelectorAll('*')]
        .map((element) =>
          [...element.childNodes]
            .filter((node) => node.nodeType === Node.TEXT_NODE)
            .map((node) => node.textContent ?? '')
            .join(''),
        )
        .filter((text) => text.trim() !== ''),
    );
    expect(
      parkTexts.flatMap((text) => typographyFaults(text).map((fault) => `${fault.rule} : ${fault.around}`)),
    ).toEqual([]);
    await expectAccessible(page);

    // The IT person renews once and publishes; the school's next check passes: « Actualiser » shows it.
    await as(publisher, ['set-password', '--password-stdin'], renewed);
    await as(publisher, ['fleet', 'publish', folder]);
    await as(ecole, ['test', '--all']);
    await as(mairie, ['test', '--all']);
    await park.getByRole('button', { name: 'Actualiser' }).click();
    await expect(park.getByRole('status')).toHaveText('OK : tous les postes vont bien.');
    await expect(rows.filter({ hasText: 'Urgent' })).toHaveCount(0);
  } finally {
    await clearKeychainService(publisher.keychain);
    for (const member of members) await clearKeychainService(member.keychain);
  }
});
