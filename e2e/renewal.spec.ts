import { subMonths } from 'date-fns';
import { createKeytarSecretStore } from '../main/secrets/keytar-secret-store';
import { secretAccounts } from '../main/secrets/secret-store';
import { expectAccessible, isoDay, screen, screenshot, today } from './screen';
import { demo, seedProfile } from './seed-profile';
import { expect, test } from './fixtures';

// Months ago, but not so long that the renewal reminder shows: these stories are not about it.
const longAgo = subMonths(new Date(), 3);
const longAgoShown = new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric' }).format(
  longAgo,
);

test('planned renewal: test, reset in the portal, new password through the modal, checked, dated today', async ({
  launch,
  simulator,
}) => {
  const { page } = await launch(
    await seedProfile({ apiBaseUrl: simulator.url, tokenUrl: simulator.tokenUrl, passwordUpdatedAt: longAgo }),
  );
  const ui = screen(page);
  await expect(ui.updatedAt).toHaveValue(longAgoShown);
  await ui.testButton.click();
  await expect(ui.success).toBeVisible();
  const newPassword = simulator.resetPassword(demo.login);

  await ui.renew.click();
  await expect(ui.modal).toBeVisible();
  await expect(ui.newPassword).toBeFocused();
  await expectAccessible(page);
  await ui.newPassword.fill('pas-celui-du-portail');
  await ui.validate.click();
  // The login cannot be changed in the modal, and a test just accepted it: the words speak of the password only.
  await expect(ui.modal.getByRole('alert')).toContainText(
    'Vérifiez le nouveau mot de passe communiqué par Chorus Pro, puis saisissez-le à nouveau : Chorus Pro le refuse',
  );
  await expect(ui.modal.getByRole('alert')).not.toContainText('identifiant');
  await expect(ui.modal).toBeVisible();
  await expect(ui.updatedAt).toHaveValue(longAgoShown);

  await ui.newPassword.fill(newPassword);
  await screenshot(page, '07-saisie-du-mot-de-passe');
  await ui.validate.click();
  await expect(ui.modal).toHaveCount(0);
  await expect(ui.updatedAt).toHaveValue(today());
  await ui.testButton.click();
  await expect(ui.success).toBeVisible();
});

test('renewal after the fact: the test fails after a reset, the new password typed in the connection block', async ({
  launch,
  simulator,
}) => {
  const { page } = await launch(
    await seedProfile({ apiBaseUrl: simulator.url, tokenUrl: simulator.tokenUrl, passwordUpdatedAt: longAgo }),
  );
  const ui = screen(page);
  const newPassword = simulator.resetPassword(demo.login);
  await ui.testButton.click();
  await expect(page.locator('#password-failure')).toContainText('Saisissez ici le nouveau mot de passe');
  await expect(ui.password).toBeFocused();
  await expect(ui.renew).toBeDisabled();

  await ui.password.fill(newPassword);
  await page.getByRole('button', { name: 'Afficher' }).first().click();
  await expect(ui.password).toHaveAttribute('type', 'text');
  await ui.testButton.click();
  await expect(ui.success).toBeVisible();
  await expect(ui.updatedAt).toHaveValue(today());
  await expect(ui.password).toHaveValue('');
  await expect(ui.renew).toBeEnabled();
  await screenshot(page, '08-renouvellement-apres-coup');
});

test('Abandonner, or Escape, changes nothing', async ({ launch, simulator }) => {
  const seeded = await seedProfile({
    apiBaseUrl: simulator.url,
    tokenUrl: simulator.tokenUrl,
    passwordUpdatedAt: longAgo,
  });
  const { page } = await launch(seeded);
  const ui = screen(page);
  await ui.testButton.click();
  await ui.renew.click();
  await ui.newPassword.fill('jamais-enregistre');
  await ui.abandon.click();
  await expect(ui.modal).toHaveCount(0);
  await ui.renew.click();
  await ui.newPassword.fill('jamais-enregistre-non-plus');
  await page.keyboard.press('Escape');
  await expect(ui.modal).toHaveCount(0);

  await expect(ui.updatedAt).toHaveValue(longAgoShown);
  const stored = await createKeytarSecretStore(seeded.keychainService).get(
    secretAccounts.technicalPassword(simulator.url, demo.login),
  );
  expect(stored).toBe(demo.password);
});

test('the whole renewal with the keyboard alone', async ({ launch, simulator }) => {
  const { page } = await launch(
    await seedProfile({ apiBaseUrl: simulator.url, tokenUrl: simulator.tokenUrl, passwordUpdatedAt: longAgo }),
  );
  const ui = screen(page);
  await ui.environment.focus();
  // Tab through the connection block to the test button and press it.
  for (
    let step = 0;
    step < 10 && !(await ui.testButton.evaluate((element) => element === document.activeElement));
    step += 1
  ) {
    await page.keyboard.press('Tab');
  }
  await expect(ui.testButton).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(ui.success).toBeVisible();
  const newPassword = simulator.resetPassword(demo.login);

  for (
    let step = 0;
    step < 25 && !(await ui.renew.evaluate((element) => element === document.activeElement));
    step += 1
  ) {
    await page.keyboard.press('Tab');
  }
  await expect(ui.renew).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(ui.newPassword).toBeFocused();
  await page.keyboard.type(newPassword);
  // Focus stays in the modal: Tab cycles through its own controls.
  for (let step = 0; step < 6; step += 1) {
    await page.keyboard.press('Tab');
    expect(await ui.modal.evaluate((dialog) => dialog.contains(document.activeElement))).toBe(true);
  }
  await ui.newPassword.focus();
  await page.keyboard.press('Enter');
  await expect(ui.modal).toHaveCount(0);
  await expect(ui.updatedAt).toHaveValue(today());
});

test('offline: the modal offers to save without checking, and says it did', async ({ launch, simulator }) => {
  const seeded = await seedProfile({
    apiBaseUrl: simulator.url,
    tokenUrl: simulator.tokenUrl,
    passwordUpdatedAt: longAgo,
  });
  const { page } = await launch(seeded);
  const ui = screen(page);
  await ui.testButton.click();
  await expect(ui.success).toBeVisible();
  simulator.failNext(503, 5);
  await ui.renew.click();
  await ui.newPassword.fill('Saisi-Hors-Ligne-2026');
  await ui.validate.click();
  await expect(ui.modal.getByRole('alert')).toContainText('Chorus Pro rencontre une erreur de son côté');
  await ui.modal.getByRole('button', { name: 'Enregistrer sans vérifier' }).click();
  await expect(ui.modal).toHaveCount(0);
  // Not verified: the date may still be corrected, in the date field.
  await expect(ui.updatedAt).toHaveValue(isoDay());
  await expect(
    page.getByText('Enregistré sans vérification : lancez le test de connexion dès que le poste a accès à Chorus Pro.'),
  ).toBeVisible();
  expect(
    await createKeytarSecretStore(seeded.keychainService).get(
      secretAccounts.technicalPassword(simulator.url, demo.login),
    ),
  ).toBe('Saisi-Hors-Ligne-2026');
});

test('a password with surrounding spaces is kept only once the user confirms it', async ({ launch, simulator }) => {
  const seeded = await seedProfile({ apiBaseUrl: simulator.url, tokenUrl: simulator.tokenUrl });
  const { page } = await launch(seeded);
  const ui = screen(page);
  await ui.testButton.click();
  await ui.renew.click();
  await ui.newPassword.fill(' colle-depuis-un-pdf ');
  await ui.validate.click();
  await expect(ui.modal.getByRole('alert')).toContainText('commence ou se termine par une espace');
  await ui.modal.getByLabel('Le mot de passe est exact, avec ses espaces').check();
  await ui.validate.click();
  // Confirmed, it goes to Chorus Pro, which refuses this one: nothing is stored.
  await expect(ui.modal.getByRole('alert')).toContainText('Chorus Pro le refuse');
  expect(
    await createKeytarSecretStore(seeded.keychainService).get(
      secretAccounts.technicalPassword(simulator.url, demo.login),
    ),
  ).toBe(demo.password);
});
