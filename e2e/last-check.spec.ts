// The last test of the account, on the screen: after a test from the button, and after a restart.
import { configureThroughScreen, screen, today } from './screen';
import { demo } from './seed-profile';
import { expect, test } from './fixtures';

test('the connection block says when the account was last tested and how it went, and the account list gives its state, after a restart too', async ({
  launch,
  simulator,
}) => {
  const first = await launch();
  const ui = screen(first.page);
  const state = (page: typeof first.page) =>
    page.getByLabel('Compte technique', { exact: true }).locator('option:checked');
  const connectionLine = first.page.locator('#connection-last-check');
  await configureThroughScreen(first.page, simulator, demo);
  await expect(connectionLine).toHaveText('Dernier test : aucun');
  await expect(state(first.page)).toHaveText('Compte principal — non testé');

  await ui.password.fill(demo.password);
  await ui.testButton.click();
  await expect(ui.success).toBeVisible();
  await expect(state(first.page)).toHaveText('Compte principal — OK');
  await first.close({ keepData: true });

  const second = await launch({ userDataDir: first.userDataDir, keychainService: first.keychainService });
  await expect(second.page.locator('#connection-last-check')).toHaveText(
    new RegExp(`^Dernier test\\s: ${today()} \\d\\d:\\d\\d — réussi$`),
  );
  await expect(state(second.page)).toHaveText('Compte principal — OK');
});
