// The date of the portal's e-mail typed before the password (issue 34, point 6; issue 35, item 11):
// the first password of the account keeps it, checked or not; a later one replaces it only saying so.
import { closedPort } from '../test/support/loopback-servers';
import { tokenPath } from './simulator/simulator';
import { configureThroughScreen, isoDay, screen, today } from './screen';
import { demo, savedSettings } from './seed-profile';
import { expect, test } from './fixtures';

const frenchDay = (iso: string): string => iso.split('-').reverse().join('/');

test('the day typed before the first password is kept when Chorus Pro then accepts that password', async ({
  launch,
  simulator,
}) => {
  const { page, userDataDir } = await launch();
  const ui = screen(page);
  await configureThroughScreen(page, simulator, demo);
  const communicated = isoDay(-100);
  await ui.updatedAt.fill(communicated);
  await expect.poll(() => savedSettings(userDataDir).passwordUpdatedAt).toBeDefined();
  await ui.password.fill(demo.password);
  await ui.testButton.click();
  await expect(ui.success).toBeVisible();
  // Verified now, and dated from the e-mail, not from today.
  await expect(ui.updatedAt).toHaveValue(frenchDay(communicated));
  await expect(ui.updatedAt).not.toHaveValue(today());
});

test('offline, a second password replaces the day typed for the first one, and the screen says so', async ({
  launch,
}) => {
  const port = await closedPort();
  const address = `http://127.0.0.1:${port}`;
  const { page } = await launch();
  const ui = screen(page);
  await ui.environment.selectOption('custom');
  await ui.url.fill(address);
  await ui.login.fill(demo.login);
  await ui.advanced.click();
  await ui.tokenUrl.fill(`${address}${tokenPath}`);
  await ui.clientId.fill(demo.clientId);
  await ui.clientSecret.fill(demo.clientSecret);
  await ui.saveSecret.click();
  await expect(page.locator('#clientSecret-message')).toHaveText(/^Secret client enregistré dans le coffre-fort/);
  const communicated = isoDay(-100);
  await ui.updatedAt.fill(communicated);
  await ui.password.fill('Premier-mot-de-passe');
  await ui.testButton.click();
  await ui.alert.getByRole('button', { name: 'Enregistrer sans vérifier' }).click();
  await expect(ui.updatedAt).toHaveValue(communicated);
  // Typed once the screen shows the first one kept (as a person would): the save's refresh empties the field.
  await expect(ui.password).toHaveAttribute('placeholder', 'Enregistré dans le coffre-fort');
  await expect(ui.password).toHaveValue('');

  await ui.password.fill('Second-mot-de-passe');
  await ui.testButton.click();
  await ui.alert.getByRole('button', { name: 'Enregistrer sans vérifier' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'La date saisie auparavant' })).toHaveText(
    `La date saisie auparavant (${frenchDay(communicated)}) valait pour le mot de passe précédent : le nouveau est daté du ${today()}.`,
  );
});
