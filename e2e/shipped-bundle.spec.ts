// What only the bundle target can see: the requests the shipped main bundle makes of Electron.
import { join } from 'node:path';
import { subMonths } from 'date-fns';
import { contentSecurityPolicy } from '../main/shell/content-security-policy';
import { channelNames } from '../common/bridge';
import { ipcChannelOf } from '../preload/ipc-channel';
import { projectRoot } from './harness/paths';
import { recordedWebPreferences, secureWebPreferences } from './harness/shipped-expectations';
import { currentTarget } from './launch-app';
import { screen } from './screen';
import { seedProfile } from './seed-profile';
import { expect, test } from './fixtures';

test.skip(currentTarget() !== 'bundle', 'the shipped bundles run with E2E_TARGET=bundle');

test('the window is created with exactly the secure options, shown once ready, and loaded from app://chorus', async ({
  launch,
}) => {
  const app = await launch();
  await expect(screen(app.page).testButton).toBeVisible();
  const { records } = app.standIn;

  expect(recordedWebPreferences(records)).toEqual(secureWebPreferences(join(projectRoot, 'dist')));
  expect(records.flatMap((record) => (record.kind === 'load-url' ? [record.url] : []))).toEqual([
    'app://chorus/index.html',
  ]);
  expect(records).toContainEqual({ kind: 'window-call', call: 'show' });
  expect(records).toContainEqual({ kind: 'app-user-model-id', id: 'fr.collectivites.chorus-pro-echanges' });
  expect(records).toContainEqual({ kind: 'single-instance-lock', granted: true });
  expect(records).toContainEqual({
    kind: 'privileged-schemes',
    schemes: [
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
    ],
  });
  const sessionCalls = records.flatMap((record) => (record.kind === 'session' ? [record.call] : []));
  expect(sessionCalls.sort()).toEqual([
    'setDevicePermissionHandler',
    'setPermissionCheckHandler',
    'setPermissionRequestHandler',
    'webRequest.onBeforeRequest',
  ]);
  const guards = records.flatMap((record) => (record.kind === 'web-contents' ? [record.call] : []));
  expect(guards).toEqual(
    expect.arrayContaining([
      'setWindowOpenHandler',
      'on:will-navigate',
      'on:will-redirect',
      'on:will-frame-navigate',
      'on:will-attach-webview',
      'on:will-prevent-unload',
    ]),
  );
  // The page came through the registered handler: its CSP header is the app's.
  const answer = await app.page.request.get(app.page.url());
  expect(answer.headers()['content-security-policy']).toBe(contentSecurityPolicy);
});

test('the IPC handlers registered are exactly the contract’s channels, and electron-store answers its renderer channel', async ({
  launch,
}) => {
  const app = await launch();
  await expect(screen(app.page).testButton).toBeVisible();
  const handled = app.standIn.records.flatMap((record) => (record.kind === 'ipc-handle' ? [record.channel] : []));
  expect(handled.sort()).toEqual(channelNames.map(ipcChannelOf).sort());
  expect(app.standIn.records).toContainEqual({ kind: 'ipc-on', channel: 'electron-store-get-data' });
});

test('the window menu has the French items', async ({ launch }) => {
  const app = await launch();
  await expect(screen(app.page).testButton).toBeVisible();
  const menus = app.standIn.records.filter((record) => record.kind === 'menu');
  expect(menus).toEqual([
    {
      kind: 'menu',
      template: [
        {
          label: '&Fichier',
          submenu: [
            { label: 'Importer un profil de déploiement…' },
            { label: 'Exporter le profil de déploiement…' },
            { type: 'separator' },
            { label: 'Ouvrir le dossier des journaux' },
            { type: 'separator' },
            { label: 'Quitter', role: 'quit' },
          ],
        },
        { label: '&Aide', submenu: [{ label: 'À propos de Chorus Pro Echanges' }] },
      ],
    },
  ]);
});

test('a password due for renewal raises one OS notification at start; clicking it brings the window forward', async ({
  launch,
  simulator,
}) => {
  const app = await launch(
    await seedProfile({
      apiBaseUrl: simulator.url,
      tokenUrl: simulator.tokenUrl,
      passwordUpdatedAt: subMonths(new Date(), 13),
    }),
  );
  await expect(
    app.page.getByText('Faites renouveler le mot de passe du compte technique', { exact: false }),
  ).toBeVisible();
  const shown = app.standIn.records.filter((record) => record.kind === 'notification');
  expect(shown).toHaveLength(1);
  expect(shown[0]).toMatchObject({
    kind: 'notification',
    title: 'Chorus Pro Echanges',
    body: expect.stringMatching(/mot de passe/i),
  });

  const focusBefore = app.standIn.records.filter(
    (record) => record.kind === 'window-call' && record.call === 'focus',
  ).length;
  await app.standIn.clickNotification(0);
  expect(app.standIn.records.filter((record) => record.kind === 'window-call' && record.call === 'focus')).toHaveLength(
    focusBefore + 1,
  );
});

test('a profile without a due password raises no OS notification', async ({ launch, simulator }) => {
  const app = await launch(
    await seedProfile({ apiBaseUrl: simulator.url, tokenUrl: simulator.tokenUrl, passwordUpdatedAt: new Date() }),
  );
  await expect(screen(app.page).testButton).toBeVisible();
  expect(app.standIn.records.filter((record) => record.kind === 'notification')).toEqual([]);
});

test('closing with a typed secret shows the warning dialog, and « Rester » keeps the window and the typing', async ({
  launch,
}) => {
  const app = await launch({ messageBoxButton: 'Rester' });
  const ui = screen(app.page);
  await ui.password.fill('pas-encore-enregistre');

  expect(await app.standIn.closeWindow()).toBe(false);
  const boxes = app.standIn.records.filter((record) => record.kind === 'message-box');
  expect(boxes).toEqual([
    {
      kind: 'message-box',
      options: expect.objectContaining({
        type: 'warning',
        message: "Un mot de passe ou un secret saisi n'a pas encore été enregistré.",
        buttons: ['Fermer sans enregistrer', 'Rester'],
      }) as unknown,
      response: 1,
    },
  ]);
  await expect(ui.password).toHaveValue('pas-encore-enregistre');
});

test('closing with a typed secret and « Fermer sans enregistrer » closes the window', async ({ launch }) => {
  const app = await launch({ messageBoxButton: 'Fermer sans enregistrer' });
  await screen(app.page).password.fill('pas-encore-enregistre');
  expect(await app.standIn.closeWindow()).toBe(true);
  expect(app.standIn.records.filter((record) => record.kind === 'message-box')).toHaveLength(1);
});

test('a second instance hands over to the first, which comes forward, and quits without a window', async ({
  launch,
}) => {
  const app = await launch();
  await expect(screen(app.page).testButton).toBeVisible();
  const focusBefore = app.standIn.records.filter(
    (record) => record.kind === 'window-call' && record.call === 'focus',
  ).length;

  const second = await app.standIn.startSecondInstance();

  expect(second.exitCode).toBe(0);
  expect(second.records).toContainEqual({ kind: 'single-instance-lock', granted: false });
  expect(second.records.filter((record) => record.kind === 'window')).toEqual([]);
  await expect
    .poll(() => app.standIn.records.filter((record) => record.kind === 'window-call' && record.call === 'focus').length)
    .toBe(focusBefore + 1);
  await expect(screen(app.page).testButton).toBeVisible();
});

test('a call from a subframe, or from a page at another origin, is refused by the main process', async ({ launch }) => {
  const app = await launch();
  const { page } = app;
  await expect(screen(page).testButton).toBeVisible();
  expect(await app.standIn.invokeFrom(page.mainFrame(), ipcChannelOf('getAppInfo'), [])).toMatchObject({
    ok: true,
    value: { ok: true },
  });

  await page.evaluate(() => {
    const frame = document.createElement('iframe');
    frame.src = '/index.html';
    document.body.append(frame);
  });
  await expect.poll(() => page.frames().length).toBe(2);
  const subframe = page.frames().find((frame) => frame !== page.mainFrame())!;
  expect(await app.standIn.invokeFrom(subframe, ipcChannelOf('getAppInfo'), [])).toMatchObject({
    ok: true,
    value: { ok: false, code: 'UNTRUSTED_SENDER' },
  });

  await page.route('https://autre-origine.example/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<p>Autre origine</p>' }),
  );
  await page.goto('https://autre-origine.example/');
  expect(await app.standIn.invokeFrom(page.mainFrame(), ipcChannelOf('getAppInfo'), [])).toMatchObject({
    ok: true,
    value: { ok: false, code: 'UNTRUSTED_SENDER' },
  });
});

test('the page cannot take the window to another origin: main refuses the navigation', async ({ launch }) => {
  const app = await launch();
  const { page } = app;
  await expect(screen(page).testButton).toBeVisible();
  const appUrl = page.url();

  const failed = page.waitForEvent('requestfailed');
  await page.evaluate(() => {
    window.location.href = 'https://autre-origine.example/';
  });
  // Refused by main's will-navigate guard, not by the network.
  expect((await failed).failure()?.errorText).toBe('net::ERR_ABORTED');
  expect(page.url()).toBe(appUrl);
  await expect(screen(page).testButton).toBeVisible();
});
