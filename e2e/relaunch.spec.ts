import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configureThroughScreen, expectAccessible, screen, screenshot, today } from './screen';
import { demo } from './seed-profile';
import { expect, test } from './fixtures';
import { tempDir } from '../test/support/temp-dirs';

test('relaunch keeps settings and secrets', async ({ launch, simulator }) => {
  const first = await launch();
  let ui = screen(first.page);
  await configureThroughScreen(first.page, simulator, demo);
  await ui.alertDelay.selectOption('10');
  await ui.password.fill(demo.password);
  await ui.testButton.click();
  await expect(ui.success).toBeVisible();
  await first.close({ keepData: true });

  const second = await launch({ userDataDir: first.userDataDir, keychainService: first.keychainService });
  ui = screen(second.page);
  await expect(ui.environment).toHaveValue('custom');
  await expect(ui.url).toHaveValue(simulator.url);
  await expect(ui.login).toHaveValue(demo.login);
  await expect(ui.alertDelay).toHaveValue('10');
  await expect(ui.updatedAt).toHaveValue(today());
  await expect(ui.password).toHaveAttribute('placeholder', 'Enregistré dans le coffre-fort');
  await ui.advanced.click();
  await expect(ui.clientSecret).toHaveAttribute('placeholder', 'Enregistré dans le coffre-fort');
  await ui.testButton.click();
  await expect(ui.success).toBeVisible();
});

test('a corrupt settings file is reported once, plainly, with where the copy is', async ({ launch }) => {
  const userDataDir = tempDir();
  writeFileSync(join(userDataDir, 'config.json'), '{"schemaVersion":1,"environment":"produ');
  const first = await launch({ userDataDir });
  const notice = first.page.getByRole('alert').filter({ hasText: 'Le fichier de paramètres était illisible' });
  await expect(notice).toContainText('config.json.corrupt-');
  await expectAccessible(first.page);
  await screenshot(first.page, '09-parametres-recuperes');
  await notice.getByRole('button', { name: "J'ai compris" }).click();
  await expect(notice).toHaveCount(0);
  await first.close({ keepData: true });

  const second = await launch({ userDataDir, keychainService: first.keychainService });
  await expect(screen(second.page).testButton).toBeVisible();
  await expect(second.page.getByText('Le fichier de paramètres était illisible')).toHaveCount(0);
});

test('closing with a typed password not yet saved asks first', async ({ launch }) => {
  const { page } = await launch();
  const ui = screen(page);
  await ui.password.fill('pas-encore-enregistre');
  const asked = new Promise<string>((resolve) => {
    page.once('dialog', (dialog) => {
      resolve(dialog.type());
      void dialog.dismiss();
    });
  });
  await page.close({ runBeforeUnload: true });
  expect(await asked).toBe('beforeunload');
  await expect(ui.password).toHaveValue('pas-encore-enregistre');
});
