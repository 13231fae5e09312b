import { subMonths } from 'date-fns';
import { screen, screenshot, expectAccessible } from './screen';
import { demo, seedProfile } from './seed-profile';
import { expect, needsMainWiring, test } from './fixtures';

test('a password updated 13 months ago: banner, notification, and after a renewal no more banner', async ({
  launch,
  simulator,
}) => {
  needsMainWiring();
  const seeded = await seedProfile({
    apiBaseUrl: simulator.url,
    tokenUrl: simulator.tokenUrl,
    passwordUpdatedAt: subMonths(new Date(), 13),
  });
  const app = await launch(seeded);
  const { page } = app;
  const ui = screen(page);

  const banner = page.getByRole('alert').filter({ hasText: 'Faites renouveler le mot de passe du compte technique' });
  await expect(banner).toContainText('(date estimée)');
  await expectAccessible(page);
  await screenshot(page, '11-rappel-de-renouvellement');

  // The main process notified when the app started, and does again each day while it runs.
  expect(app.reminders.notifications).toHaveLength(1);
  expect(app.reminders.notifications[0]).toMatchObject({ known: true, due: true, expired: false });
  await page.evaluate(() => {
    (window as unknown as { received: unknown[] }).received = [];
    window.chorus.onPasswordReminder((reminder) =>
      (window as unknown as { received: unknown[] }).received.push(reminder),
    );
  });
  app.reminders.nextDay();
  expect(app.reminders.notifications).toHaveLength(2);
  await expect.poll(() => page.evaluate(() => (window as unknown as { received: unknown[] }).received.length)).toBe(1);

  // The banner's button leads to the renewal: the connection test, then the modal.
  await banner.getByRole('button', { name: 'Renouveler le mot de passe' }).click();
  await expect(ui.success).toBeVisible();
  await expect(ui.modal).toBeVisible();
  const newPassword = simulator.resetPassword(demo.login);
  await ui.newPassword.fill(newPassword);
  await ui.validate.click();
  await expect(ui.modal).toHaveCount(0);

  await expect(banner).toHaveCount(0);
  // The test that follows the renewal reads the expiry Chorus Pro gives the new password.
  await expect(page.locator('#expiry')).toContainText('Expiration : 30/09/2027 (date communiquée par Chorus Pro)');
  app.reminders.nextDay();
  expect(app.reminders.notifications).toHaveLength(2);
});

test('after a successful test the expiry Chorus Pro reports is shown, with where it comes from', async ({
  launch,
  simulator,
}) => {
  const { page } = await launch(
    await seedProfile({ apiBaseUrl: simulator.url, tokenUrl: simulator.tokenUrl, passwordUpdatedAt: new Date() }),
  );
  const ui = screen(page);
  await expect(page.getByText(/date estimée/)).toBeVisible();
  await ui.testButton.click();
  await expect(
    page.getByText('Expiration : 30/09/2027 (date communiquée par Chorus Pro)', { exact: false }),
  ).toBeVisible();
});

test('the success message comes at the verdict; the expiry Chorus Pro reports follows it when its cards answer (issue 36)', async ({
  launch,
  simulator,
}) => {
  const { page } = await launch(
    await seedProfile({ apiBaseUrl: simulator.url, tokenUrl: simulator.tokenUrl, passwordUpdatedAt: new Date() }),
  );
  const ui = screen(page);
  // The structures' cards, where the expiry is read, answer late; the attachments (the verdict) do not.
  simulator.setDelay(2_500, '/cpro/structures/v1/consulter');
  await ui.testButton.click();
  await expect(ui.success).toBeVisible();
  await expect(page.getByText(/date estimée/)).toBeVisible();
  await expect(
    page.getByText('Expiration : 30/09/2027 (date communiquée par Chorus Pro)', { exact: false }),
  ).toBeVisible();
});

test('an unknown update date gives no countdown, only an invitation to record the next renewal', async ({
  launch,
  simulator,
}) => {
  needsMainWiring();
  const app = await launch(await seedProfile({ apiBaseUrl: simulator.url, tokenUrl: simulator.tokenUrl }));
  await expect(
    app.page.getByRole('status').filter({ hasText: "la date du dernier renouvellement n'est pas connue" }),
  ).toContainText('Au prochain renouvellement, passez par « Saisir un nouveau mot de passe »');
  expect(app.reminders.notifications).toHaveLength(0);
});
