import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startConnectProxy } from '../test/support/loopback-servers';
import { loadFixture } from './simulator/fixture';
import { startSimulator } from './simulator/simulator';
import { screen } from './screen';
import { demo, seedProfile } from './seed-profile';
import { expect, test } from './fixtures';
import { tempDir } from '../test/support/temp-dirs';

test('behind a proxy that asks for a password: user name in the address, password saved from the screen, then the test succeeds', async ({
  launch,
}) => {
  const https = await startSimulator({
    fixture: loadFixture(),
    tls: true,
    certificateNames: ['localhost', 'chorus-simule.test'],
  });
  const port = new URL(https.url).port;
  const proxy = await startConnectProxy(Number(port), { credentials: 'agent-mairie:Proxy-Secret-1' });
  try {
    const caFile = join(tempDir(), 'autorite.pem');
    writeFileSync(caFile, https.caPem!);
    // A name only the proxy knows how to reach: the workstation itself cannot resolve it.
    const remote = {
      apiBaseUrl: `https://chorus-simule.test:${port}`,
      tokenUrl: `https://chorus-simule.test:${port}/api/oauth/token`,
    };
    const { page } = await launch({ ...(await seedProfile(remote)), fileToChoose: caFile });
    const ui = screen(page);
    await ui.advanced.click();
    await page.getByRole('button', { name: 'Choisir…' }).click();
    // Kept as a private copy in the app's folder, named after its content.
    await expect(page.getByLabel("Certificat d'autorité")).toHaveValue(/autorite-[0-9a-f]{16}\.pem$/);
    await page.getByLabel('Proxy', { exact: true }).fill(`http://agent-mairie@127.0.0.1:${proxy.port}`);
    await page.getByLabel('Proxy', { exact: true }).blur();
    // A client secret serves the route it was stored for: entered again for this proxy and authority.
    await ui.clientSecret.fill(demo.clientSecret);
    await ui.saveSecret.click();
    await expect(page.locator('#clientSecret-message')).toHaveText(/^Secret client enregistré dans le coffre-fort/);

    const proxyPassword = page.getByLabel('Mot de passe du proxy (agent-mairie)');
    await expect(proxyPassword).toHaveAttribute('placeholder', '');
    await ui.testButton.click();
    await expect(ui.alert).toContainText(
      "Appelez votre service informatique : le proxy n'a pas permis d'atteindre Chorus Pro.",
    );

    await proxyPassword.fill('Proxy-Secret-1');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await expect(page.locator('#proxyPassword-message')).toHaveText(
      /^Mot de passe du proxy enregistré dans le coffre-fort/,
    );
    await expect(proxyPassword).toHaveAttribute('placeholder', 'Enregistré dans le coffre-fort');
    await ui.testButton.click();
    await expect(ui.success).toBeVisible();
    expect(proxy.requestedHosts.at(-1)).toBe(`chorus-simule.test:${port}`);
  } finally {
    await proxy.close();
    await https.close();
  }
});
