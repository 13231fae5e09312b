// A member of a fleet opens the app: the shipped main process reads the fleet's folder at start,
// alongside the window (never before it), and applies the publication waiting there.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { clearKeychainService } from '../main/secrets/keytar-secret-store';
import { runCliProcess } from '../test/support/cli-process';
import { tempDir } from '../test/support/temp-dirs';
import { expect, needsMainWiring, test } from './fixtures';
import { screen } from './screen';
import { demo } from './seed-profile';

test('the app applies the fleet publication waiting for this member at start, without holding the window', async ({
  launch,
  simulator,
}) => {
  needsMainWiring();
  // Nine command lines prepare the fleet before the app starts: generous on a loaded machine.
  test.setTimeout(240_000);
  const publisher = {
    dir: tempDir('chorus-e2e-editeur-'),
    keychain: `Chorus Pro Echanges (e2e éditeur ${randomUUID()})`,
  };
  const member = { dir: tempDir('chorus-e2e-membre-'), keychain: `Chorus Pro Echanges (e2e membre ${randomUUID()})` };
  const folder = join(tempDir('chorus-e2e-partage-'), 'flotte');
  const as = async (who: typeof publisher, args: readonly string[], stdin?: string) => {
    const run = await runCliProcess(
      [...args, '--user-data-dir', who.dir, '--json'],
      who.keychain,
      stdin === undefined ? {} : { stdin },
    );
    expect(run.status, run.stdout + run.stderr).toBe(0);
    return run.json;
  };
  try {
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
    const { code } = await as(publisher, ['fleet', 'invite', folder]);
    await as(member, ['fleet', 'join', folder, '--publisher', String(fingerprint), '--code-stdin'], String(code));
    await as(publisher, ['fleet', 'publish', folder]);

    const app = await launch({ userDataDir: member.dir, keychainService: member.keychain });
    await expect(screen(app.page).testButton).toBeVisible();
    await expect
      .poll(
        async () =>
          ((await as(member, ['fleet', 'status'])).fleets as { appliedRevision: number | null }[])[0]?.appliedRevision,
        { timeout: 30_000 },
      )
      .toBe(1);
    // The window, open meanwhile, follows without a restart: the fleet's line, and nothing to
    // report in the exchange software, the publisher's workstation pushing this account's password.
    await expect(app.page.getByRole('status').filter({ hasText: 'Géré par le service informatique' })).toBeVisible();
    await expect(
      app.page.getByText('Le poste éditeur du parc transmet le mot de passe de ce compte : rien à faire sur ce poste.'),
    ).toBeVisible();
    const status = await as(member, ['status']);
    expect(status).toMatchObject({
      settings: { login: demo.login, passwordVerified: false },
      secrets: { password: true, clientSecret: true },
    });
  } finally {
    await clearKeychainService(publisher.keychain);
    await clearKeychainService(member.keychain);
  }
});
