import type { Page } from '@playwright/test';
import { expectAccessible, screen, screenshot } from './screen';
import { savedSettings, seedProfile } from './seed-profile';
import { expect, test } from './fixtures';

// The connection test when Chorus Pro or PISTE answers as they do on a bad day
// (docs/chorus-pro-api.md): each message, in place, says what to do first, in two lines at most;
// what only the IT person needs is folded under « Détails ».

/** The failure under the test button: what the accountant reads, and what « Détails » folds. */
const failureOf = (page: Page) => {
  const failure = page.locator('#connection-failure');
  return { message: failure.locator(':scope > p').first(), details: failure.locator('details') };
};

test('API not subscribed: names the Utilisateurs API and how to add it on the PISTE portal', async ({
  launch,
  simulator,
}) => {
  const seeded = await seedProfile({
    apiBaseUrl: simulator.url,
    tokenUrl: simulator.tokenUrl,
    clientId: 'sans-utilisateurs-client-id',
    clientSecret: 'sans-utilisateurs-client-secret',
  });
  const { page } = await launch(seeded);
  const ui = screen(page);
  await ui.testButton.click();
  const { message, details } = failureOf(page);
  await expect(message).toHaveText(
    "Appelez votre service informatique : l'application PISTE n'a pas accès à une API dont le test a besoin. Vos identifiants ne sont pas en cause.",
  );
  await expect(message).not.toContainText('non souscrite');
  await details.getByText('Détails').click();
  await expect(details).toContainText('API « Utilisateurs » non souscrite');
  await expect(details).toContainText("Sur le portail PISTE (piste.gouv.fr), ouvrez l'application et abonnez-la");
  await expect(ui.renew).toBeDisabled();
  await expectAccessible(page);
  await screenshot(page, '19-api-non-souscrite');
});

test('no API subscribed at all (403 twice): says the subscription or the API connection is missing as a whole', async ({
  launch,
  simulator,
}) => {
  const seeded = await seedProfile({
    apiBaseUrl: simulator.url,
    tokenUrl: simulator.tokenUrl,
    clientId: 'non-abonnee-client-id',
    clientSecret: 'non-abonnee-client-secret',
  });
  const { page } = await launch(seeded);
  const ui = screen(page);
  await ui.testButton.click();
  const { message, details } = failureOf(page);
  await expect(message).toHaveText(
    "Appelez votre service informatique ou votre gestionnaire principal Chorus Pro : Chorus Pro refuse l'accès à ce service.",
  );
  await expect(details).toContainText("ni l'API Utilisateurs ni l'API Structures ne répondent");
  await expect(details).toContainText("l'application doit être abonnée aux API Chorus Pro Utilisateurs et Structures");
  await expect(details).toContainText('raccordement par API');
  await expect(ui.renew).toBeDisabled();
});

test('PISTE quota (429): the wait in seconds, and nothing to change', async ({ launch, simulator }) => {
  const { page } = await launch(await seedProfile({ apiBaseUrl: simulator.url, tokenUrl: simulator.tokenUrl }));
  const ui = screen(page);
  simulator.throttleFor(7);
  await ui.testButton.click();
  // The wait PISTE asked for is the first thing said: it is what to do.
  await expect(failureOf(page).message).toHaveText(
    "Réessayez dans 7 secondes. PISTE limite le nombre d'appels : vos paramètres ne sont pas en cause, rien n'a été modifié.",
  );
  await expectAccessible(page);
  await screenshot(page, '19-quota-piste');
});

test('PISTE authentication down (maintenance page): indisponible, not the client id’s fault', async ({
  launch,
  simulator,
}) => {
  const { page } = await launch(await seedProfile({ apiBaseUrl: simulator.url, tokenUrl: simulator.tokenUrl }));
  const ui = screen(page);
  simulator.failTokenNext(503);
  await ui.testButton.click();
  const { message, details } = failureOf(page);
  await expect(message).toHaveText(
    "Ne modifiez rien et réessayez dans quelques minutes : le service d'authentification de PISTE est indisponible.",
  );
  await expect(details).toContainText("Ni l'identifiant client, ni le secret client, ni Chorus Pro ne sont en cause");
  await expect(details).toContainText('HTTP 503');
  await expect(ui.alert).not.toContainText('PISTE a refusé');
  await expectAccessible(page);
  await screenshot(page, '19-authentification-piste-indisponible');
});

test('inactive technical account: accepted credentials, but who reactivates it and where', async ({
  launch,
  simulator,
}) => {
  const { page } = await launch(
    await seedProfile({
      apiBaseUrl: simulator.url,
      tokenUrl: simulator.tokenUrl,
      login: 'TECH_4_inactif@cpro.fr',
      password: 'Compte-Inactif-2026',
    }),
  );
  const ui = screen(page);
  await ui.testButton.click();
  const { message, details } = failureOf(page);
  await expect(message).toHaveText(
    'Demandez au gestionnaire principal de votre structure de réactiver le compte technique et ses rattachements sur le portail Chorus Pro : ils sont inactifs.',
  );
  await expect(details).toContainText('compte technique au statut INACTIF');
  await expect(ui.success).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, '19-compte-inactif');
});

test('an old *.aife.economie.gouv.fr address: refused under the field, with the PISTE pair to type', async ({
  launch,
  simulator,
}) => {
  const seeded = await seedProfile({ apiBaseUrl: simulator.url, tokenUrl: simulator.tokenUrl });
  const { page } = await launch(seeded);
  const ui = screen(page);
  await ui.url.fill('https://chorus-pro.aife.economie.gouv.fr/');
  await ui.url.blur();
  const fieldError = page.locator('#apiBaseUrl-error');
  await expect(fieldError).toContainText('chorus-pro.aife.economie.gouv.fr est une ancienne adresse de Chorus Pro');
  await expect(fieldError).toContainText(
    'Lien URL https://api.piste.gouv.fr et URL du jeton https://oauth.piste.gouv.fr/api/oauth/token',
  );
  await expect(ui.url).toHaveValue('https://chorus-pro.aife.economie.gouv.fr/');
  expect(savedSettings(seeded.userDataDir).apiBaseUrl).toBe(simulator.url);
  await expectAccessible(page);
  await screenshot(page, '19-ancienne-adresse');
});

test('several structures with their own expiry dates: the earliest is shown, naming its structure', async ({
  launch,
  simulator,
}) => {
  const seeded = await seedProfile({
    apiBaseUrl: simulator.url,
    tokenUrl: simulator.tokenUrl,
    login: 'TECH_6_plusieurs_dates@cpro.fr',
    password: 'Plusieurs-Dates-2026',
    passwordUpdatedAt: new Date(),
  });
  const { page } = await launch(seeded);
  const ui = screen(page);
  await ui.testButton.click();
  await expect(ui.success).toBeVisible();
  const expiry = page.locator('#expiry');
  await expect(expiry).toContainText('Expiration : 31/05/2027 (date communiquée par Chorus Pro)');
  await expect(expiry).toContainText(
    'Date lue sur la structure « SIVU DES ECOLES DE BOURG-SUR-DEMO » : la plus proche parmi les structures rattachées.',
  );
  await expectAccessible(page);
  await screenshot(page, '19-date-la-plus-proche');
});
