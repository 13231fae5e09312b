// « Test de connexion quotidien » (the daily check) in the deployment section. The tests run on Linux: the
// screen says the task can only be registered on Windows (the Windows path: daily-check-handlers.test.ts).
import { expect, test } from './fixtures';

test('the deployment section offers the daily check, and says on this system that only Windows can register it', async ({
  launch,
}) => {
  const app = await launch();
  await app.page.getByText('Déploiement et assistance').click();
  const section = app.page.getByRole('group', { name: 'Test de connexion quotidien' });
  await expect(section).toBeVisible();
  await expect(section).toContainText('il ne peut être enregistré que sous Windows');
  await expect(section.getByRole('checkbox')).toHaveCount(0);
});
