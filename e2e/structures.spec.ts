import { expectAccessible, screen, screenshot } from './screen';
import { seedProfile } from './seed-profile';
import { expect, test } from './fixtures';

test('structures list: designation, identifier and type, status, role, services on demand', async ({
  launch,
  simulator,
}) => {
  const { page } = await launch(await seedProfile({ apiBaseUrl: simulator.url, tokenUrl: simulator.tokenUrl }));
  const ui = screen(page);
  await ui.testButton.click();
  await ui.structuresButton.click();

  const dialog = ui.structuresDialog;
  await expect(dialog.getByRole('row')).toHaveCount(4);
  const commune = dialog.getByRole('row', { name: /COMMUNE DE SAINT-DEMO/ });
  await expect(commune).toContainText('21380185500015');
  await expect(commune).toContainText('SIRET');
  await expect(commune).toContainText('ACTIF');
  await expect(commune).toContainText('GESTIONNAIRE');
  await expect(dialog.getByRole('row', { name: /CCAS DE SAINT-DEMO/ })).toContainText('Aucun');
  await commune.getByText('3 services').click();
  await expect(commune.getByText('FINANCES — Service des finances')).toBeVisible();
  await expect(commune.getByText('ANCIEN — Régie fermée')).toContainText('(inactif)');
  await expectAccessible(page);
  await screenshot(page, '06-structures');

  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(ui.structuresButton).toBeFocused();
});

test('structures: the empty state, and an error that can be retried', async ({ launch, simulator }) => {
  const seeded = await seedProfile({
    apiBaseUrl: simulator.url,
    tokenUrl: simulator.tokenUrl,
    login: 'TECH_3_sans_structure@cpro.fr',
    password: 'Sans-Structure-2026',
  });
  const { page } = await launch(seeded);
  const ui = screen(page);
  await ui.testButton.click();
  // Connected, but no invoice can go: said as a warning, not as a green success.
  await expect(ui.success).toBeVisible();
  await expect(ui.success).not.toHaveClass(/success/);
  await expect(
    page.getByText('aucune structure ne lui est rattachée, aucune facture ne peut être échangée'),
  ).toBeVisible();
  await ui.structuresButton.click();
  await expect(ui.structuresDialog).toContainText(
    "Aucune structure n'est rattachée à ce compte technique : aucune facture ne peut être échangée.",
  );
  await ui.structuresDialog.getByRole('button', { name: 'Fermer' }).click();

  simulator.failNext(503);
  await ui.structuresButton.click();
  await expect(ui.structuresDialog.getByRole('alert')).toContainText('Chorus Pro rencontre une erreur de son côté');
  await ui.structuresDialog.getByRole('button', { name: 'Réessayer' }).click();
  await expect(ui.structuresDialog).toContainText("Aucune structure n'est rattachée à ce compte technique");
});
