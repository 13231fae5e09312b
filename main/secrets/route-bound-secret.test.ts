import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateCertificates } from '../../e2e/simulator/simulator';
import { clearKeychainService } from './keytar-secret-store';
import { secretAccounts } from './secret-store';
import { runCliProcess } from '../../test/support/cli-process';
import { startConnectProxy, type ConnectProxy } from '../../test/support/loopback-servers';
import { tempDir } from '../../test/support/temp-dirs';
import { X509Certificate } from 'node:crypto';

// A workstation of a centre de gestion: its PISTE application's secret is stored for the direct
// route. A settings-only profile then adds « Budget annexe », same hosts and client id, through an
// intercepting proxy that presents its own authority.
const api = 'https://chorus.cdg22.example';
const token = 'https://oauth.cdg22.example/api/oauth/token';
const clientId = 'piste-cdg';

const services: string[] = [];
let proxy: ConnectProxy;
beforeAll(async () => {
  // Forwards to a closed port: what matters is whether anything reaches it at all.
  proxy = await startConnectProxy(9);
});
afterEach(() => {
  proxy.requestedHosts.splice(0);
});
afterAll(async () => {
  await proxy.close();
  await Promise.all(services.map((service) => clearKeychainService(service)));
});

function workstation() {
  const keychainService = `Chorus Pro Echanges (test route ${randomUUID()})`;
  services.push(keychainService);
  const dir = tempDir('chorus-route-');
  const cli = (args: readonly string[], stdin?: string) =>
    runCliProcess([...args, '--user-data-dir', dir], keychainService, stdin === undefined ? {} : { stdin });
  return { keychainService, dir, cli };
}

/** The settings file as the previous version wrote it: the same, without the mark of the move. */
function asPreviousVersionWroteIt(dir: string): void {
  const file = join(dir, 'config.json');
  const { clientSecretsBoundToRoute, ...previous } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  expect(clientSecretsBoundToRoute).toBe(true);
  writeFileSync(file, JSON.stringify(previous, null, '\t'));
}

describe('a stored client secret serves an account only over the route it was stored for', () => {
  /** The centre's workstation, its secret stored for the direct route, and the profile read by the command line. */
  async function importedBudgetAnnexe() {
    const { ca } = await generateCertificates(['proxy-interception.example']);
    const station = workstation();
    expect(
      (
        await station.cli([
          'configure',
          '--url',
          api,
          '--token-url',
          token,
          '--login',
          'TECH_1_plouer@cpro.fr',
          '--client-id',
          clientId,
          '--json',
        ])
      ).status,
    ).toBe(0);
    expect(
      (await station.cli(['set-client-secret', '--client-secret-stdin', '--json'], 'secret-du-centre\n')).status,
    ).toBe(0);
    const profileFile = join(station.dir, 'profil-budget.json');
    writeFileSync(
      profileFile,
      JSON.stringify({
        profileVersion: 3,
        accounts: [
          {
            name: 'Budget annexe',
            environment: 'custom',
            apiBaseUrl: api,
            tokenUrl: token,
            login: 'TECH_1_budget@cpro.fr',
            clientId,
            alertDelayMonths: 12,
            timeoutSeconds: 30,
            proxyUrl: proxy.url,
            caCertificatePem: ca.cert,
          },
        ],
      }),
    );
    const imported = await station.cli(['import-profile', profileFile]);
    expect(imported.status).toBe(0);
    return { station, imported, ca };
  }

  it('a profile adding an account: the import lists every setting of it, its proxy and its authority (subject, SHA-256) included', async () => {
    const { imported, ca } = await importedBudgetAnnexe();
    expect(imported.stdout).toContain(`« Budget annexe » — Proxy : (nouveau compte) → ${proxy.url}`);
    expect(imported.stdout).toContain(`« Budget annexe » — Lien URL : (nouveau compte) → ${api}`);
    expect(imported.stdout).toContain(`« Budget annexe » — URL du jeton : (nouveau compte) → ${token}`);
    expect(imported.stdout).toContain('O=Simulateur Chorus Pro (test)');
    expect(imported.stdout).toContain(`SHA-256 ${new X509Certificate(ca.cert).fingerprint256}`);
  });

  it('a profile adding an account through a proxy and its authority: the secret stored for the direct route is not lent to it', async () => {
    const { station } = await importedBudgetAnnexe();
    const status = await station.cli(['status', '--account', 'Budget annexe', '--json']);
    expect(status.json).toMatchObject({ secrets: { clientSecret: false } });
    // Even with a password typed there: the first request would have carried the client secret.
    const test = await station.cli(
      ['set-password', '--account', 'Budget annexe', '--password-stdin', '--json'],
      'Mauvais-mot-de-passe-1\n',
    );
    expect(test.status).toBe(1);
    expect(test.json).toMatchObject({ ok: false, code: 'MISSING_SECRET' });
    expect(proxy.requestedHosts).toEqual([]);
    // The account it was stored for keeps it.
    expect((await station.cli(['status', '--account', 'Compte principal', '--json'])).json).toMatchObject({
      secrets: { clientSecret: true },
    });
  });

  it('stored the way the previous version stored it, moves to the route each account used when the app opened', async () => {
    const station = workstation();
    expect(
      (
        await station.cli([
          'configure',
          '--url',
          api,
          '--token-url',
          token,
          '--login',
          'TECH_1_plouer@cpro.fr',
          '--client-id',
          clientId,
          '--proxy',
          proxy.url,
          '--json',
        ])
      ).status,
    ).toBe(0);
    expect((await station.cli(['accounts', 'add', 'Direct', '--json'])).status).toBe(0);
    expect(
      (
        await station.cli([
          'configure',
          '--account',
          'Direct',
          '--url',
          api,
          '--token-url',
          token,
          '--login',
          'TECH_1_direct@cpro.fr',
          '--client-id',
          clientId,
          '--json',
        ])
      ).status,
    ).toBe(0);
    // Exactly the entry the previous version wrote, whatever the proxy: hosts and client id.
    asPreviousVersionWroteIt(station.dir);
    const previousName = `secret-client-piste|${new URL(token).host}|${new URL(api).host}|${clientId}`;
    await keytar.setPassword(station.keychainService, previousName, 'secret-avant-la-mise-a-jour');

    const status = await station.cli(['status', '--account', 'Compte principal', '--json']);
    expect(status.json).toMatchObject({ secrets: { clientSecret: true } });
    expect((await station.cli(['status', '--account', 'Direct', '--json'])).json).toMatchObject({
      secrets: { clientSecret: true },
    });
    const routed = secretAccounts.clientSecret({ tokenUrl: token, apiBaseUrl: api, proxyUrl: proxy.url }, clientId);
    expect(routed).not.toBe(previousName);
    expect(await keytar.getPassword(station.keychainService, routed)).toBe('secret-avant-la-mise-a-jour');
    // Still the direct account's entry.
    expect(await keytar.getPassword(station.keychainService, previousName)).toBe('secret-avant-la-mise-a-jour');
    expect(JSON.parse(readFileSync(join(station.dir, 'config.json'), 'utf8'))).toMatchObject({
      clientSecretsBoundToRoute: true,
    });
    // Moved once for good: an account added afterwards through another proxy inherits nothing.
    expect((await station.cli(['accounts', 'add', 'Ajouté ensuite', '--json'])).status).toBe(0);
    expect(
      (
        await station.cli([
          'configure',
          '--account',
          'Ajouté ensuite',
          '--url',
          api,
          '--token-url',
          token,
          '--login',
          'TECH_1_ensuite@cpro.fr',
          '--client-id',
          clientId,
          '--proxy',
          'http://127.0.0.1:1',
          '--json',
        ])
      ).status,
    ).toBe(0);
    expect((await station.cli(['status', '--account', 'Ajouté ensuite', '--json'])).json).toMatchObject({
      secrets: { clientSecret: false },
    });
  });

  it('stored the previous way for a proxied account only, leaves no entry under the old name once moved', async () => {
    const station = workstation();
    expect(
      (
        await station.cli([
          'configure',
          '--url',
          api,
          '--token-url',
          token,
          '--login',
          'TECH_1_plouer@cpro.fr',
          '--client-id',
          clientId,
          '--proxy',
          proxy.url,
          '--json',
        ])
      ).status,
    ).toBe(0);
    asPreviousVersionWroteIt(station.dir);
    const previousName = `secret-client-piste|${new URL(token).host}|${new URL(api).host}|${clientId}`;
    await keytar.setPassword(station.keychainService, previousName, 'secret-avant-la-mise-a-jour');
    expect((await station.cli(['status', '--account', 'Compte principal', '--json'])).json).toMatchObject({
      secrets: { clientSecret: true },
    });
    const names = (await keytar.findCredentials(station.keychainService)).map((entry) => entry.account);
    expect(names).toEqual([
      secretAccounts.clientSecret({ tokenUrl: token, apiBaseUrl: api, proxyUrl: proxy.url }, clientId),
    ]);
  });
});
