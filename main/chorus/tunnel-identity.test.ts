import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixture } from '../../e2e/simulator/fixture';
import { startSimulator, type Simulator } from '../../e2e/simulator/simulator';
import { AppError } from '../failures/errors';
import { secretAccounts } from '../secrets/secret-store';
import { closedAfterEachTest } from '../../test/support/closed-after-each';
import { configuredServices, demoAccount, type CoreFixture } from '../../test/support/core-fixture';
import { startConnectProxy, type ConnectProxy } from '../../test/support/loopback-servers';
import { tempDir } from '../../test/support/temp-dirs';

// 192.0.2.10 is a documentation address (TEST-NET-1): the proxy tunnels it to a loopback server
// whatever the address asked for, as an intercepting proxy would.
const ipEndpoint = '192.0.2.10';

let forProxyName: Simulator;
let forTargetIp: Simulator;
const closedAfterTest = closedAfterEachTest((proxy: ConnectProxy) => proxy.close());
const disposedAfterTest = closedAfterEachTest((fixture: CoreFixture) => fixture.dispose());
beforeAll(async () => {
  [forProxyName, forTargetIp] = await Promise.all([
    // A certificate valid for the proxy's own name only, as a proxy that intercepts would show.
    startSimulator({ fixture: loadFixture(), tls: true, certificateNames: ['localhost'] }),
    startSimulator({ fixture: loadFixture(), tls: true, certificateNames: [ipEndpoint] }),
  ]);
});
afterAll(() => Promise.all([forProxyName.close(), forTargetIp.close()]));

/** Chorus Pro at an IP address, reached through a proxy named localhost, with the server's authority trusted. */
async function throughProxy(server: Simulator) {
  const port = new URL(server.url).port;
  const proxy = closedAfterTest(await startConnectProxy(Number(port)));
  const fixture = disposedAfterTest(await configuredServices(server));
  const ca = join(tempDir('chorus-ca-ip-'), 'autorite.pem');
  writeFileSync(ca, server.caPem ?? '');
  fixture.services.settings.update({
    apiBaseUrl: `https://${ipEndpoint}:${port}`,
    tokenUrl: `https://${ipEndpoint}:${port}/api/oauth/token`,
    proxyUrl: `http://localhost:${proxy.port}`,
    caCertificatePath: ca,
  });
  await fixture.secrets.set(
    secretAccounts.clientSecret(fixture.services.settings.read(), demoAccount.clientId),
    demoAccount.clientSecret,
  );
  await fixture.secrets.set(
    secretAccounts.technicalPassword(fixture.services.settings.read().apiBaseUrl, demoAccount.login),
    demoAccount.password,
  );
  return { fixture, proxy };
}

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 'succeeded',
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );

describe('an IP-address endpoint reached through a proxy', () => {
  it('refuses a certificate made out to the proxy’s name: the identity checked is the target’s', async () => {
    const { fixture, proxy } = await throughProxy(forProxyName);
    expect(await outcome(fixture.services.connection.testConnection(fixture.services.settings.read()))).toBe(
      'TLS_HOSTNAME_MISMATCH',
    );
    expect(proxy.requestedHosts[0]).toBe(`${ipEndpoint}:${new URL(forProxyName.url).port}`);
  });

  it('accepts a certificate that names the address itself (IP SAN)', async () => {
    const { fixture } = await throughProxy(forTargetIp);
    await expect(fixture.services.connection.testConnection(fixture.services.settings.read())).resolves.toMatchObject({
      structureCount: 3,
    });
  });
});
