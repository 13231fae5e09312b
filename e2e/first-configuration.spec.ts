import { configureThroughScreen, expectAccessible, screen, screenshot, today } from './screen';
import { demo, savedSettings } from './seed-profile';
import { expect, test } from './fixtures';

test('first configuration from an empty profile, through the screen alone', async ({ launch, simulator }) => {
  const app = await launch();
  const { page } = app;
  const ui = screen(page);
  await expect(ui.environment).toHaveValue('production');
  await expect(ui.url).toHaveValue('https://api.piste.gouv.fr');
  await expect(ui.renew).toBeDisabled();
  await expectAccessible(page);
  await screenshot(page, '01-profil-vide');

  await configureThroughScreen(page, simulator, demo);
  await ui.password.fill(demo.password);
  await ui.testButton.click();

  await expect(ui.success).toBeVisible();
  await expect(ui.updatedAt).toHaveValue(today());
  await expect(ui.password).toHaveValue('');
  await expect(ui.password).toHaveAttribute('placeholder', 'Enregistré dans le coffre-fort');
  await expect(ui.renew).toBeEnabled();
  await expect(ui.structuresButton).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, '02-premiere-configuration-reussie');

  const saved = savedSettings(app.userDataDir);
  expect(saved).toMatchObject({
    environment: 'custom',
    apiBaseUrl: simulator.url,
    tokenUrl: simulator.tokenUrl,
    login: demo.login,
    clientId: demo.clientId,
  });
  expect(JSON.stringify(saved)).not.toContain(demo.password);
});

test('an unsafe or malformed address is flagged at the field and never saved', async ({ launch }) => {
  const app = await launch();
  const ui = screen(app.page);
  await ui.environment.selectOption('custom');
  await expect(ui.url).toBeEditable();
  const before = savedSettings(app.userDataDir);

  await ui.url.fill('http://192.168.1.20:8443');
  await ui.login.click();
  await expect(app.page.getByText("Cette adresse n'est pas sécurisée")).toBeVisible();
  await expect(ui.url).toHaveAttribute('aria-invalid', 'true');
  await expect(ui.url).toHaveValue('http://192.168.1.20:8443');

  await ui.url.fill('chorus pro');
  await ui.login.click();
  await expect(app.page.getByText('Lien URL : adresse mal formée')).toBeVisible();

  await ui.login.fill('TECH 1 demo@cpro.fr');
  await ui.url.click();
  await expect(
    app.page.getByText("Identifiant utilisateur : un identifiant Chorus Pro ne contient pas d'espace"),
  ).toBeVisible();
  await expect(ui.login).toHaveValue('TECH 1 demo@cpro.fr');

  await ui.login.fill('   ');
  await ui.url.click();
  await expect(app.page.getByText("Identifiant utilisateur : l'identifiant est obligatoire")).toBeVisible();
  await ui.testButton.click();
  await expect(app.page.getByText('Corrigez les champs signalés')).toBeVisible();

  const after = savedSettings(app.userDataDir);
  expect(after.apiBaseUrl).toBe(before.apiBaseUrl);
  expect(after).not.toHaveProperty('login');
});
