// Issue 35: the screen as an accountant uses it alone. One story for each major point, on what the
// user notices: where the focus is, what a field is described by, where a button leads, what the
// account list says, which date the screen keeps.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { subMonths } from 'date-fns';
import type { Locator, Page } from '@playwright/test';
import { expectAccessible, screen, screenshot, testWithTheEmailOnly, today } from './screen';
import { demo, recordLastCheck, seedProfile } from './seed-profile';
import { expect, test } from './fixtures';

/** What a screen reader says after a field's name: the texts of its aria-describedby, in order. */
const descriptionOf = (field: Locator): Promise<string> =>
  field.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ')
      .replace(/\s+/g, ' '),
  );

/** A field a failure is about: focused, marked invalid, and described by the failure's message. */
async function expectMarked(field: Locator, message: RegExp): Promise<void> {
  await expect(field).toBeFocused();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  expect(await descriptionOf(field)).toMatch(message);
}

const banner = (page: Page) =>
  page.getByRole('alert').filter({ has: page.getByRole('button', { name: 'Renouveler le mot de passe' }) });
const renewHint = (page: Page) => page.locator('#renew-hint');

test('1. Chorus Pro refused the password in the night: one way on, at « Mot de passe », and the success says so', async ({
  launch,
  simulator,
}) => {
  // Due for renewal (13 months), and the daily check found the password reset in the portal.
  const seeded = await seedProfile({
    apiBaseUrl: simulator.url,
    tokenUrl: simulator.tokenUrl,
    passwordUpdatedAt: subMonths(new Date(), 13),
  });
  const newPassword = simulator.resetPassword(demo.login);
  recordLastCheck(seeded.userDataDir, { at: new Date(), ok: false, code: 'AUTH_REJECTED' });
  const { page } = await launch(seeded);
  const ui = screen(page);

  // The focus is where the new password goes, and the refusal is what describes that field.
  await expectMarked(
    ui.password,
    /^Saisissez ici le nouveau mot de passe communiqué par Chorus Pro, puis lancez le test\s: Chorus Pro refuse celui-ci\./,
  );
  // Said once: the last test's line says when, not why again; the jargon is folded.
  await expect(page.locator('#connection-last-check')).toHaveText(
    /^Dernier test\s: \d\d\/\d\d\/\d{4} \d\d:\d\d — échec$/,
  );
  await expect(page.getByText(/Chorus Pro refuse celui-ci/)).toHaveCount(1);
  await expect(page.getByText(/HTTP 401/)).toBeHidden();
  // The greyed button says where to go instead of waiting for a test that cannot succeed.
  await expect(ui.renew).toBeDisabled();
  await expect(renewHint(page)).toContainText('saisissez le nouveau dans « Mot de passe »');
  await expectAccessible(page);
  await screenshot(page, '20-un-seul-chemin');

  // The reminder's button leads to the same field, not to a test that cannot succeed.
  await banner(page).getByRole('button', { name: 'Renouveler le mot de passe' }).click();
  await expect(ui.password).toBeFocused();
  await expect(ui.modal).toHaveCount(0);

  // Typed there, tested with the keyboard: the focus stays on the button while it runs and after.
  await page.keyboard.type(newPassword);
  await ui.testButton.focus();
  await page.keyboard.press('Enter');
  await expect(ui.success).toBeVisible();
  await expect(ui.testButton).toBeFocused();
  await expect(
    page.getByRole('status').filter({ hasText: `Nouveau mot de passe vérifié et enregistré le ${today()}.` }),
  ).toBeVisible();
  await expect(ui.updatedAt).toHaveValue(today());
  await expect(banner(page)).toHaveCount(0);
  await expect(page.locator('#password-failure')).toHaveCount(0);
  // Nothing is due any more: no hint invites a new password.
  await expect(ui.renew).toBeEnabled();
  await expect(renewHint(page)).toContainText('le mot de passe enregistré fonctionne');
  expect(await descriptionOf(ui.password)).not.toMatch(/[Ss]aisissez/);
});

test('2. A first start with what the portal’s e-mail holds: the PISTE settings are marked as the IT person’s, field by field', async ({
  launch,
  simulator,
}) => {
  const { page } = await launch();
  const ui = screen(page);
  await expect(ui.login).toBeFocused();
  await testWithTheEmailOnly(page, simulator, demo);

  // « Paramètres avancés » opens on the PISTE client id, marked, described, focused.
  await expectMarked(ui.clientId, /^Identifiant client PISTE\s: à faire renseigner par votre service informatique/);
  // Nothing typed is lost.
  await expect(ui.password).toHaveValue(demo.password);
  await expectAccessible(page);
  await screenshot(page, '21-premier-demarrage-piste');

  // The IT person gives the client id: the client secret is the next field marked.
  await ui.tokenUrl.fill(simulator.tokenUrl);
  await ui.clientId.fill(demo.clientId);
  await ui.testButton.click();
  await expectMarked(ui.clientSecret, /^Secret client PISTE\s: à faire enregistrer par votre service informatique/);
  await expect(ui.clientId).not.toHaveAttribute('aria-invalid', 'true');

  await ui.clientSecret.fill(demo.clientSecret);
  await ui.saveSecret.click();
  await expect(page.locator('#clientSecret-message')).toHaveText(/^Secret client enregistré dans le coffre-fort/);
  await ui.testButton.click();
  await expect(ui.success).toBeVisible();
  await expect(ui.clientSecret).not.toHaveAttribute('aria-invalid', 'true');
});

test('3. From one commune, another that fails shows in the account list and beside those due', async ({
  launch,
  simulator,
}) => {
  const seeded = await seedProfile({
    apiBaseUrl: simulator.url,
    tokenUrl: simulator.tokenUrl,
    passwordUpdatedAt: subMonths(new Date(), 3),
  });
  const file = join(seeded.userDataDir, 'config.json');
  const stored = JSON.parse(readFileSync(file, 'utf8')) as {
    accounts: Record<string, unknown>[];
    selectedAccount: string;
  };
  const first = stored.accounts[0] ?? {};
  const checkedAt = new Date();
  const passed = { at: checkedAt.toISOString(), ok: true, code: null };
  stored.accounts = [
    { ...first, name: 'Commune de Plouër', lastCheck: passed },
    {
      ...first,
      name: 'SIVOM de la Rance',
      login: 'TECH_7_sivom@cpro.fr',
      lastCheck: { at: checkedAt.toISOString(), ok: false, code: 'AUTH_REJECTED' },
    },
    {
      ...first,
      name: 'Commune de Tréméreuc',
      login: 'TECH_8_tremereuc@cpro.fr',
      passwordUpdatedAt: subMonths(new Date(), 13).toISOString(),
      lastCheck: passed,
    },
    { ...first, name: 'CCAS de Plouër', login: 'TECH_9_ccas@cpro.fr' },
  ];
  stored.selectedAccount = 'Commune de Plouër';
  writeFileSync(file, JSON.stringify(stored));
  const { page } = await launch(seeded);

  const list = page.getByLabel('Compte technique', { exact: true });
  await expect(list.locator('option')).toHaveText([
    'Commune de Plouër — OK',
    'SIVOM de la Rance — en échec',
    'Commune de Tréméreuc — à renouveler',
    'CCAS de Plouër — non testé',
  ]);
  // The others that need someone: the failing one first, then the one due.
  const needing = page.locator('.due-accounts li');
  await expect(needing).toHaveCount(2);
  await expect(needing.nth(0)).toContainText(`Compte « SIVOM de la Rance » : en échec le ${today()}`);
  await expect(needing.nth(0)).toContainText('(mot de passe refusé par Chorus Pro)');
  await expect(needing.nth(1)).toContainText('Compte « Commune de Tréméreuc » : mot de passe à renouveler avant le');
  await expectAccessible(page);
  await screenshot(page, '22-etat-des-comptes');

  await needing.nth(0).getByRole('button', { name: 'Afficher « SIVOM de la Rance »' }).click();
  await expect(list).toHaveValue('SIVOM de la Rance');
  expect(await descriptionOf(screen(page).password)).toMatch(/^Saisissez ici le nouveau mot de passe/);
  await expect(page.locator('.due-accounts li').first()).toContainText('Commune de Tréméreuc');
});

test('4. The current password typed again in the modal is refused, and Chorus Pro’s date is never replaced by an estimate', async ({
  launch,
  simulator,
}) => {
  const threeMonthsAgo = subMonths(new Date(), 3);
  const dayShown = new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric' }).format(
    threeMonthsAgo,
  );
  const { page } = await launch(
    await seedProfile({ apiBaseUrl: simulator.url, tokenUrl: simulator.tokenUrl, passwordUpdatedAt: threeMonthsAgo }),
  );
  const ui = screen(page);
  const expiry = page.locator('#expiry');
  await ui.testButton.click();
  await expect(expiry).toContainText('Expiration : 30/09/2027 (date communiquée par Chorus Pro)');

  await ui.renew.click();
  await ui.newPassword.fill(demo.password);
  await ui.validate.click();
  const refusal = ui.modal.getByRole('alert');
  await expect(refusal).toContainText("celui-ci est déjà le mot de passe enregistré, rien n'a été modifié");
  await expect(ui.modal).toBeVisible();
  await expect(ui.newPassword).toHaveAttribute('aria-describedby', 'renewal-failure');
  await expect(expiry).toContainText('Expiration : 30/09/2027 (date communiquée par Chorus Pro)');
  await expect(ui.updatedAt).toHaveValue(dayShown);
  await expectAccessible(page);
  await screenshot(page, '23-meme-mot-de-passe');

  // A new password: checked, stored, announced; the test that follows reads Chorus Pro's date again.
  await ui.newPassword.fill(simulator.resetPassword(demo.login));
  await ui.validate.click();
  await expect(ui.modal).toHaveCount(0);
  await expect(
    page.getByRole('status').filter({ hasText: `Nouveau mot de passe vérifié et enregistré le ${today()}.` }),
  ).toBeVisible();
  await expect(ui.renew).toBeFocused();
  await expect(ui.success).toBeVisible();
  await expect(ui.updatedAt).toHaveValue(today());
  await expect(expiry).toContainText('Expiration : 30/09/2027 (date communiquée par Chorus Pro)');
  await expect(page.getByText(/date estimée/)).toHaveCount(0);
});
