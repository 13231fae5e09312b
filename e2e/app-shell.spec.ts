import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { secretAccounts } from '../main/secrets/secret-store';
import { createKeytarSecretStore } from '../main/secrets/keytar-secret-store';
import { readPackageVersion } from './harness/browser-target';
import { expect, test } from './fixtures';

test('the window carries the real title and shows what the main process reads from disk and keychain', async ({ launch }) => {
  const userDataDir = mkdtempSync(join(tmpdir(), 'chorus-e2e-'));
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
  await expect(page.getByTestId('environment')).toHaveText('Qualification');
  await expect(page.getByTestId('api-base-url')).toHaveText('https://sandbox-api.piste.gouv.fr');
  await expect(page.getByTestId('password-state')).toHaveText('Enregistré dans le coffre-fort Windows');
  await expect(page.getByText('mot-de-passe-de-test')).toHaveCount(0);
});

test('a fresh profile starts on Production with no password stored', async ({ launch }) => {
  const { page } = await launch();

  await expect(page.getByTestId('environment')).toHaveText('Production');
  await expect(page.getByTestId('api-base-url')).toHaveText('https://api.piste.gouv.fr');
  await expect(page.getByTestId('password-state')).toHaveText('Non enregistré');
});
