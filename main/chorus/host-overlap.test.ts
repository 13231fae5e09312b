import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCertificates } from '../../e2e/simulator/simulator';
import { systemClock } from '../dates/clock';
import { builtTrustStores } from '../net/trust-store';
import { closedAfterEachTest } from '../../test/support/closed-after-each';
import { createChorusClient, type ChorusCredentials } from './chorus-client';
import { createHttpTransport } from './http-transport';

// Production has two hosts (oauth.piste.gouv.fr and api.piste.gouv.fr): here "localhost" answers
// the token, "127.0.0.1" the API, each its own TLS server signed by a CA made for the run.

const demo: ChorusCredentials = {
  clientId: 'id',
  clientSecret: 'secret',
  login: 'TECH_1_demo@cpro.fr',
  password: 'Demo-Chorus-2026!',
};
const attachments = JSON.stringify({
  codeRetour: 0,
  libelle: 'TRA_MSG_00.000',
  listeStructureRattachement: [{ idStructure: 7, identifiantStructure: '12345678900011' }],
  parametresRetour: { pageCourante: 1, pages: 1, total: 1 },
});

let certificates: Awaited<ReturnType<typeof generateCertificates>>;
const closedAfterTest = closedAfterEachTest(
  (server: Server) =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);
beforeAll(async () => {
  certificates = await generateCertificates(['localhost', '127.0.0.1']);
});

type Certificates = typeof certificates;
async function listen(
  handler: Parameters<typeof createServer>[1],
  signedBy: Certificates = certificates,
): Promise<{ server: Server; port: number }> {
  const server = closedAfterTest(createServer({ key: signedBy.server.key, cert: signedBy.server.cert }, handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

/**
 * Two hosts that log what happens in order. The token host holds its answer until the API host
 * has accepted a connection (or 2 s passed): a client that waits for the token before connecting
 * to the API logs the token first.
 */
async function twoHosts(tokenStatus = 200, signedBy: Certificates = certificates) {
  const events: string[] = [];
  const apiRequests: { authorization: string | undefined; cproAccount: string | undefined }[] = [];
  let apiConnected: () => void = () => undefined;
  const apiConnection = new Promise<void>((resolve) => (apiConnected = resolve));
  const api = await listen((request, response) => {
    request.resume();
    request.on('end', () => {
      apiRequests.push({
        authorization: request.headers.authorization,
        cproAccount: request.headers['cpro-account'] as string | undefined,
      });
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(attachments);
    });
  }, signedBy);
  api.server.on('connection', () => {
    events.push('API : connexion acceptée');
    apiConnected();
  });
  let tokenRequests = 0;
  const token = await listen((request, response) => {
    tokenRequests += 1;
    request.resume();
    void Promise.race([apiConnection, new Promise((resolve) => setTimeout(resolve, 2000))]).then(() => {
      events.push('jeton : réponse envoyée');
      if (tokenStatus !== 200) {
        response
          .writeHead(tokenStatus, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ error: 'invalid_client' }));
        return;
      }
      response
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ access_token: 'jeton-1', token_type: 'Bearer', expires_in: 3600 }));
    });
  }, signedBy);
  const target = {
    apiBaseUrl: `https://127.0.0.1:${String(api.port)}`,
    tokenUrl: `https://localhost:${String(token.port)}/api/oauth/token`,
    timeoutSeconds: 10,
    extraCaPem: signedBy.ca.cert,
  };
  return {
    events,
    apiRequests,
    target,
    apiServer: api.server,
    tokenRequests: () => tokenRequests,
    apiConnections: () => events.filter((event) => event.startsWith('API')).length,
  };
}

describe('a connection test against two hosts', () => {
  it('connects to the API host while the token is asked for, and sends the API call only with the token', async () => {
    const hosts = await twoHosts();
    const client = createChorusClient({ send: createHttpTransport(), clock: systemClock });
    await expect(client.testConnection(hosts.target, demo)).resolves.toMatchObject({ structureCount: 1 });
    expect(hosts.events).toEqual(['API : connexion acceptée', 'jeton : réponse envoyée']);
    expect(hosts.apiRequests).toEqual([{ authorization: 'Bearer jeton-1', cproAccount: expect.any(String) as string }]);
  });

  it('reuses the API connection and the token on the next test: one request, no new connection', async () => {
    const hosts = await twoHosts();
    const client = createChorusClient({ send: createHttpTransport(), clock: systemClock });
    await client.testConnection(hosts.target, demo);
    await client.testConnection(hosts.target, demo);
    expect(hosts.tokenRequests()).toBe(1);
    expect(hosts.apiRequests).toHaveLength(2);
    expect(hosts.apiConnections()).toBe(1);
  });

  it('sends nothing to the API host when the token is refused, and closes the connection opened ahead', async () => {
    const hosts = await twoHosts(401);
    const client = createChorusClient({ send: createHttpTransport(), clock: systemClock });
    await expect(client.testConnection(hosts.target, demo)).rejects.toMatchObject({ code: 'OAUTH_REJECTED' });
    expect(hosts.apiRequests).toEqual([]);
    await new Promise<void>((resolve) => setTimeout(resolve, 50));
    const open = await new Promise<number>((resolve) =>
      hosts.apiServer.getConnections((_error, count) => resolve(count)),
    );
    expect(open).toBe(0);
  });

  it('builds the trust store of an extra authority once per process, not once per connection', async () => {
    const authority = await generateCertificates(['localhost', '127.0.0.1']);
    const before = builtTrustStores();
    const hosts = await twoHosts(200, authority);
    const other = await twoHosts(200, authority);
    // Two clients, four hosts, four TLS connections, one new authority: one new trust store.
    await createChorusClient({ send: createHttpTransport(), clock: systemClock }).testConnection(hosts.target, demo);
    await createChorusClient({ send: createHttpTransport(), clock: systemClock }).testConnection(other.target, demo);
    expect(builtTrustStores() - before).toBe(1);
  });
});
