import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { channelNames, eventNames } from '../common/bridge';
import { expect, test } from './fixtures';

test('the page reaches the named functions of the contract and nothing else', async ({ launch }) => {
  const { page } = await launch();
  await expect(page.getByRole('button', { name: 'Test de connexion' })).toBeVisible();

  const exposed = await page.evaluate(() => ({
    functions: Object.keys(window.chorus).sort(),
    kinds: Object.values(window.chorus).map((value) => typeof value),
    frozen: Object.isFrozen(window.chorus),
    globals: ['require', 'process', 'module', 'ipcRenderer', 'electron', '__chorusTransport'].filter(
      (name) => name in window,
    ),
  }));

  expect(exposed.functions).toEqual(
    [...channelNames, ...eventNames.map((event) => `on${event[0]!.toUpperCase()}${event.slice(1)}`)].sort(),
  );
  expect(exposed.functions).toContain('onPasswordReminder');
  expect(new Set(exposed.kinds)).toEqual(new Set(['function']));
  expect(exposed.frozen).toBe(true);
  expect(exposed.globals).toEqual([]);
});

test('malformed arguments get INVALID_INPUT, change nothing, and the main side keeps answering', async ({ launch }) => {
  const app = await launch();
  const { page } = app;
  await expect(page.getByRole('button', { name: 'Test de connexion' })).toBeVisible();
  const saved = await page.evaluate(() => window.chorus.saveSettings({ alertDelayMonths: 6 }));
  expect(saved.ok).toBe(true);
  const settingsFile = join(app.userDataDir, 'config.json');
  const before = readFileSync(settingsFile, 'utf8');

  const answers = await page.evaluate(async () => {
    // Deliberately outside the contract's types: what a compromised page could send.
    const loose = window.chorus as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const save = loose.saveSettings!;
    return Promise.all([
      save(42),
      save({ alertDelayMonths: 99 }),
      save({ alertDelayMonths: 3, schemaVersion: 7 }),
      save({ apiBaseUrl: { toString: null } }),
      save(),
      loose.getAppInfo!('unexpected argument'),
    ]);
  });

  for (const answer of answers) {
    expect(answer).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(JSON.stringify(answer)).not.toMatch(/stack|at \w+ \(/);
  }
  expect((answers[1] as { message: string }).message).toContain('alertDelayMonths');
  expect(readFileSync(settingsFile, 'utf8')).toBe(before);
  const info = await page.evaluate(() => window.chorus.getAppInfo());
  expect(info.ok).toBe(true);
});

test('an unsafe address is refused by the main process with INSECURE_URL and nothing is saved', async ({ launch }) => {
  const app = await launch();
  const { page } = app;
  await expect(page.getByRole('button', { name: 'Test de connexion' })).toBeVisible();

  const answer = await page.evaluate(() =>
    window.chorus.saveSettings({
      environment: 'custom',
      apiBaseUrl: 'http://chorus.example.org',
      tokenUrl: 'https://oauth.example.org/token',
    }),
  );

  expect(answer).toMatchObject({ ok: false, code: 'INSECURE_URL' });
  const after = await page.evaluate(() => window.chorus.getSettings());
  expect(after).toMatchObject({
    ok: true,
    settings: { environment: 'production', apiBaseUrl: 'https://api.piste.gouv.fr' },
  });
});
