// The last check of the account, on the screen: after a test from the button, and after a restart.
import { configureThroughScreen, screen, today } from './screen';
import { demo } from './seed-profile';
import { expect, test } from './fixtures';

test('the account bar and the connection block say when the account was last checked and how it went, after a restart too', async ({ launch, simulator }) => {
  const first = await launch();
  const ui = screen(first.page);
  const accountLine = first.page.locator('#account-last-check');
  const connectionLine = first.page.locator('#connection-last-check');
  await configureThroughScreen(first.page, simulator, demo);
  await expect(connectionLine).toHaveText('Dernière vérification : aucune');

  await ui.password.fill(demo.password);
  await ui.testButton.click();
  await expect(ui.success).toBeVisible();
  const succeeded = new RegExp(`^Dernière vérification : ${today()} \\d\\d:\\d\\d — réussie$`);
  await expect(connectionLine).toHaveText(succeeded);
  await expect(accountLine).toHaveText(succeeded);
  await first.close({ keepData: true });

  const second = await launch({ userDataDir: first.userDataDir, keychainService: first.keychainService });
  await expect(second.page.locator('#connection-last-check')).toHaveText(succeeded);
  await expect(second.page.locator('#account-last-check')).toHaveText(succeeded);
});
