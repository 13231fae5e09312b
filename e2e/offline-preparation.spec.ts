import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import keytar from 'keytar';
import { closedPort } from '../test/support/loopback-servers';
import { buildProfile } from '../main/profiles/profile-transfer';
import { clearKeychainService, createKeytarSecretStore } from '../main/secrets/keytar-secret-store';
import { storedSettingsSchema } from '../main/settings/settings-schema';
import { secretAccounts } from '../main/secrets/secret-store';
import { loadFixture } from './simulator/fixture';
import { startSimulator, tokenPath } from './simulator/simulator';
import { expectAccessible, isoDay, screen, screenshot } from './screen';
import { demo, savedSettings, seedProfile } from './seed-profile';
import { expect, test } from './fixtures';
import { tempDir } from '../test/support/temp-dirs';

const unverifiedNotice =
  'Enregistré sans vérification : lancez le test de connexion dès que le poste a accès à Chorus Pro.';
const frenchDay = (iso: string): string => iso.split('-').reverse().join('/');
const folder = () => tempDir('chorus-hors-ligne-');

test('offline preparation: nothing answers, everything is typed and kept, then the first test on the workstation verifies it', async ({
  launch,
}) => {
  // The workstation cannot reach Chorus Pro yet: nothing listens at the address it will use.
  const port = await closedPort();
  const address = `http://127.0.0.1:${port}`;
  const communicated = isoDay(-60);

  const first = await launch();
  let ui = screen(first.page);
  await ui.environment.selectOption('custom');
  await ui.url.fill(address);
  await ui.login.fill(demo.login);
  await ui.advanced.click();
  await ui.tokenUrl.fill(`${address}${tokenPath}`);
  await ui.clientId.fill(demo.clientId);
  await ui.clientSecret.fill(demo.clientSecret);
  await ui.saveSecret.click();
  await expect(first.page.locator('#clientSecret-message')).toHaveText(/^Secret client enregistré dans le coffre-fort/);
  await ui.alertDelay.selectOption('6');
  await ui.updatedAt.fill(communicated);
  await expect(first.page.getByText(/Expiration\s: .* \(date estimée/)).toBeVisible();
  await ui.password.fill(demo.password);

  await ui.testButton.click();
  const failure = ui.alert.filter({ hasText: "Le serveur n'a pas pu être joint" });
  await expect(failure).toBeVisible();
  await failure.getByRole('button', { name: 'Enregistrer sans vérifier' }).click();
  await expect(first.page.getByText(unverifiedNotice)).toBeVisible();
  await expect(ui.password).toHaveValue('');
  await expect(ui.password).toHaveAttribute('placeholder', 'Enregistré dans le coffre-fort');
  await expectAccessible(first.page);
  await screenshot(first.page, '13-preparation-hors-ligne');
  await first.close({ keepData: true });

  const relaunched = await launch({ userDataDir: first.userDataDir, keychainService: first.keychainService });
  ui = screen(relaunched.page);
  await expect(ui.url).toHaveValue(address);
  await expect(ui.login).toHaveValue(demo.login);
  await expect(ui.alertDelay).toHaveValue('6');
  await expect(ui.updatedAt).toHaveValue(communicated);
  await expect(relaunched.page.getByText(unverifiedNotice)).toBeVisible();
  // The reminder counts from the typed date: 424 days after it, or 6 months after it.
  const expiry = new Date(`${communicated}T12:00:00`);
  expiry.setDate(expiry.getDate() + 424);
  await expect(relaunched.page.locator('#expiry')).toContainText(`Expiration : ${expiry.toLocaleDateString('fr-FR')}`);
  expect(
    await createKeytarSecretStore(first.keychainService).get(secretAccounts.technicalPassword(address, demo.login)),
  ).toBe(demo.password);
  await relaunched.close({ keepData: true });

  // On the workstation, Chorus Pro answers at that address: the first test verifies the password.
  const simulator = await startSimulator({ fixture: loadFixture(), port });
  try {
    const onSite = await launch({ userDataDir: first.userDataDir, keychainService: first.keychainService });
    ui = screen(onSite.page);
    await ui.testButton.click();
    await expect(ui.success).toBeVisible();
    await expect(onSite.page.getByText(unverifiedNotice)).toHaveCount(0);
    // Verified now: the date is the one given, no longer editable.
    await expect(ui.updatedAt).toHaveValue(frenchDay(communicated));
    await expect(ui.updatedAt).not.toBeEditable();
    await screenshot(onSite.page, '14-premier-test-sur-le-poste');
  } finally {
    await simulator.close();
  }
});

test('the date of the password refuses a future day and an expired one, and says why', async ({ launch }) => {
  const { page, userDataDir } = await launch();
  const ui = screen(page);
  await ui.updatedAt.fill(isoDay(2));
  await expect(page.getByText('Date de dernière mise à jour : la date est dans le futur')).toBeVisible();
  await ui.updatedAt.fill(isoDay(-430));
  await expect(page.getByText(/a déjà expiré\s; demandez-en un nouveau/)).toBeVisible();
  expect(savedSettings(userDataDir)).not.toHaveProperty('passwordUpdatedAt');
  expect(savedSettings(userDataDir)).toHaveProperty('environment');
});

test('the date field reads jj/mm/aaaa, as on a French workstation: digits typed day first give that day', async ({
  launch,
}) => {
  const { page, userDataDir } = await launch();
  const ui = screen(page);
  const communicated = isoDay(-20);
  // Focus lands on the field's first part, the day in French order.
  await ui.updatedAt.click({ position: { x: 8, y: 10 } });
  await page.keyboard.type(frenchDay(communicated).replaceAll('/', ''));
  await expect(ui.updatedAt).toHaveValue(communicated);
  await ui.updatedAt.blur();
  await expect.poll(() => savedSettings(userDataDir).passwordUpdatedAt).toBeDefined();
});

test('a password Chorus Pro refuses is never offered to be kept unchecked', async ({ launch, simulator }) => {
  const { page } = await launch(await seedProfile({ apiBaseUrl: simulator.url, tokenUrl: simulator.tokenUrl }));
  const ui = screen(page);
  await ui.password.fill('pas-le-bon-mot-de-passe');
  await ui.testButton.click();
  await expect(page.locator('#password-failure')).toContainText('Chorus Pro refuse celui-ci');
  await expect(page.getByRole('button', { name: 'Enregistrer sans vérifier' })).toHaveCount(0);
});

test('encrypted deployment: export with the passwords, a wrong passphrase refused in place, then the right one, and the test succeeds there', async ({
  launch,
  simulator,
}) => {
  const profileFile = join(folder(), 'profil-chorus-pro.json');
  const passphrase = 'mairie de Plouër, bureau 2';
  const source = await launch({
    ...(await seedProfile({ apiBaseUrl: simulator.url, tokenUrl: simulator.tokenUrl })),
    fileToSave: profileFile,
  });
  await source.page.getByText('Déploiement et assistance').click();
  await source.page.getByLabel('Inclure les mots de passe, chiffrés par une phrase secrète').check();
  await source.page.getByLabel('Phrase secrète', { exact: true }).fill(passphrase);
  await source.page.getByLabel('Phrase secrète (confirmation)').fill('mairie de Plouër, bureau 3');
  await source.page.getByRole('button', { name: 'Exporter le profil de déploiement…' }).click();
  await expect(source.page.getByText('Les deux saisies de la phrase secrète diffèrent')).toBeVisible();
  await source.page.getByLabel('Phrase secrète (confirmation)').fill(passphrase);
  await source.page.getByRole('button', { name: 'Exporter le profil de déploiement…' }).click();
  await expect(
    source.page.getByText(`Profil de déploiement exporté, mots de passe chiffrés : ${profileFile}`),
  ).toBeVisible({ timeout: 20_000 });
  const exported = readFileSync(profileFile, 'utf8');
  expect(exported).toContain('BEGIN AGE ENCRYPTED FILE');
  for (const secret of [demo.password, demo.clientSecret, passphrase]) expect(exported).not.toContain(secret);

  const target = await launch({ fileToChoose: profileFile });
  const ui = screen(target.page);
  const settingsBefore = readFileSync(join(target.userDataDir, 'config.json'), 'utf8');
  await target.page.getByText('Déploiement et assistance').click();
  await target.page.getByRole('button', { name: 'Importer un profil de déploiement…' }).click();
  const dialog = target.page.getByRole('dialog', { name: 'Importer un profil de déploiement' });
  await expect(dialog).toContainText('Ce profil contient aussi les mots de passe, chiffrés');
  await dialog.getByLabel('Phrase secrète').fill('une mauvaise phrase secrète');
  await dialog.getByRole('button', { name: 'Importer' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Phrase secrète incorrecte', { timeout: 20_000 });
  expect(readFileSync(join(target.userDataDir, 'config.json'), 'utf8')).toBe(settingsBefore);
  expect(await keytar.findCredentials(target.keychainService)).toEqual([]);
  await expectAccessible(target.page);
  await screenshot(target.page, '15-deploiement-chiffre');

  await dialog.getByLabel('Phrase secrète').fill(passphrase);
  await dialog.getByRole('button', { name: 'Importer' }).click();
  await expect(dialog).toHaveCount(0, { timeout: 20_000 });
  await expect(ui.login).toHaveValue(demo.login);
  await expect(target.page.getByText(unverifiedNotice)).toBeVisible();
  await ui.testButton.click();
  await expect(ui.success).toBeVisible();
  await expect(target.page.getByText(unverifiedNotice)).toHaveCount(0);
});

test('a machine-wide profile with encrypted passwords: settings at first start, the passphrase asked once, then the test succeeds', async ({
  launch,
  simulator,
}) => {
  const seeded = await seedProfile({ apiBaseUrl: simulator.url, tokenUrl: simulator.tokenUrl });
  const settings = storedSettingsSchema.parse(savedSettings(seeded.userDataDir));
  const machineProfile = join(folder(), 'profile.json');
  writeFileSync(
    machineProfile,
    JSON.stringify(
      await buildProfile(
        settings,
        createKeytarSecretStore(seeded.keychainService),
        'la phrase du service informatique',
      ),
    ),
  );
  // The workstation that prepared the profile is not launched: its traces go now.
  await clearKeychainService(seeded.keychainService);
  rmSync(seeded.userDataDir, { recursive: true, force: true });

  const { page } = await launch({ machineProfile });
  const ui = screen(page);
  const region = page.getByRole('region', { name: 'Mots de passe du profil de déploiement' });
  await expect(ui.login).toHaveValue(demo.login);
  await expect(region).toBeVisible();
  await expectAccessible(page);
  await region.getByLabel('Phrase secrète').fill('pas celle-ci du tout');
  await region.getByRole('button', { name: 'Importer les mots de passe' }).click();
  await expect(region.getByRole('alert')).toContainText('Phrase secrète incorrecte', { timeout: 20_000 });
  await region.getByLabel('Phrase secrète').fill('la phrase du service informatique');
  await region.getByRole('button', { name: 'Importer les mots de passe' }).click();
  await expect(region).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByText(unverifiedNotice)).toBeVisible();
  await ui.testButton.click();
  await expect(ui.success).toBeVisible();
});
