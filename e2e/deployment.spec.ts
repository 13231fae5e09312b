import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import keytar from 'keytar';
import { readPackageVersion } from './harness/browser-target';
import { expectAccessible, screen, screenshot } from './screen';
import { demo, seedProfile } from './seed-profile';
import { expect, needsMainWiring, test } from './fixtures';
import { tempDir } from '../test/support/temp-dirs';

const folder = () => tempDir('chorus-deploiement-');

test('an administrator exports a profile; another workstation imports it after seeing what changes', async ({
  launch,
  simulator,
}) => {
  const profileFile = join(folder(), 'profil-chorus-pro.json');
  const source = await launch({
    ...(await seedProfile({ apiBaseUrl: simulator.url, tokenUrl: simulator.tokenUrl })),
    fileToSave: profileFile,
  });
  await source.page.getByText('Déploiement et assistance').click();
  await source.page.getByRole('button', { name: 'Exporter le profil de déploiement…' }).click();
  await expect(
    source.page.getByText(`Profil de déploiement exporté, sans aucun secret : ${profileFile}`),
  ).toBeVisible();
  const exported = readFileSync(profileFile, 'utf8');
  for (const secret of [demo.password, demo.clientSecret]) expect(exported).not.toContain(secret);

  const target = await launch({ fileToChoose: profileFile });
  const ui = screen(target.page);
  await target.page.getByText('Déploiement et assistance').click();
  await target.page.getByRole('button', { name: 'Importer un profil de déploiement…' }).click();
  const dialog = target.page.getByRole('dialog', { name: 'Importer un profil de déploiement' });
  await expect(dialog.getByRole('row', { name: /Lien URL/ })).toContainText(simulator.url);
  await expect(dialog.getByRole('row', { name: /Identifiant utilisateur/ })).toContainText(demo.login);
  await expectAccessible(target.page);
  await screenshot(target.page, '12-import-de-profil');
  await dialog.getByRole('button', { name: 'Importer' }).click();
  await expect(dialog).toHaveCount(0);

  await expect(ui.environment).toHaveValue('custom');
  await expect(ui.url).toHaveValue(simulator.url);
  await expect(ui.login).toHaveValue(demo.login);
  await expect(ui.password).toHaveAttribute('placeholder', '');
  expect(await keytar.findCredentials(target.keychainService)).toEqual([]);
});

test('a profile chosen from the menu that cannot be imported is refused in place, and nothing changes', async ({
  launch,
}) => {
  needsMainWiring();
  const bad = join(folder(), 'profil.json');
  writeFileSync(bad, JSON.stringify({ profileVersion: 4, environment: 'custom' }));
  const app = await launch({ fileToChoose: bad });
  const before = readFileSync(join(app.userDataDir, 'config.json'), 'utf8');
  await expect(screen(app.page).testButton).toBeVisible();
  await app.chooseMenuItem('Importer un profil de déploiement…');
  await expect(app.page.getByText('Version de profil 4 inconnue')).toContainText(
    "Rien n'a changé : demandez un nouveau profil",
  );
  expect(readFileSync(join(app.userDataDir, 'config.json'), 'utf8')).toBe(before);
});

test('a machine-wide profile pre-configures the first start', async ({ launch, simulator }) => {
  const machineProfile = join(folder(), 'profile.json');
  writeFileSync(
    machineProfile,
    JSON.stringify({
      profileVersion: 1,
      environment: 'custom',
      apiBaseUrl: simulator.url,
      tokenUrl: simulator.tokenUrl,
      login: demo.login,
      clientId: demo.clientId,
      alertDelayMonths: 11,
      timeoutSeconds: 45,
    }),
  );
  const { page } = await launch({ machineProfile });
  const ui = screen(page);
  await expect(ui.url).toHaveValue(simulator.url);
  await expect(ui.login).toHaveValue(demo.login);
  await expect(ui.alertDelay).toHaveValue('11');
});

test('a machine-wide profile other users could have written is not applied, and the screen says why and what to do', async ({
  launch,
  simulator,
}) => {
  const planted = join(folder(), 'Chorus Pro Echanges');
  mkdirSync(planted);
  chmodSync(planted, 0o777);
  const machineProfile = join(planted, 'profile.json');
  writeFileSync(
    machineProfile,
    JSON.stringify({
      profileVersion: 1,
      environment: 'custom',
      apiBaseUrl: simulator.url,
      tokenUrl: simulator.tokenUrl,
      login: demo.login,
      clientId: demo.clientId,
      alertDelayMonths: 11,
      timeoutSeconds: 45,
    }),
  );
  const { page } = await launch({ machineProfile });
  const notice = page.getByRole('status', { name: 'Profil de déploiement du poste non appliqué' });
  await expect(notice).toContainText(
    `Le profil de déploiement du poste (${machineProfile}) n'a pas été appliqué : le dossier ${planted} : d'autres utilisateurs peuvent le modifier (droits 777).`,
  );
  await expect(notice).toContainText('Votre service informatique peut le rendre sûr');
  await expect(screen(page).url).not.toHaveValue(simulator.url);
  await expectAccessible(page);
});

test('the support log records what the app did, without any secret; its folder opens from the menu; À propos', async ({
  launch,
  simulator,
}) => {
  needsMainWiring();
  const canary = `Canari-${randomUUID()}`;
  const app = await launch(await seedProfile({ apiBaseUrl: simulator.url, tokenUrl: simulator.tokenUrl }));
  const ui = screen(app.page);
  await ui.testButton.click();
  await expect(ui.success).toBeVisible();
  await ui.password.fill(canary);
  await ui.testButton.click();
  await expect(app.page.locator('#password-failure')).toContainText('Chorus Pro refuse celui-ci');

  await app.chooseMenuItem('Ouvrir le dossier des journaux');
  const logFolder = join(app.userDataDir, 'journaux');
  await expect(app.page.getByText(`Dossier des journaux : ${logFolder}`)).toBeVisible();
  expect(app.openedFolders).toEqual([logFolder]);
  const log = readFileSync(join(logFolder, 'chorus-pro-echanges.log'), 'utf8');
  const events = log
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { event: string; code?: string });
  expect(events).toContainEqual(expect.objectContaining({ event: 'chorus.connection-test', code: 'OK' }));
  expect(events).toContainEqual(expect.objectContaining({ event: 'chorus.password-check', code: 'AUTH_REJECTED' }));
  for (const needle of [
    canary,
    Buffer.from(canary).toString('base64'),
    Buffer.from(`${demo.login}:${canary}`).toString('base64'),
    demo.password,
    demo.clientSecret,
  ]) {
    expect(log).not.toContain(needle);
  }

  await app.chooseMenuItem('À propos de Chorus Pro Echanges');
  const about = app.page.getByRole('dialog', { name: 'À propos de Chorus Pro Echanges' });
  await expect(about).toContainText(readPackageVersion());
  await expect(about).toContainText(app.userDataDir);
  await expectAccessible(app.page);
});
