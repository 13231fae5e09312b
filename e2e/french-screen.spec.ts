// Issue 35: every text the screen shows, read on the running screen in the states an accountant
// meets (first start, a refusal with its details, a success, the modal, the structures, several
// accounts, the folded sections), in French typography: no plain space where a non-breaking one
// belongs, no capital after a colon. The failure table itself: scripts/french-typography.test.ts.
import { subMonths } from 'date-fns';
import type { Page } from '@playwright/test';
import { typographyFaults } from '../test/support/french-typography-check';
import { screen, testWithTheEmailOnly } from './screen';
import { demo, recordLastCheck, seedProfile } from './seed-profile';
import { expect, test } from './fixtures';

/**
 * Each element's own text (its text nodes joined: « {count} mois » is one text for the reader),
 * every <details> opened first, with the labels only a screen reader or a field shows.
 */
async function textsOf(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    for (const details of document.querySelectorAll('details')) details.open = true;
    const texts: string[] = [];
    for (const element of document.querySelectorAll('body *')) {
      if (element instanceof HTMLScriptElement || element instanceof HTMLStyleElement) continue;
      const own = [...element.childNodes]
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.textContent ?? '')
        .join('');
      if (own.trim()) texts.push(own);
      for (const attribute of ['placeholder', 'aria-label', 'title']) {
        const value = element.getAttribute(attribute);
        if (value) texts.push(value);
      }
    }
    return texts;
  });
}

const faultsIn = async (page: Page, state: string) =>
  (await textsOf(page)).flatMap((text) =>
    typographyFaults(text).map((fault) => `${state} — ${fault.rule} : ${fault.around}`),
  );

test('every text of the screen, in the states an accountant meets, is in French typography', async ({
  launch,
  simulator,
}) => {
  const faults: string[] = [];

  // A first start: the sections opened, the PISTE settings missing.
  const empty = await launch();
  const first = screen(empty.page);
  await empty.page.getByText('Déploiement et assistance').click();
  await first.advanced.click();
  faults.push(...(await faultsIn(empty.page, 'premier démarrage')));
  await testWithTheEmailOnly(empty.page, simulator, demo);
  await expect(first.clientId).toBeFocused();
  faults.push(...(await faultsIn(empty.page, 'paramètres PISTE manquants')));

  // Several accounts, one refused in the night, due for renewal; then a success, the structures, the modal.
  const seeded = await seedProfile({
    apiBaseUrl: simulator.url,
    tokenUrl: simulator.tokenUrl,
    passwordUpdatedAt: subMonths(new Date(), 13),
  });
  recordLastCheck(seeded.userDataDir, { at: new Date(), ok: false, code: 'AUTH_REJECTED' });
  const app = await launch(seeded);
  const { page } = app;
  const ui = screen(page);
  await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
  await page.getByLabel('Nom du compte').fill('SIVOM de la Rance');
  await page.getByRole('button', { name: 'Ajouter', exact: true }).last().click();
  const accounts = page.getByLabel('Compte technique', { exact: true });
  await expect(accounts).toHaveValue('SIVOM de la Rance');
  await accounts.selectOption('Compte principal');
  await expect(accounts).toHaveValue('Compte principal');
  await expect(page.locator('#password-failure')).toBeVisible();
  faults.push(...(await faultsIn(page, 'mot de passe refusé, rappel, deux comptes')));

  // The stored password typed again: nothing to renew, the test checks it as it is.
  await ui.password.fill(demo.password);
  await ui.testButton.click();
  await expect(ui.success).toBeVisible();
  faults.push(...(await faultsIn(page, 'test réussi')));
  await ui.structuresButton.click();
  await expect(ui.structuresDialog.getByRole('table')).toBeVisible();
  faults.push(...(await faultsIn(page, 'structures')));
  await ui.structuresDialog.getByRole('button', { name: 'Fermer' }).click();
  await ui.renew.click();
  await ui.newPassword.fill(demo.password);
  await ui.validate.click();
  await expect(ui.modal.getByRole('alert')).toBeVisible();
  faults.push(...(await faultsIn(page, 'saisie du mot de passe, refus')));

  expect(faults).toEqual([]);
});
