import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../e2e/simulator/fixture';
import { generateCertificates, startSimulator } from '../../e2e/simulator/simulator';
import { secretAccounts } from '../secrets/secret-store';
import { closedAfterEachTest } from '../../test/support/closed-after-each';
import { demoAccount } from '../../test/support/core-fixture';
import { openMainProcess, type MainProcessFixture } from '../../test/support/main-process-fixture';
import { tempDir } from '../../test/support/temp-dirs';

const disposedAfterTest = closedAfterEachTest((fixture: MainProcessFixture) => fixture.dispose());
const open = () => disposedAfterTest(openMainProcess());

describe('the extra authority through the bridge', () => {
  it('is never set from a path the page sends, whether or not the file exists: only the dialog sets it', async () => {
    const fixture = open();
    const attackerCa = join(tempDir(), 'autorite-attaquant.pem');
    writeFileSync(attackerCa, (await generateCertificates(['localhost'])).ca.cert);

    const existing = await fixture.call('saveSettings', { caCertificatePath: attackerCa } as never);
    const missing = await fixture.call('saveSettings', { caCertificatePath: join(tempDir(), 'absent.pem') } as never);

    expect(existing).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    // The same answer for a file that exists and one that does not: the page learns nothing of the disk.
    expect(missing).toEqual(existing);
    expect(fixture.storedSettings().caCertificatePath).toBeUndefined();

    fixture.chosenFiles.push(attackerCa);
    expect(await fixture.call('chooseCaCertificate')).toMatchObject({ ok: true, chosen: true });
    // Chosen in the dialog: kept as a private copy in the app's folder.
    expect(fixture.storedSettings().caCertificatePath).toMatch(
      new RegExp(`^${fixture.userDataDir}/autorite-[0-9a-f]{16}\\.pem$`),
    );
    expect(await fixture.call('saveSettings', { caCertificatePath: '' })).toMatchObject({ ok: true });
    expect(fixture.storedSettings().caCertificatePath).toBeUndefined();
  });
});

describe('a « % » in the proxy user name', () => {
  it('is refused when typed, with what to write instead, and nothing is saved', async () => {
    const fixture = open();
    const answer = await fixture.call('saveSettings', { proxyUrl: 'http://agent%zz@proxy.mairie.local:3128' });
    expect(answer).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: expect.stringContaining('%25') as string,
    });
    expect(fixture.storedSettings().proxyUrl).toBeUndefined();
    expect(await fixture.call('getSettings')).toMatchObject({ ok: true });
  });

  it('already on disk (an older version, a machine-wide profile) leaves the settings readable and says what to fix', async () => {
    const userDataDir = tempDir('chorus-main-');
    writeFileSync(
      join(userDataDir, 'config.json'),
      JSON.stringify({
        schemaVersion: 2,
        environment: 'production',
        apiBaseUrl: 'https://api.piste.gouv.fr',
        tokenUrl: 'https://oauth.piste.gouv.fr/api/oauth/token',
        login: 'TECH_1_mairie@cpro.fr',
        clientId: 'piste-mairie',
        alertDelayMonths: 12,
        timeoutSeconds: 30,
        proxyUrl: 'http://agent%zz@proxy.mairie.local:3128',
      }),
    );
    const fixture = disposedAfterTest(openMainProcess(userDataDir));
    expect(await fixture.call('getSettings')).toMatchObject({
      ok: true,
      settings: { proxyUrl: 'http://agent%zz@proxy.mairie.local:3128' },
    });
    expect(await fixture.call('testConnection')).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: expect.stringContaining('Proxy') as string,
    });
    expect(await fixture.call('saveSettings', { proxyUrl: 'http://agent@proxy.mairie.local:3128' })).toMatchObject({
      ok: true,
    });
  });
});

describe('a profile import', () => {
  it('applies exactly the profile that was previewed, even if the file changed in between', async () => {
    const fixture = open();
    const file = join(tempDir(), 'profil.json');
    const previewed = {
      profileVersion: 1,
      environment: 'production',
      apiBaseUrl: 'https://api.piste.gouv.fr',
      tokenUrl: 'https://oauth.piste.gouv.fr/api/oauth/token',
      login: 'TECH_1_mairie@cpro.fr',
      alertDelayMonths: 10,
      timeoutSeconds: 30,
    };
    writeFileSync(file, JSON.stringify(previewed));
    fixture.chosenFiles.push(file);
    const preview = await fixture.call('previewProfileImport');
    expect(preview).toMatchObject({ ok: true, chosen: true });
    expect(JSON.stringify(preview)).not.toContain('Proxy');

    writeFileSync(file, JSON.stringify({ ...previewed, proxyUrl: 'http://proxy.attaquant.example:3128' }));
    expect(await fixture.call('importProfile')).toMatchObject({ ok: true });
    expect(fixture.storedSettings()).toMatchObject({ login: 'TECH_1_mairie@cpro.fr', alertDelayMonths: 10 });
    expect(fixture.storedSettings().proxyUrl).toBeUndefined();
  });
});

describe('« Annuler »', () => {
  it('also stops a test joined by a second caller: both answer CANCELLED at once', async () => {
    const simulator = await startSimulator({ fixture: loadFixture() });
    try {
      const fixture = open();
      const endpoints = { apiBaseUrl: simulator.url, tokenUrl: simulator.tokenUrl };
      expect(
        await fixture.call('saveSettings', {
          environment: 'custom',
          ...endpoints,
          login: demoAccount.login,
          clientId: demoAccount.clientId,
        }),
      ).toMatchObject({ ok: true });
      await fixture.secrets.set(secretAccounts.clientSecret(endpoints, demoAccount.clientId), demoAccount.clientSecret);
      await fixture.secrets.set(
        secretAccounts.technicalPassword(simulator.url, demoAccount.login),
        demoAccount.password,
      );
      simulator.setDelay(3000);

      const started = Date.now();
      const first = fixture.call('testConnection');
      const joined = fixture.call('testConnection');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await fixture.call('cancelConnectionOperation')).toMatchObject({ ok: true, cancelled: true });
      expect(await Promise.all([first, joined])).toEqual([
        expect.objectContaining({ ok: false, code: 'CANCELLED' }),
        expect.objectContaining({ ok: false, code: 'CANCELLED' }),
      ]);
      expect(Date.now() - started).toBeLessThan(2500);
    } finally {
      await simulator.close();
    }
  });
});
