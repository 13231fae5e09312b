// Issue 29, S2: what a machine profile may reach by itself. Its proxy and custom hosts are not
// confirmed by it (the screen asks; the command line and the daily check refuse, naming the host
// and the command that confirms it); its authority serves PISTE's official hosts only when it says
// "trustForOfficialHosts": true (shown in a preview); a 0.2.0 workstation that took such an
// authority is told; a refused machine profile is said by `status`.
import { randomUUID, X509Certificate } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCA } from 'mkcert';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFixture } from '../../e2e/simulator/fixture';
import { startSimulator } from '../../e2e/simulator/simulator';
import { createHttpTransport, type HttpSend } from '../chorus/http-transport';
import { runCli } from '../cli/run-cli';
import { AppError } from '../failures/errors';
import { createLogger } from '../logging/logger';
import { clearKeychainService, createKeytarSecretStore } from '../secrets/keytar-secret-store';
import { createMainProcess } from '../ipc/main-process';
import type { NewHost } from '../hosts/host-confirmation';
import { demoAccount } from '../../test/support/core-fixture';
import { fixedClock, openConfBackend } from '../../test/support/settings-fixture';
import { tempDir } from '../../test/support/temp-dirs';

const keychainService = `Chorus Pro Echanges (test profil machine ${randomUUID()})`;
afterAll(async () => {
  await clearKeychainService(keychainService);
});
const qualification = {
  environment: 'qualification',
  apiBaseUrl: 'https://sandbox-api.piste.gouv.fr',
  tokenUrl: 'https://sandbox-oauth.piste.gouv.fr/api/oauth/token',
  login: 'TECH_1_mairie@cpro.fr',
  clientId: 'id-mairie',
  alertDelayMonths: 12,
  timeoutSeconds: 30,
};

/** A machine profile only an administrator (here: this user, mode 0755/0644) could have written. */
function machineProfile(profile: object, mode = 0o755): string {
  const folder = join(tempDir('chorus-programdata-'), 'Chorus Pro Echanges');
  mkdirSync(folder);
  chmodSync(folder, mode);
  const file = join(folder, 'profile.json');
  writeFileSync(file, JSON.stringify(profile), { mode: 0o644 });
  return file;
}

async function cli(args: readonly string[], options: { profile?: string; send?: HttpSend; stdin?: string } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(args, {
    print: (line) => out.push(line),
    warn: (line) => err.push(line),
    readSecret: () => Promise.resolve(options.stdin ?? ''),
    stdinIsTerminal: false,
    env: { ...process.env, CHORUS_PRO_MACHINE_PROFILE: options.profile ?? '/nonexistent/profil.json' },
    secretsFor: () => createKeytarSecretStore(keychainService),
    send: options.send ?? createHttpTransport(),
    clock: fixedClock('2026-12-02T10:00:00Z'),
  });
  const stdout = out.join('\n');
  return {
    status,
    stdout,
    stderr: err.join('\n'),
    json: stdout.startsWith('{') ? (JSON.parse(stdout) as Record<string, unknown>) : {},
  };
}

describe('a machine profile never confirms a host by itself', () => {
  const withProxy = { profileVersion: 1, ...qualification, proxyUrl: 'http://proxy.mairie.example:3128' };

  it('the command line and the daily check refuse its proxy, naming it and the command that confirms it', async () => {
    const profile = machineProfile(withProxy);
    const dir = tempDir('chorus-poste-');
    const test = await cli(['test', '--json', '--user-data-dir', dir], { profile });
    expect(test.status).toBe(1);
    expect(test.json).toMatchObject({
      ok: false,
      code: 'HOST_NOT_CONFIRMED',
      message: expect.stringContaining(
        'Proxy proxy.mairie.example:3128 : configure --proxy http://proxy.mairie.example:3128',
      ) as string,
    });
    const daily = await cli(['test', '--all', '--json', '--user-data-dir', dir], { profile });
    expect(daily.status).toBe(1);
    expect(daily.json).toMatchObject({
      results: [{ account: 'Compte principal', ok: false, code: 'HOST_NOT_CONFIRMED' }],
    });
    // Confirmed on the command line: the test goes on (to the missing secret: nothing else is set up here).
    expect(
      (await cli(['configure', '--proxy', 'http://proxy.mairie.example:3128', '--user-data-dir', dir], { profile }))
        .status,
    ).toBe(0);
    expect((await cli(['test', '--json', '--user-data-dir', dir], { profile })).json).toMatchObject({
      code: 'MISSING_SECRET',
    });
  });

  it('the screen asks in the main-process dialog before the first request, as for any new host', async () => {
    const asked: NewHost[] = [];
    const userDataDir = tempDir('chorus-poste-');
    const { dispatch } = createMainProcess({
      userDataDir,
      openSettingsBackend: openConfBackend,
      secrets: createKeytarSecretStore(keychainService),
      send: createHttpTransport(),
      clock: fixedClock('2026-12-02T08:00:00Z'),
      logger: createLogger(() => undefined),
      appInfo: { name: 'Chorus Pro Echanges', version: '0.0.0-test', userDataDir },
      desktop: {
        chooseFile: () => Promise.resolve(undefined),
        chooseSaveFile: () => Promise.resolve(undefined),
        openFolder: () => Promise.resolve(),
        confirmNewHost: (request) => (asked.push(request), Promise.resolve(false)),
        copySecret: () => Promise.resolve(),
      },
      appOrigin: 'app://chorus',
      machineProfilePath: machineProfile(withProxy),
    });
    const answer = await dispatch(
      'testConnection',
      { frameUrl: 'app://chorus/index.html', isMainFrame: true, isAppWindow: true },
      [],
    );
    expect(asked).toEqual([{ host: 'proxy.mairie.example:3128', role: 'Proxy', account: 'Compte principal' }]);
    expect(answer).toMatchObject({ ok: false, code: 'CANCELLED' });
  });
});

/** A stand-in for PISTE behind a proxy that inspects TLS (unreachable here): records the authority each request trusts, and refuses the certificate. */
function inspectedPiste() {
  const trusted: (string | undefined)[] = [];
  const send: HttpSend = (request, route) => {
    trusted.push(route.extraCaPem);
    return Promise.reject(new AppError('TLS_UNTRUSTED', new URL(request.url).host));
  };
  return { send, trusted };
}

async function stationWithSecrets(profile: string): Promise<string> {
  const dir = tempDir('chorus-poste-');
  await cli(['set-client-secret', '--client-secret-stdin', '--user-data-dir', dir], {
    profile,
    stdin: 'secret-client',
  });
  await cli(['set-password', '--password-stdin', '--no-verify', '--user-data-dir', dir], {
    profile,
    stdin: 'mot-de-passe',
  });
  return dir;
}

describe('a machine profile’s authority and PISTE’s official hosts', () => {
  it('is not used for them unless the profile says "trustForOfficialHosts": true; the refusal names the setting', async () => {
    const ca = (
      await createCA({
        organization: 'Proxy de la Mairie (test)',
        countryCode: 'FR',
        state: 'Bretagne',
        locality: 'Plouer',
        validity: 30,
      })
    ).cert;
    const withheld = machineProfile({ profileVersion: 1, ...qualification, caCertificatePem: ca });
    const piste = inspectedPiste();
    const dir = await stationWithSecrets(withheld);
    const test = await cli(['test', '--json', '--user-data-dir', dir], { profile: withheld, send: piste.send });
    expect(piste.trusted).toEqual([undefined]);
    expect(test.json).toMatchObject({
      ok: false,
      code: 'TLS_UNTRUSTED',
      message: expect.stringContaining('"trustForOfficialHosts": true au profil') as string,
    });
    const status = await cli(['status', '--user-data-dir', dir], { profile: withheld });
    expect(status.stdout).toContain(
      'il ne sert pas pour les adresses officielles de PISTE (il y servirait si le profil disait "trustForOfficialHosts": true)',
    );

    const trusting = machineProfile({
      profileVersion: 1,
      ...qualification,
      caCertificatePem: ca,
      trustForOfficialHosts: true,
    });
    const trustingPiste = inspectedPiste();
    const trustingDir = await stationWithSecrets(trusting);
    await cli(['test', '--json', '--user-data-dir', trustingDir], { profile: trusting, send: trustingPiste.send });
    expect(trustingPiste.trusted).toHaveLength(1);
    expect(new X509Certificate(trustingPiste.trusted[0] ?? '').fingerprint256).toBe(
      new X509Certificate(ca).fingerprint256,
    );
  });

  it('still serves the custom addresses it came for (a TLS simulator on this machine)', async () => {
    const simulator = await startSimulator({ fixture: loadFixture(), tls: true });
    try {
      const profile = machineProfile({
        profileVersion: 1,
        environment: 'custom',
        apiBaseUrl: simulator.url,
        tokenUrl: simulator.tokenUrl,
        login: demoAccount.login,
        clientId: demoAccount.clientId,
        alertDelayMonths: 12,
        timeoutSeconds: 30,
        caCertificatePem: simulator.caPem,
      });
      const dir = tempDir('chorus-poste-');
      await cli(['set-client-secret', '--client-secret-stdin', '--user-data-dir', dir], {
        profile,
        stdin: demoAccount.clientSecret,
      });
      await cli(['set-password', '--password-stdin', '--no-verify', '--user-data-dir', dir], {
        profile,
        stdin: demoAccount.password,
      });
      expect((await cli(['test', '--json', '--user-data-dir', dir], { profile })).json).toMatchObject({
        ok: true,
        structureCount: 3,
      });
    } finally {
      await simulator.close();
    }
  });

  it('is shown in an import’s preview, and the import follows what the preview showed', async () => {
    const ca = (
      await createCA({
        organization: 'Proxy (test)',
        countryCode: 'FR',
        state: 'Bretagne',
        locality: 'Plouer',
        validity: 30,
      })
    ).cert;
    for (const [trustForOfficialHosts, shown, stored] of [
      [true, 'utilisé', true],
      [undefined, 'non utilisé', false],
    ] as const) {
      const file = join(tempDir('chorus-profil-'), 'profil.json');
      writeFileSync(
        file,
        JSON.stringify({
          profileVersion: 1,
          ...qualification,
          caCertificatePem: ca,
          ...(trustForOfficialHosts === undefined ? {} : { trustForOfficialHosts }),
        }),
      );
      const dir = tempDir('chorus-poste-');
      const imported = await cli(['import-profile', file, '--user-data-dir', dir]);
      expect(imported.stdout).toContain(
        `Certificat d'autorité pour les adresses officielles de PISTE (trustForOfficialHosts) : (aucun certificat) → ${shown}`,
      );
      expect((await cli(['status', '--json', '--user-data-dir', dir])).json).toMatchObject({
        authorityForOfficialHosts: stored,
      });
      // Exported again, the profile says what the workstation does.
      const exported = join(tempDir('chorus-profil-'), 'exporte.json');
      await cli(['export-profile', exported, '--user-data-dir', dir]);
      expect(
        (JSON.parse(readFileSync(exported, 'utf8')) as { trustForOfficialHosts?: boolean }).trustForOfficialHosts,
      ).toBe(stored ? true : undefined);
    }
  });
});

describe('a workstation of 0.2.0 whose machine-profile authority served PISTE', () => {
  /** 0.2.0's own files (test/fixtures/0.2.0-machine-profile-ca), in a fresh user-data folder, with the machine profile they came from. */
  function upgraded(profileChange: object = {}) {
    const fixture = join(__dirname, '../../test/fixtures/0.2.0-machine-profile-ca');
    const dir = tempDir('chorus-poste-020-');
    writeFileSync(
      join(dir, 'config.json'),
      readFileSync(join(fixture, 'config.json'), 'utf8').replaceAll('/tmp/i29-gen/userdata', dir),
      { mode: 0o600 },
    );
    copyFileSync(
      join(fixture, 'autorite-profil-c0b3932689a077ac.pem'),
      join(dir, 'autorite-profil-c0b3932689a077ac.pem'),
    );
    const profile = machineProfile({
      ...(JSON.parse(readFileSync(join(fixture, 'profile.json'), 'utf8')) as object),
      ...profileChange,
    });
    return { dir, profile };
  }

  it('keeps it for custom hosts only, and says so naming "trustForOfficialHosts" in status and in a refused connection', async () => {
    const { dir, profile } = upgraded();
    const status = await cli(['status', '--json', '--user-data-dir', dir], { profile });
    expect(status.json).toMatchObject({
      ok: true,
      authorityForOfficialHosts: false,
      settings: { caCertificatePath: join(dir, 'autorite-profil-c0b3932689a077ac.pem') },
    });
    expect((await cli(['status', '--user-data-dir', dir], { profile })).stdout).toContain(
      '"trustForOfficialHosts": true',
    );
    await cli(['set-client-secret', '--client-secret-stdin', '--user-data-dir', dir], {
      profile,
      stdin: 'secret-client',
    });
    await cli(['set-password', '--password-stdin', '--no-verify', '--user-data-dir', dir], {
      profile,
      stdin: 'mot-de-passe',
    });
    const piste = inspectedPiste();
    expect((await cli(['test', '--json', '--user-data-dir', dir], { profile, send: piste.send })).json).toMatchObject({
      code: 'TLS_UNTRUSTED',
      message: expect.stringContaining('"trustForOfficialHosts": true') as string,
    });
    expect(piste.trusted).toEqual([undefined]);
  });

  it('keeps it for PISTE too when the machine profile now says "trustForOfficialHosts": true', async () => {
    const { dir, profile } = upgraded({ trustForOfficialHosts: true });
    expect((await cli(['status', '--json', '--user-data-dir', dir], { profile })).json).toMatchObject({
      authorityForOfficialHosts: true,
    });
  });
});

describe('a refused machine profile is said, not only logged', () => {
  it('status says why and what to do until a profile is imported', async () => {
    const profile = machineProfile({ profileVersion: 1, ...qualification }, 0o777);
    const dir = tempDir('chorus-poste-');
    const status = await cli(['status', '--user-data-dir', dir], { profile });
    expect(status.stdout).toContain(
      `Attention : Le profil de déploiement du poste (${profile}) n'a pas été appliqué : le dossier ${join(profile, '..')} : d'autres utilisateurs peuvent le modifier (droits 777). Votre service informatique peut le rendre sûr`,
    );
    expect((await cli(['status', '--json', '--user-data-dir', dir], { profile })).json).toMatchObject({
      machineProfileRefusal: expect.stringContaining("n'a pas été appliqué") as string,
    });
    const file = join(tempDir('chorus-profil-'), 'profil.json');
    writeFileSync(file, JSON.stringify({ profileVersion: 1, ...qualification }));
    expect((await cli(['import-profile', file, '--user-data-dir', dir], { profile })).status).toBe(0);
    expect((await cli(['status', '--json', '--user-data-dir', dir], { profile })).json).not.toHaveProperty(
      'machineProfileRefusal',
    );
  });
});
