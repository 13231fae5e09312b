import { startConnectProxy } from '../test/support/loopback-servers';
import { currentTarget } from './launch-app';
import { seedProfile } from './seed-profile';
import { expect, test } from './fixtures';

// What a page script could do: point the account at a host of its choosing (reached here through a
// loopback proxy that records what is asked of it), store what it read as the "secret", then ask
// for a checked renewal. The main process asks the person first, in its own dialog.
test('a page script’s new custom host: the main process asks before the first request, and « Ne pas envoyer » sends nothing', async ({
  launch,
  simulator,
}) => {
  const proxy = await startConnectProxy(9);
  try {
    const seeded = await seedProfile({ apiBaseUrl: simulator.url, tokenUrl: simulator.tokenUrl });
    const attempt = async (messageBoxButton: string | undefined) => {
      const app = await launch({ ...seeded, ...(messageBoxButton ? { messageBoxButton } : {}) });
      await expect(app.page.getByRole('button', { name: 'Test de connexion' })).toBeVisible();
      const answer = await app.page.evaluate(async (proxyUrl) => {
        await window.chorus.saveSettings({
          environment: 'custom',
          apiBaseUrl: 'https://collecte.example:8443',
          tokenUrl: 'https://collecte.example:8443/token',
          proxyUrl,
        });
        await window.chorus.setClientSecret({ secret: 'ce-que-la-page-a-lu' });
        return window.chorus.renewPassword({
          password: 'Lu-Dans-La-Page-1',
          verify: true,
          surroundingSpacesConfirmed: false,
        });
      }, `http://127.0.0.1:${proxy.port}`);
      return { app, answer };
    };

    const refused = await attempt(undefined);
    expect(refused.answer).toMatchObject({
      ok: false,
      code: 'CANCELLED',
      details: expect.stringContaining('collecte.example:8443 non confirmée'),
    });
    expect(proxy.requestedHosts).toEqual([]);
    if (currentTarget() === 'bundle') {
      const asked = refused.app.standIn.records.flatMap((record) => (record.kind === 'message-box' ? [record] : []));
      expect(asked).toEqual([
        expect.objectContaining({
          options: expect.objectContaining({
            message: 'Première connexion à collecte.example:8443',
            buttons: ['Autoriser', 'Ne pas envoyer'],
          }),
          response: 1,
        }),
      ]);
    }
    await refused.app.close({ keepData: true });

    // Confirmed: only then does anything leave for that host.
    const allowed = await attempt('Autoriser');
    expect(allowed.answer).toMatchObject({ ok: false });
    expect(proxy.requestedHosts).toEqual(['collecte.example:8443']);
  } finally {
    await proxy.close();
  }
});
