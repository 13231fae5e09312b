import { randomUUID, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterAll, describe, expect, it } from 'vitest';
import { createHttpTransport } from '../chorus/http-transport';
import { generateCertificates } from '../../e2e/simulator/simulator';
import { AppError } from '../failures/errors';
import { createLogger, type LogLine } from '../logging/logger';
import { clearKeychainService, createKeytarSecretStore } from '../secrets/keytar-secret-store';
import { secretAccounts } from '../secrets/secret-store';
import { createCoreServices } from '../services';
import { selectedServices } from '../../test/support/selected-account';
import { fixedClock, openConfBackend } from '../../test/support/settings-fixture';
import { tempDir } from '../../test/support/temp-dirs';
import { applyProfile, exportProfile, maxProfileBytes, readProfile } from './deployment-profile';
import { describeProfileChanges } from './profile-changes';

const services: string[] = [];
afterAll(() => Promise.all(services.map((service) => clearKeychainService(service))));

function open(userDataDir = tempDir('chorus-profile-'), machineProfilePath?: string) {
  const keychainService = `Chorus Pro Echanges (test profil ${randomUUID()})`;
  services.push(keychainService);
  const logLines: LogLine[] = [];
  const core = selectedServices(
    createCoreServices({
      userDataDir,
      openSettingsBackend: openConfBackend,
      secrets: createKeytarSecretStore(keychainService),
      send: createHttpTransport(),
      clock: fixedClock('2026-11-27T09:30:00Z'),
      logger: createLogger((line) => logLines.push(line)),
      ...(machineProfilePath ? { machineProfilePath } : {}),
    }),
  );
  return { ...core, userDataDir, keychainService, logLines };
}

const refusal = (work: () => unknown): string => {
  try {
    work();
    return 'accepted';
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
};

async function configuredSource() {
  const source = open();
  const { ca } = await generateCertificates(['chorus.mairie.local']);
  const caFile = join(source.userDataDir, 'autorite.pem');
  writeFileSync(caFile, ca.cert);
  source.settings.update({
    environment: 'custom',
    apiBaseUrl: 'https://chorus.mairie.local/api',
    tokenUrl: 'https://chorus.mairie.local/oauth/token',
    login: 'TECH_1_mairie@cpro.fr',
    clientId: 'piste-mairie',
    alertDelayMonths: 10,
    timeoutSeconds: 60,
    proxyUrl: 'http://agent@proxy.mairie.local:3128',
    caCertificatePath: caFile,
  });
  return { source, caPem: ca.cert };
}

describe('a deployment profile', () => {
  it('round-trips every setting, the authority certificate included', async () => {
    const { source, caPem } = await configuredSource();
    const file = join(tempDir(), 'profil.json');
    writeFileSync(file, JSON.stringify(exportProfile(source.settings.read())));

    const target = open();
    expect(describeProfileChanges(target.settings.read(), readProfile(file)).map((change) => change.setting)).toEqual([
      'Environnement',
      'Lien URL',
      'URL du jeton',
      'Identifiant utilisateur',
      'Identifiant client PISTE',
      'Alerte actualisation (mois)',
      "Délai d'attente (secondes)",
      'Proxy',
      "Certificat d'autorité",
      "Certificat d'autorité pour les adresses officielles de PISTE (trustForOfficialHosts)",
    ]);
    const imported = applyProfile(target.settings, readProfile(file), target.userDataDir);
    const { caCertificatePath, ...rest } = imported;
    const { caCertificatePath: _sourcePath, ...expected } = source.settings.read();
    expect(rest).toEqual(expected);
    expect(new X509Certificate(readFileSync(caCertificatePath!, 'utf8')).fingerprint256).toBe(
      new X509Certificate(caPem).fingerprint256,
    );
    expect(describeProfileChanges(target.settings.read(), readProfile(file))).toEqual([]);
  });

  it('never carries a secret, and its import never touches the keychain', async () => {
    const { source } = await configuredSource();
    const settings = source.settings.read();
    const canary = `Canari-${randomUUID()}`;
    await source.secrets.set(secretAccounts.technicalPassword(settings.apiBaseUrl, settings.login!), canary);
    await source.secrets.set(secretAccounts.clientSecret(settings, settings.clientId!), `${canary}-client`);
    const text = JSON.stringify(exportProfile(settings));
    for (const needle of [
      canary,
      Buffer.from(canary).toString('base64'),
      Buffer.from(`${settings.login}:${canary}`).toString('base64'),
    ]) {
      expect(text).not.toContain(needle);
    }

    const target = open();
    const file = join(tempDir(), 'profil.json');
    writeFileSync(file, text);
    applyProfile(target.settings, readProfile(file), target.userDataDir);
    expect(await keytar.findCredentials(target.keychainService)).toEqual([]);
  });

  it('is not exported when its authority certificate file has gone, with what to do', async () => {
    const { source } = await configuredSource();
    const settings = source.settings.read();
    const moved = { ...settings, caCertificatePath: join(tempDir(), 'deplace.pem') };
    let message = '';
    expect(
      refusal(() => {
        try {
          exportProfile(moved);
        } catch (error) {
          message = (error as Error).message;
          throw error;
        }
      }),
    ).toBe('INVALID_INPUT');
    expect(message).toContain("Certificat d'autorité : fichier illisible");
    expect(message).toContain('choisissez-le à nouveau ou retirez-le');
  });

  it('carries certificates only: a private key beside them stops the export and the import, garbage too', async () => {
    const { source, caPem } = await configuredSource();
    const { ca: other } = await generateCertificates(['autre.mairie.local']);
    const settings = source.settings.read();
    const withKey = join(tempDir(), 'autorite-et-cle.pem');
    writeFileSync(withKey, `${caPem}\n${other.key}`);
    let message = '';
    expect(
      refusal(() => {
        try {
          exportProfile({ ...settings, caCertificatePath: withKey });
        } catch (error) {
          message = (error as Error).message;
          throw error;
        }
      }),
    ).toBe('INVALID_INPUT');
    expect(message).toContain('clé privée');

    const profile = exportProfile(settings);
    const target = open();
    const file = join(tempDir(), 'profil.json');
    for (const tampered of [`${caPem}\n${other.key}`, `${caPem}\nexfiltré après le certificat`]) {
      writeFileSync(file, JSON.stringify({ ...profile, caCertificatePem: tampered }));
      expect(refusal(() => readProfile(file))).toBe('PROFILE_REFUSED');
    }

    writeFileSync(file, JSON.stringify({ ...profile, caCertificatePem: `${caPem}\n${other.cert}` }));
    const imported = applyProfile(target.settings, readProfile(file), target.userDataDir);
    const written = readFileSync(imported.caCertificatePath!, 'utf8');
    expect(written.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(2);
    expect(written.replace(/-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+?-----END CERTIFICATE-----/g, '').trim()).toBe(
      '',
    );
  });

  it.each([
    ['malformed JSON', '{"profileVersion":1,', 'PROFILE_REFUSED'],
    ['an unknown version', JSON.stringify({ profileVersion: 2 }), 'PROFILE_REFUSED'],
    ['no version', JSON.stringify({ environment: 'production' }), 'PROFILE_REFUSED'],
    [
      'a value out of range',
      JSON.stringify({
        profileVersion: 1,
        environment: 'production',
        apiBaseUrl: 'x',
        tokenUrl: 'y',
        alertDelayMonths: 12,
        timeoutSeconds: 500,
      }),
      'PROFILE_REFUSED',
    ],
    [
      'an unknown key (a secret, say)',
      JSON.stringify({
        profileVersion: 1,
        environment: 'production',
        apiBaseUrl: 'x',
        tokenUrl: 'y',
        alertDelayMonths: 12,
        timeoutSeconds: 30,
        password: 'x',
      }),
      'PROFILE_REFUSED',
    ],
    [
      'a certificate that is not one',
      JSON.stringify({
        profileVersion: 1,
        environment: 'production',
        apiBaseUrl: 'x',
        tokenUrl: 'y',
        alertDelayMonths: 12,
        timeoutSeconds: 30,
        caCertificatePem: 'bonjour',
      }),
      'PROFILE_REFUSED',
    ],
    [
      'a control character in the login',
      JSON.stringify({
        profileVersion: 1,
        environment: 'production',
        apiBaseUrl: 'x',
        tokenUrl: 'y',
        login: 'TECH_1\u0000x',
        alertDelayMonths: 12,
        timeoutSeconds: 30,
      }),
      'INVALID_INPUT',
    ],
    ['more than 1 MB', JSON.stringify({ profileVersion: 1, padding: ' '.repeat(maxProfileBytes) }), 'PROFILE_REFUSED'],
    [
      'an unsafe address',
      JSON.stringify({
        profileVersion: 1,
        environment: 'custom',
        apiBaseUrl: 'http://chorus.example.org',
        tokenUrl: 'https://oauth.example.org/token',
        alertDelayMonths: 12,
        timeoutSeconds: 30,
      }),
      'INSECURE_URL',
    ],
  ])('with %s is refused, and the settings stay as they were', (_case, content, code) => {
    const target = open();
    target.settings.update({ login: 'TECH_1_inchange@cpro.fr' });
    const settingsFile = join(target.userDataDir, 'config.json');
    const before = readFileSync(settingsFile, 'utf8');
    const file = join(tempDir(), 'profil.json');
    writeFileSync(file, content);
    expect(refusal(() => applyProfile(target.settings, readProfile(file), target.userDataDir))).toBe(code);
    expect(readFileSync(settingsFile, 'utf8')).toBe(before);
  });
});

describe('the machine-wide profile', () => {
  it('is applied at first start only, and never overrides what the user changed since', async () => {
    const { source } = await configuredSource();
    const machineFile = join(tempDir(), 'profile.json');
    writeFileSync(machineFile, JSON.stringify(exportProfile(source.settings.read())));

    const first = open(undefined, machineFile);
    expect(first.settings.read()).toMatchObject({
      login: 'TECH_1_mairie@cpro.fr',
      alertDelayMonths: 10,
      clientId: 'piste-mairie',
    });
    expect(first.logLines.map((line) => line.event)).toContain('profile.machine-applied');
    first.settings.update({ alertDelayMonths: 6 });

    writeFileSync(
      machineFile,
      JSON.stringify({ ...exportProfile(source.settings.read()), alertDelayMonths: 13, clientId: 'autre-application' }),
    );
    const restarted = open(first.userDataDir, machineFile);
    expect(restarted.settings.read()).toMatchObject({ alertDelayMonths: 6, clientId: 'piste-mairie' });
  });

  it('that cannot be used is logged and ignored: the app starts from its defaults', () => {
    const machineFile = join(tempDir(), 'profile.json');
    writeFileSync(machineFile, '{"profileVersion": 9}');
    const first = open(undefined, machineFile);
    expect(first.settings.read()).toMatchObject({ environment: 'production' });
    expect(first.logLines).toContainEqual(
      expect.objectContaining({
        event: 'profile.machine-refused',
        fields: expect.objectContaining({ code: 'PROFILE_REFUSED' }) as object,
      }),
    );
  });
});
