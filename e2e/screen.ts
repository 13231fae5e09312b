import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { projectRoot } from './harness/paths';
import { screenReadingsAnswered } from './harness/screen-readings';
import {
  comparePictures,
  firstDifference,
  pageText,
  pageTextOf,
  steadyText,
  varyingBoxes,
  withPageText,
} from './picture-check';

/** What the user reads and clicks on the screen, by the names the screen gives them. */
export const screen = (page: Page) => ({
  environment: page.getByLabel('Environnement'),
  url: page.getByLabel('Lien URL'),
  login: page.getByLabel('Identifiant utilisateur'),
  password: page.getByLabel('Mot de passe', { exact: true }),
  testButton: page.getByRole('button', { name: 'Test de connexion' }),
  cancel: page.getByRole('button', { name: 'Annuler' }),
  success: page.getByText('La connexion a été établie : les paramètres de connexion sont corrects.'),
  alert: page.getByRole('alert'),
  structuresButton: page.getByRole('button', { name: 'Structures définies dans Chorus Pro' }),
  advanced: page.getByText('Paramètres avancés', { exact: true }),
  clientId: page.getByLabel('Identifiant client PISTE'),
  clientSecret: page.getByLabel('Secret client PISTE'),
  saveSecret: page.getByRole('button', { name: 'Enregistrer le secret' }),
  tokenUrl: page.getByLabel('URL du jeton'),
  alertDelay: page.getByLabel('Alerte actualisation'),
  updatedAt: page.getByLabel('Date de dernière mise à jour'),
  renew: page.getByRole('button', { name: 'Saisir un nouveau mot de passe' }),
  modal: page.getByRole('dialog', { name: 'Saisie du mot de passe' }),
  newPassword: page.getByLabel('Nouveau mot de passe'),
  validate: page.getByRole('button', { name: 'Valider' }),
  abandon: page.getByRole('button', { name: 'Abandonner' }),
  structuresDialog: page.getByRole('dialog', { name: 'Structures définies dans Chorus Pro' }),
});

/** A first configuration typed through the screen, for the simulator's demo account. */
export async function configureThroughScreen(
  page: Page,
  simulator: { url: string; tokenUrl: string },
  account: { login: string; clientId: string; clientSecret: string },
): Promise<void> {
  const ui = screen(page);
  await ui.environment.selectOption('custom');
  await expect(ui.url).toBeEditable();
  await ui.url.fill(simulator.url);
  await ui.login.fill(account.login);
  await ui.advanced.click();
  await ui.tokenUrl.fill(simulator.tokenUrl);
  await ui.clientId.fill(account.clientId);
  await ui.clientSecret.fill(account.clientSecret);
  await ui.saveSecret.click();
  await expect(page.locator('#clientSecret-message')).toHaveText(/^Secret client enregistré dans le coffre-fort/);
}

/**
 * A first start with what the portal's e-mail holds (the address, the login, the password) and
 * nothing of PISTE, then « Test de connexion ».
 */
export async function testWithTheEmailOnly(
  page: Page,
  simulator: { url: string },
  account: { login: string; password: string },
): Promise<void> {
  const ui = screen(page);
  await ui.environment.selectOption('custom');
  await ui.url.fill(simulator.url);
  await ui.login.fill(account.login);
  await ui.password.fill(account.password);
  await ui.testButton.click();
}

/** AAAA-MM-JJ, as a date field holds it, `days` days from today in the user's calendar. */
export const isoDay = (days = 0): string => {
  const date = new Date();
  date.setDate(date.getDate() + days);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
};

export const today = (): string =>
  new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());

/**
 * The story's picture: under test-results/ on every run, and over the tracked copy in
 * docs/screenshots/ (the README's and the guides' pictures) only when asked (UPDATE_SCREENSHOTS=1),
 * so that a test run leaves the tree as it was.
 */
export const screenshotFolder = (env: NodeJS.ProcessEnv = process.env): string =>
  env.UPDATE_SCREENSHOTS === '1'
    ? join(projectRoot, 'docs', 'screenshots')
    : join(projectRoot, 'test-results', 'screenshots');

export const committedScreenshots = join(projectRoot, 'docs', 'screenshots');

/**
 * Takes the story's picture and, unless it is being rewritten, holds the committed one to it: a
 * picture of the guides that no longer shows what the screen shows fails the story — its text to
 * the letter, its pixels within a tolerance (e2e/picture-check.ts says what is left out, and why).
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  // Every section drawn with what the main process answered, not in its state before the answer.
  await screenReadingsAnswered(page);
  const text = await pageText(page);
  const taken = withPageText(await page.screenshot({ fullPage: true }), text);
  const folder = screenshotFolder();
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, `${name}.png`), taken);
  if (process.env.UPDATE_SCREENSHOTS === '1') return;
  const committedFile = join(committedScreenshots, `${name}.png`);
  const refresh = "Si l'écran a changé exprès, refaites les images : UPDATE_SCREENSHOTS=1 npm run test:e2e.";
  if (!existsSync(committedFile))
    throw new Error(
      `docs/screenshots/${name}.png n'existe pas : créez-la avec UPDATE_SCREENSHOTS=1 npm run test:e2e, puis ajoutez-la au dépôt.`,
    );
  const committed = readFileSync(committedFile);
  const stored = pageTextOf(committed);
  const committedText = stored === undefined ? undefined : steadyText(stored);
  if (committedText !== text) {
    throw new Error(
      `docs/screenshots/${name}.png ne montre plus l'écran : ${committedText === undefined ? "elle ne porte pas le texte de la page (une image d'avant la vérification)" : firstDifference(committedText, text)}. ${refresh}`,
    );
  }
  // The words are checked on both targets; the pixels on the shipped bundle's target only, whose
  // run writes the pictures last: the browser target's Chromium differs from it by hover and focus
  // rings that no user state explains.
  if (process.env.E2E_TARGET !== 'bundle') return;
  const comparison = comparePictures(committed, taken, await varyingBoxes(page));
  if (comparison.same) return;
  const diffFile = join(projectRoot, 'test-results', 'screenshots', `${name}.diff.png`);
  if (comparison.diff) {
    mkdirSync(dirname(diffFile), { recursive: true });
    writeFileSync(diffFile, comparison.diff);
  }
  throw new Error(
    `docs/screenshots/${name}.png ne montre plus l'écran (${comparison.reason}) : l'image prise est test-results/screenshots/${name}.png${comparison.diff ? `, les différences en rouge dans ${name}.diff.png` : ''}. ${refresh}`,
  );
}

/** axe-core over the whole page in its current state: no violation at all. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([]);
}
