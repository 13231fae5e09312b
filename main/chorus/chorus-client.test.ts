import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadFixture } from '../../e2e/simulator/fixture';
import { startSimulator, type Simulator } from '../../e2e/simulator/simulator';
import { newClient, targetOf } from '../../test/support/chorus-client-fixture';
import { demoAccount } from '../../test/support/core-fixture';
import { closedPort, startAnsweringServer, startConnectProxy } from '../../test/support/loopback-servers';
import { simulatorForTheFile } from '../../test/support/simulator-for-file';

async function failureOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error, 'the operation should have failed').toBeDefined();
  const { code, message } = error as { code: string; message: string };
  return { code, message };
}

const http = simulatorForTheFile();
let https: Simulator;
beforeAll(async () => {
  https = await startSimulator({
    fixture: loadFixture(),
    tls: true,
    certificateNames: ['localhost', 'chorus-simule.test'],
  });
});
afterAll(async () => {
  await https.close();
});

describe('the connection test against the simulator', () => {
  it('succeeds with the right credentials and counts the structures', async () => {
    const result = await newClient().testConnection(targetOf(http()), demoAccount);
    expect(result.structureCount).toBe(3);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('reads an account without structure as zero structures, not as a failure', async () => {
    const result = await newClient().testConnection(targetOf(http()), {
      ...demoAccount,
      login: 'TECH_3_sans_structure@cpro.fr',
      password: 'Sans-Structure-2026',
    });
    expect(result.structureCount).toBe(0);
  });

  it('reuses a warm token: a second test makes one request, not two', async () => {
    const simulator = await startSimulator({ fixture: loadFixture() });
    try {
      const client = newClient();
      await client.testConnection(targetOf(simulator), demoAccount);
      await client.testConnection(targetOf(simulator), demoAccount);
      expect(simulator.requestCounts.get('/api/oauth/token')).toBe(1);
      expect(simulator.requestCounts.get('/cpro/utilisateurs/v1/monCompte/recuperer/rattachements')).toBe(2);
    } finally {
      await simulator.close();
    }
  });

  it('never sends a token obtained for one API host to another one', async () => {
    const simulator = await startSimulator({ fixture: loadFixture() });
    try {
      const client = newClient();
      await client.testConnection(targetOf(simulator), demoAccount);
      await client.testConnection(
        targetOf(simulator, { apiBaseUrl: simulator.url.replace('127.0.0.1', 'localhost') }),
        demoAccount,
      );
      expect(simulator.requestCounts.get('/api/oauth/token')).toBe(2);
    } finally {
      await simulator.close();
    }
  });

  it('renews a token PISTE no longer accepts, once, and succeeds', async () => {
    const simulator = await startSimulator({ fixture: loadFixture() });
    try {
      const client = newClient();
      await client.testConnection(targetOf(simulator), demoAccount);
      simulator.expireTokens();
      await expect(client.testConnection(targetOf(simulator), demoAccount)).resolves.toMatchObject({
        structureCount: 3,
      });
      expect(simulator.requestCounts.get('/api/oauth/token')).toBe(2);
    } finally {
      await simulator.close();
    }
  });

  it('AUTH_REJECTED for a wrong password, telling to enter the new one after a reset', async () => {
    const failure = await failureOf(
      newClient().testConnection(targetOf(http()), { ...demoAccount, password: 'ancien-mot-de-passe' }),
    );
    expect(failure.code).toBe('AUTH_REJECTED');
    expect(failure.message).toMatch(/^Saisissez ici le nouveau mot de passe communiqué par Chorus Pro/);
    expect(failure.message).toMatch(/réinitialisé ou a expiré sur le portail Chorus Pro/);
  });

  it('AUTH_REJECTED for an expired password', async () => {
    const failure = await failureOf(
      newClient().testConnection(targetOf(http()), {
        ...demoAccount,
        login: 'TECH_2_expire@cpro.fr',
        password: 'Mot-De-Passe-Expire-2024',
      }),
    );
    expect(failure.code).toBe('AUTH_REJECTED');
  });

  it('AUTH_REJECTED with the old password after a reset in the portal, success with the new one', async () => {
    const simulator = await startSimulator({ fixture: loadFixture() });
    try {
      const client = newClient();
      await client.testConnection(targetOf(simulator), demoAccount);
      const newPassword = simulator.resetPassword(demoAccount.login);
      expect((await failureOf(client.testConnection(targetOf(simulator), demoAccount))).code).toBe('AUTH_REJECTED');
      await expect(
        client.testConnection(targetOf(simulator), { ...demoAccount, password: newPassword }),
      ).resolves.toMatchObject({ structureCount: 3 });
    } finally {
      await simulator.close();
    }
  });

  it('FORBIDDEN when the PISTE application is not subscribed, pointing at the subscription and the API connection', async () => {
    const failure = await failureOf(
      newClient().testConnection(targetOf(http()), {
        ...demoAccount,
        clientId: 'non-abonnee-client-id',
        clientSecret: 'non-abonnee-client-secret',
      }),
    );
    expect(failure.code).toBe('FORBIDDEN');
    expect(failure.message).toMatch(/abonnée aux API Chorus Pro/);
    expect(failure.message).toMatch(/raccordement/);
  });

  it('OAUTH_REJECTED for a wrong client secret', async () => {
    const failure = await failureOf(
      newClient().testConnection(targetOf(http()), { ...demoAccount, clientSecret: 'mauvais-secret' }),
    );
    expect(failure.code).toBe('OAUTH_REJECTED');
    expect(failure.message).toContain('invalid_client');
  });

  it('SERVER_ERROR when Chorus Pro fails', async () => {
    const simulator = await startSimulator({ fixture: loadFixture() });
    try {
      simulator.failNext(503);
      const failure = await failureOf(newClient().testConnection(targetOf(simulator), demoAccount));
      expect(failure.code).toBe('SERVER_ERROR');
      expect(failure.message).toContain('HTTP 503');
    } finally {
      await simulator.close();
    }
  });

  it('TIMEOUT when the answer comes after the deadline, and CANCELLED when the user stops it', async () => {
    const simulator = await startSimulator({ fixture: loadFixture() });
    try {
      simulator.setDelay(2_000);
      const started = Date.now();
      expect(
        (await failureOf(newClient().testConnection(targetOf(simulator, { timeoutSeconds: 0.5 }), demoAccount))).code,
      ).toBe('TIMEOUT');
      expect(Date.now() - started).toBeLessThan(1_800);

      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      expect(
        (await failureOf(newClient().testConnection(targetOf(simulator), demoAccount, controller.signal))).code,
      ).toBe('CANCELLED');
    } finally {
      await simulator.close();
    }
  });

  it('CHORUS_ERROR with Chorus Pro’s own reason for a structure the account is not attached to', async () => {
    const failure = await failureOf(newClient().structureDetails(targetOf(http()), demoAccount, 999));
    expect(failure.code).toBe('CHORUS_ERROR');
    expect(failure.message).toContain("la structure n'existe pas");
  });
});

describe('the structures', () => {
  it('maps every attachment with its services', async () => {
    const structures = await newClient().listStructures(targetOf(http()), demoAccount);
    expect(structures.map((structure) => structure.designation)).toEqual([
      'COMMUNE DE SAINT-DEMO',
      'CCAS DE SAINT-DEMO',
      'SYNDICAT DES EAUX DE SAINT-DEMO',
    ]);
    expect(structures[0]).toMatchObject({
      identifier: '21380185500015',
      identifierType: 'SIRET',
      status: 'ACTIF',
      role: 'GESTIONNAIRE',
    });
    expect(structures[0]?.services).toContainEqual({ code: 'ANCIEN', label: 'Régie fermée', active: false });
  });

  it('reads every page: 250 structures in 3 pages of 100', async () => {
    const fixture = loadFixture();
    const account = fixture.accounts[0]!;
    account.structures = Array.from({ length: 250 }, (_, index) => ({
      ...account.structures[0]!,
      idStructure: 1000 + index,
      designationStructure: `STRUCTURE ${index + 1}`,
    }));
    const simulator = await startSimulator({ fixture });
    try {
      const structures = await newClient().listStructures(targetOf(simulator), demoAccount);
      expect(structures).toHaveLength(250);
      expect(new Set(structures.map((structure) => structure.id)).size).toBe(250);
      expect(simulator.requestCounts.get('/cpro/utilisateurs/v1/monCompte/recuperer/rattachements')).toBe(3);
    } finally {
      await simulator.close();
    }
  });

  it('gives a structure’s details with the password expiry Chorus Pro reports', async () => {
    await expect(newClient().structureDetails(targetOf(http()), demoAccount, 25001234)).resolves.toEqual({
      id: 25001234,
      designation: 'COMMUNE DE SAINT-DEMO',
      identifier: '21380185500015',
      identifierType: 'SIRET',
      passwordExpiresAt: '2027-09-30',
    });
    expect(await newClient().structureDetails(targetOf(http()), demoAccount, 25001235)).not.toHaveProperty(
      'passwordExpiresAt',
    );
  });
});

describe('the transport rules', () => {
  it('INSECURE_URL for plain http to another machine, before any connection', async () => {
    const failure = await failureOf(
      newClient().testConnection(
        { apiBaseUrl: 'http://chorus.example.org', tokenUrl: 'https://oauth.example.org/token', timeoutSeconds: 5 },
        demoAccount,
      ),
    );
    expect(failure.code).toBe('INSECURE_URL');
  });

  it('TLS_UNTRUSTED for a certificate from an unknown authority; success once its CA is given', async () => {
    expect((await failureOf(newClient().testConnection(targetOf(https), demoAccount))).code).toBe('TLS_UNTRUSTED');
    await expect(
      newClient().testConnection(targetOf(https, { extraCaPem: https.caPem! }), demoAccount),
    ).resolves.toMatchObject({ structureCount: 3 });
  });

  it('TLS_HOSTNAME_MISMATCH for a trusted certificate issued to another name', async () => {
    const other = await startSimulator({
      fixture: loadFixture(),
      tls: true,
      certificateNames: ['autre-serveur.example'],
    });
    try {
      const failure = await failureOf(
        newClient().testConnection(targetOf(other, { extraCaPem: other.caPem! }), demoAccount),
      );
      expect(failure.code).toBe('TLS_HOSTNAME_MISMATCH');
    } finally {
      await other.close();
    }
  });

  it('CONNECTION_FAILED when nothing listens', async () => {
    const port = await closedPort();
    const failure = await failureOf(
      newClient().testConnection(
        { apiBaseUrl: `http://127.0.0.1:${port}`, tokenUrl: `http://127.0.0.1:${port}/token`, timeoutSeconds: 5 },
        demoAccount,
      ),
    );
    expect(failure.code).toBe('CONNECTION_FAILED');
    expect(failure.message).toContain(`127.0.0.1:${port}`);
  });

  it('DNS_FAILED for a host name that does not resolve', async () => {
    const failure = await failureOf(
      newClient().testConnection(
        {
          apiBaseUrl: 'https://chorus-pro.invalid',
          tokenUrl: 'https://oauth.chorus-pro.invalid/token',
          timeoutSeconds: 10,
        },
        demoAccount,
      ),
    );
    expect(failure.code).toBe('DNS_FAILED');
    expect(failure.message).toContain('oauth.chorus-pro.invalid');
  });

  it('REDIRECT_REFUSED naming the target, without following it', async () => {
    const redirecting = await startAnsweringServer((_request, response) => {
      response.writeHead(302, { Location: 'https://ailleurs.example/api/oauth/token?x=1' });
      response.end();
    });
    try {
      const failure = await failureOf(
        newClient().testConnection(
          { apiBaseUrl: redirecting.url, tokenUrl: `${redirecting.url}/token`, timeoutSeconds: 5 },
          demoAccount,
        ),
      );
      expect(failure.code).toBe('REDIRECT_REFUSED');
      expect(failure.message).toContain('https://ailleurs.example/api/oauth/token');
      expect(failure.message).not.toContain('x=1');
    } finally {
      await redirecting.close();
    }
  });

  it('NOT_FOUND for an address where no Chorus Pro service lives', async () => {
    const failure = await failureOf(
      newClient().testConnection(
        { apiBaseUrl: `${http().url}/ailleurs`, tokenUrl: http().tokenUrl, timeoutSeconds: 5 },
        demoAccount,
      ),
    );
    expect(failure.code).toBe('NOT_FOUND');
  });

  it('UNEXPECTED_RESPONSE for a server that is not Chorus Pro', async () => {
    const portal = await startAnsweringServer((request, response) => {
      if (request.url === '/token') {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ access_token: 'jeton', token_type: 'Bearer', expires_in: 3600 }));
        return;
      }
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end('<html><body>Portail captif du réseau</body></html>');
    });
    try {
      const failure = await failureOf(
        newClient().testConnection(
          { apiBaseUrl: portal.url, tokenUrl: `${portal.url}/token`, timeoutSeconds: 5 },
          demoAccount,
        ),
      );
      expect(failure.code).toBe('UNEXPECTED_RESPONSE');
    } finally {
      await portal.close();
    }
  });

  it('RESPONSE_TOO_LARGE for an answer over the cap, stopped while it streams', async () => {
    const flooding = await startAnsweringServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = (): void => {
        while (sent < 8 * 1024 * 1024) {
          sent += chunk.length;
          if (!response.write(chunk)) {
            response.once('drain', pump);
            return;
          }
        }
        response.end();
      };
      response.on('error', () => undefined);
      pump();
    });
    try {
      const failure = await failureOf(
        newClient().testConnection(
          { apiBaseUrl: flooding.url, tokenUrl: `${flooding.url}/token`, timeoutSeconds: 10 },
          demoAccount,
        ),
      );
      expect(failure.code).toBe('RESPONSE_TOO_LARGE');
    } finally {
      await flooding.close();
    }
  });

  it('goes through an explicit proxy with a CONNECT tunnel, TLS kept end to end', async () => {
    const port = new URL(https.url).port;
    const proxy = await startConnectProxy(Number(port));
    try {
      const target = {
        apiBaseUrl: `https://chorus-simule.test:${port}`,
        tokenUrl: `https://chorus-simule.test:${port}/api/oauth/token`,
        timeoutSeconds: 10,
        extraCaPem: https.caPem!,
        proxy: new URL(proxy.url),
      };
      await expect(newClient().testConnection(target, demoAccount)).resolves.toMatchObject({ structureCount: 3 });
      expect(proxy.requestedHosts).toContain(`chorus-simule.test:${port}`);
    } finally {
      await proxy.close();
    }
  });

  it('PROXY_FAILED when the proxy cannot be reached or refuses the tunnel', async () => {
    const target = {
      apiBaseUrl: 'https://chorus-simule.test',
      tokenUrl: 'https://chorus-simule.test/api/oauth/token',
      timeoutSeconds: 5,
    };
    const unreachable = new URL(`http://127.0.0.1:${await closedPort()}`);
    expect((await failureOf(newClient().testConnection({ ...target, proxy: unreachable }, demoAccount))).code).toBe(
      'PROXY_FAILED',
    );

    const refusing = await startConnectProxy(1, { refuse: 407 });
    try {
      expect(
        (await failureOf(newClient().testConnection({ ...target, proxy: new URL(refusing.url) }, demoAccount))).code,
      ).toBe('PROXY_FAILED');
    } finally {
      await refusing.close();
    }
  });

  it.each([403, 502, 400])(
    'reads a proxy that answers %i to CONNECT as the proxy, never as Chorus Pro',
    async (status) => {
      const target = {
        apiBaseUrl: 'https://chorus-simule.test',
        tokenUrl: 'https://chorus-simule.test/api/oauth/token',
        timeoutSeconds: 5,
      };
      const refusing = await startConnectProxy(1, { refuse: status });
      try {
        const failure = await failureOf(
          newClient().testConnection({ ...target, proxy: new URL(refusing.url) }, demoAccount),
        );
        expect(failure.code).toBe('PROXY_FAILED');
        expect(failure.message).toContain(`le proxy a répondu ${status}`);
      } finally {
        await refusing.close();
      }
    },
  );

  it('closes the socket to the proxy when a test is cancelled or times out while the CONNECT waits', async () => {
    const open = new Set<Socket>();
    let accepted = 0;
    const silent = createNetServer((socket) => {
      accepted += 1;
      open.add(socket);
      // Reads what comes and never answers: a proxy that hangs on CONNECT.
      socket.resume();
      socket.on('error', () => undefined);
      socket.on('close', () => open.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const proxy = new URL(`http://127.0.0.1:${(silent.address() as AddressInfo).port}`);
    const target = {
      apiBaseUrl: 'https://chorus-simule.test',
      tokenUrl: 'https://chorus-simule.test/api/oauth/token',
      timeoutSeconds: 30,
      proxy,
    };
    try {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const cancel = new AbortController();
        const running = failureOf(newClient().testConnection(target, demoAccount, cancel.signal));
        await vi.waitFor(() => expect(accepted).toBe(attempt + 1));
        cancel.abort();
        expect((await running).code).toBe('CANCELLED');
      }
      await vi.waitFor(() => expect(open.size).toBe(0), { timeout: 2000 });

      // The deadline does the same.
      expect((await failureOf(newClient().testConnection({ ...target, timeoutSeconds: 1 }, demoAccount))).code).toBe(
        'TIMEOUT',
      );
      expect(accepted).toBe(6);
      await vi.waitFor(() => expect(open.size).toBe(0), { timeout: 2000 });
    } finally {
      for (const socket of open) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
