import { closedPort } from '../test/support/loopback-servers';
import { expectAccessible, screen, screenshot } from './screen';
import { seedProfile } from './seed-profile';
import { expect, test } from './fixtures';

test('successful test: progress while it runs, then the original success message', async ({ launch, simulator }) => {
  const { page } = await launch(await seedProfile({ apiBaseUrl: simulator.url, tokenUrl: simulator.tokenUrl }));
  const ui = screen(page);
  await expect(ui.renew).toBeDisabled();
  simulator.setDelay(1_500);

  await ui.testButton.click();
  await expect(page.getByText(/Connexion à Chorus Pro en cours \(\d+\s+s\)/)).toBeVisible();
  await expect(ui.cancel).toBeVisible();
  await expect(ui.testButton).toBeDisabled();
  await expectAccessible(page);
  await screenshot(page, '03-test-en-cours');

  await expect(ui.success).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'La connexion a été établie' })).toBeVisible();
  await expect(page.getByText('(3 structures)')).toBeVisible();
  await expect(ui.renew).toBeEnabled();
  await expect(ui.structuresButton).toBeVisible();
  await screenshot(page, '04-test-reussi');
});

test('changing the login greys "Saisir un nouveau mot de passe" again', async ({ launch, simulator }) => {
  const { page } = await launch(await seedProfile({ apiBaseUrl: simulator.url, tokenUrl: simulator.tokenUrl }));
  const ui = screen(page);
  await ui.testButton.click();
  await expect(ui.renew).toBeEnabled();
  await ui.login.fill('TECH_9_autre@cpro.fr');
  await expect(ui.renew).toBeDisabled();
  await ui.login.fill('TECH_1_demo@cpro.fr');
  await ui.password.fill('x');
  await expect(ui.renew).toBeDisabled();
});

test('wrong password: Chorus Pro’s refusal at « Mot de passe », with what to do, the focus there; renewal stays greyed', async ({
  launch,
  simulator,
}) => {
  const { page } = await launch(
    await seedProfile({ apiBaseUrl: simulator.url, tokenUrl: simulator.tokenUrl, password: 'ancien-mot-de-passe' }),
  );
  const ui = screen(page);
  await ui.testButton.click();
  const refusal = page.locator('#password-failure');
  await expect(refusal).toContainText(
    'Saisissez ici le nouveau mot de passe communiqué par Chorus Pro, puis lancez le test : Chorus Pro refuse celui-ci.',
  );
  await expect(ui.password).toBeFocused();
  await expect(ui.password).toHaveAttribute('aria-describedby', /password-failure/);
  // What only the IT person needs is folded under « Détails ».
  await expect(refusal.getByText(/HTTP 401/)).toBeHidden();
  await refusal.getByText('Détails').click();
  await expect(refusal.getByText(/HTTP 401/)).toBeVisible();
  await expect(ui.success).toHaveCount(0);
  await expect(ui.renew).toBeDisabled();
  await expectAccessible(page);
  await screenshot(page, '05-mot-de-passe-refuse');
});

test('unreachable host: the connection failure and its next step', async ({ launch }) => {
  const port = await closedPort();
  const seeded = await seedProfile({
    apiBaseUrl: `http://127.0.0.1:${port}`,
    tokenUrl: `http://127.0.0.1:${port}/api/oauth/token`,
  });
  const { page } = await launch(seeded);
  const ui = screen(page);
  await ui.testButton.click();
  await expect(ui.alert).toContainText(
    "Vérifiez la connexion Internet du poste, puis réessayez : le serveur n'a pas pu être joint.",
  );
  await expect(ui.renew).toBeDisabled();
});

test('Annuler stops a test that hangs, and says so', async ({ launch, simulator }) => {
  const { page } = await launch(await seedProfile({ apiBaseUrl: simulator.url, tokenUrl: simulator.tokenUrl }));
  const ui = screen(page);
  simulator.setDelay(20_000);
  await ui.testButton.click();
  await ui.cancel.click();
  await expect(ui.alert).toContainText("L'opération a été annulée");
  await expect(ui.testButton).toBeEnabled();
});
