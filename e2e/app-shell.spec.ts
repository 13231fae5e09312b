import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { secretAccounts } from '../main/secrets/secret-store';
import { createKeytarSecretStore } from '../main/secrets/keytar-secret-store';
import { readPackageVersion } from './harness/browser-target';
import { screen } from './screen';
import { expect, test } from './fixtures';
import { tempDir } from '../test/support/temp-dirs';

test('the window carries the real title and shows what the main process reads from disk and keychain', async ({
  launch,
}) => {
  const userDataDir = tempDir();
  const keychainService = `Chorus Pro Echanges (e2e ${randomUUID()})`;
  writeFileSync(
    join(userDataDir, 'config.json'),
    JSON.stringify({
      schemaVersion: 1,
      environment: 'qualification',
      apiBaseUrl: 'https://sandbox-api.piste.gouv.fr',
      tokenUrl: 'https://sandbox-oauth.piste.gouv.fr/api/oauth/token',
      login: 'TECH_1_mairie@cpro.fr',
      alertDelayMonths: 12,
      timeoutSeconds: 30,
    }),
  );
  await createKeytarSecretStore(keychainService).set(
    secretAccounts.technicalPassword('https://sandbox-api.piste.gouv.fr', 'TECH_1_mairie@cpro.fr'),
    'mot-de-passe-de-test',
  );

  const { page } = await launch({ userDataDir, keychainService });

  await expect(page).toHaveTitle('Configuration des échanges Chorus Pro');
  await expect(page.getByTestId('app-version')).toHaveText(readPackageVersion());
  const ui = screen(page);
  await expect(ui.environment).toHaveValue('qualification');
  await expect(ui.url).toHaveValue('https://sandbox-api.piste.gouv.fr');
  await expect(ui.login).toHaveValue('TECH_1_mairie@cpro.fr');
  await expect(ui.password).toHaveValue('');
  await expect(ui.password).toHaveAttribute('placeholder', 'Enregistré dans le coffre-fort');
  expect(await page.content()).not.toContain('mot-de-passe-de-test');
});

test('a fresh profile starts on Production with no password stored', async ({ launch }) => {
  const { page } = await launch();
  const ui = screen(page);

  await expect(ui.environment).toHaveValue('production');
  await expect(ui.url).toHaveValue('https://api.piste.gouv.fr');
  await expect(ui.password).toHaveAttribute('placeholder', '');
  await expect(ui.alertDelay).toHaveValue('12');
  await expect(ui.updatedAt).toHaveValue('');
});
