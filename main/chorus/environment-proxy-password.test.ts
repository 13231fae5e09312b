import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixture } from '../../e2e/simulator/fixture';
import { startSimulator, type Simulator } from '../../e2e/simulator/simulator';
import { secretAccounts } from '../secrets/secret-store';
import { configuredServices, demoAccount } from '../../test/support/core-fixture';
import { startConnectProxy, type ConnectProxy } from '../../test/support/loopback-servers';
import { tempDir } from '../../test/support/temp-dirs';

// This file runs in its own process: it sets the proxy variables of its environment.
let https: Simulator;
let proxy: ConnectProxy;
beforeAll(async () => {
  https = await startSimulator({ fixture: loadFixture(), tls: true, certificateNames: ['chorus-simule.test'] });
  proxy = await startConnectProxy(Number(new URL(https.url).port), { credentials: 'agent-mairie:Mot de passe:1%' });
  process.env.HTTPS_PROXY = `http://agent-mairie:${encodeURIComponent('Mot de passe:1%')}@127.0.0.1:${proxy.port}`;
  delete process.env.NO_PROXY;
  delete process.env.no_proxy;
});
afterAll(async () => {
  delete process.env.HTTPS_PROXY;
  await Promise.all([proxy.close(), https.close()]);
});

describe('HTTPS_PROXY with a user name and a password', () => {
  it('goes through the proxy with that password, and never writes it in the log', async () => {
    const fixture = await configuredServices(https);
    try {
      const port = new URL(https.url).port;
      const ca = join(tempDir('chorus-ca-env-'), 'autorite.pem');
      writeFileSync(ca, https.caPem ?? '');
      const { settings } = fixture.services;
      settings.update({
        apiBaseUrl: `https://chorus-simule.test:${port}`,
        tokenUrl: `https://chorus-simule.test:${port}/api/oauth/token`,
        caCertificatePath: ca,
      });
      await fixture.secrets.set(
        secretAccounts.clientSecret(settings.read(), demoAccount.clientId),
        demoAccount.clientSecret,
      );
      await fixture.secrets.set(
        secretAccounts.technicalPassword(settings.read().apiBaseUrl, demoAccount.login),
        demoAccount.password,
      );
      await expect(fixture.services.connection.testConnection(settings.read())).resolves.toMatchObject({
        structureCount: 3,
      });
      expect(new Set(proxy.requestedHosts)).toEqual(new Set([`chorus-simule.test:${port}`]));
      expect(JSON.stringify(fixture.logLines)).not.toContain('Mot de passe');
    } finally {
      await fixture.dispose();
    }
  });
});
