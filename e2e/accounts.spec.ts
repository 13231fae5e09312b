import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { subMonths } from 'date-fns';
import keytar from 'keytar';
import { secretAccounts } from '../main/secrets/secret-store';
import { configureThroughScreen, expectAccessible, screen, screenshot, today } from './screen';
import { demo, seedProfile } from './seed-profile';
import { expect, needsMainWiring, test } from './fixtures';
import type { Page } from '@playwright/test';

const accountBar = (page: Page) => ({
  select: page.getByLabel('Compte technique', { exact: true }),
  add: page.getByRole('button', { name: 'Ajouter', exact: true }),
  rename: page.getByRole('button', { name: 'Renommer', exact: true }),
  remove: page.getByRole('button', { name: 'Supprimer', exact: true }),
});

test('a secrétaire de mairie adds a second commune, configures and tests it, switches back: each keeps its own settings, date and gate', async ({
  launch,
  simulator,
}) => {
  const app = await launch(
    await seedProfile({
      apiBaseUrl: simulator.url,
      tokenUrl: simulator.tokenUrl,
      passwordUpdatedAt: subMonths(new Date(), 3),
    }),
  );
  const { page } = app;
  const ui = screen(page);
  const bar = accountBar(page);
  await expect(bar.select).toHaveValue('Compte principal');
  await ui.testButton.click();
  await expect(ui.success).toBeVisible();
  await expect(ui.renew).toBeEnabled();

  // A password typed and not saved is never carried to another commune, nor lost silently.
  await ui.password.fill('pas-encore-enregistre');
  await bar.add.click();
  await expect(page.getByRole('alert').filter({ hasText: "n'est pas encore enregistré" })).toBeVisible();
  await ui.password.fill('');

  await bar.add.click();
  const dialog = page.getByRole('dialog', { name: 'Ajouter un compte technique' });
  await dialog.getByLabel('Nom du compte').fill('compte PRINCIPAL');
  await dialog.getByRole('button', { name: 'Ajouter' }).click();
  await expect(dialog.getByRole('alert')).toContainText('existe déjà');
  await dialog.getByLabel('Nom du compte').fill('Commune de Tréméreuc');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Ajouter' }).click();
  await expect(bar.select).toHaveValue('Commune de Tréméreuc');
  // A fresh account: nothing of the first one's test, gate or typed values.
  await expect(ui.success).toHaveCount(0);
  await expect(ui.renew).toBeDisabled();
  await expect(ui.login).toHaveValue('');

  const second = { login: 'TECH_3_sans_structure@cpro.fr', clientId: demo.clientId, clientSecret: demo.clientSecret };
  await configureThroughScreen(page, simulator, second);
  await ui.password.fill(simulator.resetPassword(second.login));
  await ui.testButton.click();
  await expect(ui.success).toBeVisible();
  await expect(ui.updatedAt).toHaveValue(today());
  // The account list says the test too (it is read again after it): the picture waits for it.
  await expect(bar.select).toContainText('Commune de Tréméreuc — OK');
  await screenshot(page, '16-deux-communes');

  await bar.select.selectOption('Compte principal');
  await expect(ui.login).toHaveValue(demo.login);
  await expect(ui.success).toHaveCount(0);
  await expect(ui.renew).toBeDisabled();
  await expect(ui.updatedAt).not.toHaveValue(today());
  await bar.select.selectOption('Commune de Tréméreuc');
  await expect(ui.login).toHaveValue(second.login);
  await expect(ui.updatedAt).toHaveValue(today());
});

test('an existing single-account profile, as version 0.1.0 left it, opens as « Compte principal » with everything kept', async ({
  launch,
  simulator,
}) => {
  const seeded = await seedProfile({
    apiBaseUrl: simulator.url,
    tokenUrl: simulator.tokenUrl,
    passwordUpdatedAt: subMonths(new Date(), 2),
  });
  const file = join(seeded.userDataDir, 'config.json');
  const account = (JSON.parse(readFileSync(file, 'utf8')) as { accounts: Record<string, unknown>[] }).accounts[0] ?? {};
  const { name: _name, ...settings } = account;
  // Exactly what 0.1.0 writes: one flat settings object, version 2, its secrets under the same names.
  writeFileSync(file, JSON.stringify({ schemaVersion: 2, ...settings }, null, '\t'));
  const { page } = await launch(seeded);
  const ui = screen(page);
  await expect(accountBar(page).select).toHaveValue('Compte principal');
  await expect(ui.login).toHaveValue(demo.login);
  await expect(ui.password).toHaveAttribute('placeholder', 'Enregistré dans le coffre-fort');
  await ui.testButton.click();
  await expect(ui.success).toBeVisible();
});

test('two accounts due at different dates: the banner names the right one; removing an account asks and removes only its keychain entries', async ({
  launch,
  simulator,
}) => {
  const seeded = await seedProfile({
    apiBaseUrl: simulator.url,
    tokenUrl: simulator.tokenUrl,
    passwordUpdatedAt: subMonths(new Date(), 13),
  });
  const file = join(seeded.userDataDir, 'config.json');
  const stored = JSON.parse(readFileSync(file, 'utf8')) as {
    accounts: Record<string, unknown>[];
    selectedAccount: string;
  };
  const first = stored.accounts[0] ?? {};
  const login2 = 'TECH_3_sans_structure@cpro.fr';
  stored.accounts = [
    { ...first, name: 'Commune de Plouër' },
    { ...first, name: 'SIVOM de la Rance', login: login2, passwordUpdatedAt: new Date().toISOString() },
  ];
  stored.selectedAccount = 'SIVOM de la Rance';
  writeFileSync(file, JSON.stringify(stored));
  await keytar.setPassword(
    seeded.keychainService,
    secretAccounts.technicalPassword(simulator.url, login2),
    'mot-de-passe-du-sivom',
  );

  const { page } = await launch(seeded);
  const bar = accountBar(page);
  await expect(bar.select).toHaveValue('SIVOM de la Rance');
  const due = page.getByRole('status').filter({ hasText: 'Compte « Commune de Plouër » : mot de passe à renouveler' });
  await expect(due).toBeVisible();
  await expect(page.getByText('Compte « SIVOM de la Rance » : mot de passe')).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, '17-rappel-par-compte');
  await due.getByRole('button', { name: 'Afficher « Commune de Plouër »' }).click();
  await expect(bar.select).toHaveValue('Commune de Plouër');
  await expect(
    page
      .getByRole('alert')
      .filter({ hasText: 'Compte « Commune de Plouër » : faites renouveler le mot de passe du compte technique' }),
  ).toBeVisible();

  await bar.select.selectOption('SIVOM de la Rance');
  await bar.remove.click();
  const dialog = page.getByRole('dialog', { name: 'Supprimer le compte technique' });
  await expect(dialog).toContainText('Le compte « SIVOM de la Rance » sera supprimé');
  await dialog.getByRole('button', { name: 'Annuler' }).click();
  await expect(bar.select).toHaveValue('SIVOM de la Rance');
  await bar.remove.click();
  await dialog.getByRole('button', { name: 'Supprimer' }).click();
  await expect(bar.select).toHaveValue('Commune de Plouër');
  await expect(bar.select.locator('option')).toHaveCount(1);
  const entries = (await keytar.findCredentials(seeded.keychainService)).map((entry) => entry.account);
  expect(entries).not.toContain(secretAccounts.technicalPassword(simulator.url, login2));
  expect(entries).toContain(secretAccounts.technicalPassword(simulator.url, demo.login));
  // The PISTE application the two shared stays for the one left.
  expect(entries).toContain(
    secretAccounts.clientSecret({ tokenUrl: simulator.tokenUrl, apiBaseUrl: simulator.url }, demo.clientId),
  );
});

test('add, rename, switch and remove with the keyboard alone', async ({ launch }) => {
  const { page } = await launch();
  const bar = accountBar(page);
  await bar.add.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Nom du compte')).toBeFocused();
  await page.keyboard.type('Budget annexe eau');
  await page.keyboard.press('Enter');
  await expect(bar.select).toHaveValue('Budget annexe eau');
  await expect(bar.select).toBeFocused();
  await bar.rename.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Nouveau nom')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Budget annexe assainissement');
  await page.keyboard.press('Enter');
  await expect(bar.select.locator('option:checked')).toHaveText('Budget annexe assainissement — non testé');
  await bar.select.focus();
  await page.keyboard.press('ArrowUp');
  await expect(bar.select).toHaveValue('Compte principal');
  await expect(bar.select).toBeFocused();
  // The list of accounts comes apart from the settings (issue 22): the user sees both before moving on.
  await expect(bar.select.locator('option')).toHaveCount(2);
  await page.keyboard.press('ArrowDown');
  await expect(bar.select).toHaveValue('Budget annexe assainissement');
  await bar.remove.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Supprimer le compte technique' });
  await expect(dialog.getByRole('button', { name: 'Annuler' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(dialog.getByRole('button', { name: 'Supprimer' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(bar.select.locator('option')).toHaveCount(1);
});

test('an export of all accounts, with their passwords, imported on another workstation after the list of changes account by account', async ({
  launch,
  simulator,
}) => {
  const seeded = await seedProfile({ apiBaseUrl: simulator.url, tokenUrl: simulator.tokenUrl });
  const file = join(seeded.userDataDir, 'config.json');
  const stored = JSON.parse(readFileSync(file, 'utf8')) as { accounts: Record<string, unknown>[] };
  const first = stored.accounts[0] ?? {};
  stored.accounts = [
    { ...first, name: 'Commune de Plouër' },
    { ...first, name: 'Commune de Tréméreuc', login: 'TECH_3_sans_structure@cpro.fr' },
  ];
  writeFileSync(file, JSON.stringify({ ...stored, selectedAccount: 'Commune de Plouër' }));
  await keytar.setPassword(
    seeded.keychainService,
    secretAccounts.technicalPassword(simulator.url, 'TECH_3_sans_structure@cpro.fr'),
    'Sans-Structure-2026',
  );
  const profileFile = join(seeded.userDataDir, 'profil-tous-les-comptes.json');

  const source = await launch({ ...seeded, fileToSave: profileFile });
  await source.page.getByText('Déploiement et assistance').click();
  await source.page.getByLabel(/Exporter tous les comptes techniques \(2\)/).check();
  await source.page.getByLabel('Inclure les mots de passe, chiffrés par une phrase secrète').check();
  await source.page.getByLabel('Phrase secrète', { exact: true }).fill('deux communes, une phrase');
  await source.page.getByLabel('Phrase secrète (confirmation)').fill('deux communes, une phrase');
  await source.page.getByRole('button', { name: 'Exporter le profil de déploiement…' }).click();
  await expect(
    source.page.getByText(`Profil de déploiement exporté, mots de passe chiffrés : ${profileFile}`),
  ).toBeVisible({ timeout: 20_000 });

  const target = await launch({ fileToChoose: profileFile });
  await target.page.getByText('Déploiement et assistance').click();
  await target.page.getByRole('button', { name: 'Importer un profil de déploiement…' }).click();
  const dialog = target.page.getByRole('dialog', { name: 'Importer un profil de déploiement' });
  // A new account's first row names it; the rows after it give each of its settings.
  await expect(dialog.getByRole('row', { name: /«\sCommune de Tréméreuc\s»/ }).first()).toContainText(
    '(nouveau compte)',
  );
  await expect(dialog.getByRole('row', { name: /«\sCommune de Tréméreuc\s» — Lien URL/ })).toContainText(simulator.url);
  await expect(dialog.getByRole('row', { name: /«\sCommune de Plouër\s»/ }).first()).toBeVisible();
  await dialog.getByLabel('Phrase secrète').fill('deux communes, une phrase');
  await dialog.getByRole('button', { name: 'Importer' }).click();
  await expect(dialog).toHaveCount(0, { timeout: 20_000 });
  const bar = accountBar(target.page);
  // The fresh workstation's empty « Compte principal » gave way to the profile's accounts.
  await expect(bar.select.locator('option')).toHaveText([
    'Commune de Plouër — non testé',
    'Commune de Tréméreuc — non testé',
  ]);
  await expect(bar.select).toHaveValue('Commune de Plouër');
  await bar.select.selectOption('Commune de Tréméreuc');
  const ui = screen(target.page);
  await expect(ui.login).toHaveValue('TECH_3_sans_structure@cpro.fr');
  await ui.testButton.click();
  await expect(ui.success).toBeVisible();
});

test('each account due gets its own OS notification, naming it; an account not due gets none', async ({
  launch,
  simulator,
}) => {
  needsMainWiring();
  const seeded = await seedProfile({
    apiBaseUrl: simulator.url,
    tokenUrl: simulator.tokenUrl,
    passwordUpdatedAt: subMonths(new Date(), 13),
  });
  const file = join(seeded.userDataDir, 'config.json');
  const stored = JSON.parse(readFileSync(file, 'utf8')) as { accounts: Record<string, unknown>[] };
  const first = stored.accounts[0] ?? {};
  stored.accounts = [
    { ...first, name: 'Commune de Plouër' },
    {
      ...first,
      name: 'Commune de Tréméreuc',
      login: 'TECH_3_sans_structure@cpro.fr',
      passwordUpdatedAt: new Date().toISOString(),
    },
    {
      ...first,
      name: 'SIVOM de la Rance',
      login: 'TECH_2_expire@cpro.fr',
      passwordUpdatedAt: subMonths(new Date(), 15).toISOString(),
    },
  ];
  writeFileSync(file, JSON.stringify({ ...stored, selectedAccount: 'Commune de Tréméreuc' }));
  const app = await launch(seeded);
  await expect(accountBar(app.page).select).toHaveValue('Commune de Tréméreuc');
  await expect.poll(() => app.reminders.notificationTexts.length).toBe(2);
  expect(app.reminders.notificationTexts[0]).toMatch(
    /^Compte «\u00a0Commune de Plouër\u00a0»\u00a0: le mot de passe du compte technique Chorus Pro expire/,
  );
  expect(app.reminders.notificationTexts[1]).toMatch(
    /^Compte «\u00a0SIVOM de la Rance\u00a0»\u00a0: le mot de passe du compte technique Chorus Pro a probablement expiré/,
  );
});
