import { loadFixture } from './simulator/fixture';
import { startSimulator, type Simulator } from './simulator/simulator';
import { expect, test } from './fixtures';

const demo = {
  login: 'TECH_1_demo@cpro.fr',
  password: 'Demo-Chorus-2026!',
  clientId: 'demo-client-id',
  clientSecret: 'demo-client-secret',
};

let simulator: Simulator;
test.beforeEach(async () => {
  simulator = await startSimulator({ fixture: loadFixture() });
});
test.afterEach(async () => {
  await simulator.close();
});

test('the page configures, tests, lists and renews through the bridge, and never receives a secret', async ({
  launch,
}) => {
  const { page, logLines } = await launch();
  await expect(page.getByRole('button', { name: 'Test de connexion' })).toBeVisible();

  const answers = await page.evaluate(
    async ({ simulatorUrl, tokenUrl, account }) => {
      const chorus = window.chorus;
      const saved = await chorus.saveSettings({
        environment: 'custom',
        apiBaseUrl: simulatorUrl,
        tokenUrl,
        login: account.login,
        clientId: account.clientId,
      });
      const secret = await chorus.setClientSecret({ secret: account.clientSecret });
      const renewal = await chorus.renewPassword({
        password: account.password,
        verify: true,
        surroundingSpacesConfirmed: false,
      });
      const test = await chorus.testConnection();
      const structures = await chorus.listStructures();
      const details = await chorus.getStructureDetails(25001234);
      const snapshot = await chorus.getSettings();
      return { saved, secret, renewal, test, structures, details, snapshot };
    },
    { simulatorUrl: simulator.url, tokenUrl: simulator.tokenUrl, account: demo },
  );

  expect(answers.saved.ok).toBe(true);
  expect(answers.secret).toMatchObject({ ok: true, secrets: { clientSecret: true } });
  expect(answers.renewal).toMatchObject({ ok: true, stored: true });
  expect(answers.test).toMatchObject({ ok: true, structureCount: 3 });
  expect(answers.structures).toMatchObject({
    ok: true,
    structures: [{ designation: 'COMMUNE DE SAINT-DEMO' }, {}, {}],
  });
  expect(answers.details).toMatchObject({ ok: true, passwordExpiresAt: '2027-09-30' });
  expect(answers.snapshot).toMatchObject({ ok: true, secrets: { password: true, clientSecret: true } });
  const everything = JSON.stringify(answers) + JSON.stringify(logLines);
  for (const secret of [
    demo.password,
    demo.clientSecret,
    Buffer.from(`${demo.login}:${demo.password}`).toString('base64'),
  ]) {
    expect(everything).not.toContain(secret);
  }
});

test('after a reset in the portal the test is refused until the new password is entered', async ({ launch }) => {
  const { page } = await launch();
  await expect(page.getByRole('button', { name: 'Test de connexion' })).toBeVisible();
  await page.evaluate(
    async ({ simulatorUrl, tokenUrl, account }) => {
      await window.chorus.saveSettings({
        environment: 'custom',
        apiBaseUrl: simulatorUrl,
        tokenUrl,
        login: account.login,
        clientId: account.clientId,
      });
      await window.chorus.setClientSecret({ secret: account.clientSecret });
      await window.chorus.renewPassword({
        password: account.password,
        verify: true,
        surroundingSpacesConfirmed: false,
      });
    },
    { simulatorUrl: simulator.url, tokenUrl: simulator.tokenUrl, account: demo },
  );
  const newPassword = simulator.resetPassword(demo.login);

  const refused = await page.evaluate(() => window.chorus.testConnection());
  // The refusal names the field it is about, what to do first, and folds the rest.
  expect(refused).toMatchObject({
    ok: false,
    code: 'AUTH_REJECTED',
    field: 'password',
    details: expect.stringContaining('HTTP 401') as unknown as string,
  });
  expect(refused.ok ? '' : refused.message).toMatch(/^Saisissez ici le nouveau mot de passe/);

  const wrongRenewal = await page.evaluate(() =>
    window.chorus.renewPassword({ password: 'encore-faux', verify: true, surroundingSpacesConfirmed: false }),
  );
  expect(wrongRenewal).toMatchObject({ ok: false, code: 'AUTH_REJECTED' });

  const renewal = await page.evaluate(
    (password) => window.chorus.renewPassword({ password, verify: true, surroundingSpacesConfirmed: false }),
    newPassword,
  );
  expect(renewal).toMatchObject({ ok: true, stored: true });
  await expect
    .poll(() => page.evaluate(() => window.chorus.testConnection()))
    .toMatchObject({ ok: true, structureCount: 3 });
});

test('Annuler stops a connection test that hangs', async ({ launch }) => {
  const { page } = await launch();
  await expect(page.getByRole('button', { name: 'Test de connexion' })).toBeVisible();
  await page.evaluate(
    async ({ simulatorUrl, tokenUrl, account }) => {
      await window.chorus.saveSettings({
        environment: 'custom',
        apiBaseUrl: simulatorUrl,
        tokenUrl,
        login: account.login,
        clientId: account.clientId,
        timeoutSeconds: 60,
      });
      await window.chorus.setClientSecret({ secret: account.clientSecret });
      await window.chorus.renewPassword({
        password: account.password,
        verify: false,
        surroundingSpacesConfirmed: false,
      });
    },
    { simulatorUrl: simulator.url, tokenUrl: simulator.tokenUrl, account: demo },
  );
  simulator.setDelay(20_000);

  const started = Date.now();
  const outcome = await page.evaluate(async () => {
    const running = window.chorus.testConnection();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const cancel = await window.chorus.cancelConnectionOperation();
    return { cancel, result: await running };
  });

  expect(outcome.cancel).toEqual({ ok: true, cancelled: true });
  expect(outcome.result).toMatchObject({ ok: false, code: 'CANCELLED' });
  expect(Date.now() - started).toBeLessThan(5_000);
});
