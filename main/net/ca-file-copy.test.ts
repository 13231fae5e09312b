import { randomUUID, X509Certificate } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCertificates } from '../../e2e/simulator/simulator';
import { clearKeychainService } from '../secrets/keytar-secret-store';
import { runCliProcess } from '../../test/support/cli-process';
import { closedAfterEachTest } from '../../test/support/closed-after-each';
import { openMainProcess, type MainProcessFixture } from '../../test/support/main-process-fixture';
import { tempDir } from '../../test/support/temp-dirs';

const fingerprintOf = (path: string): string => new X509Certificate(readFileSync(path, 'utf8')).fingerprint256;

/** A share every user of the town hall can write: the IT department's authority, then someone else's. */
async function share() {
  const folder = tempDir('chorus-partage-');
  const [{ ca: genuine }, { ca: swapped }] = await Promise.all([
    generateCertificates(['proxy.mairie.example']),
    generateCertificates(['intercepte.example']),
  ]);
  const path = join(folder, 'autorite.pem');
  writeFileSync(path, genuine.cert);
  return {
    path,
    genuine: new X509Certificate(genuine.cert).fingerprint256,
    swap: () => writeFileSync(path, swapped.cert),
  };
}

const disposedAfterTest = closedAfterEachTest((fixture: MainProcessFixture) => fixture.dispose());
const services: string[] = [];
afterAll(() => Promise.all(services.map((service) => clearKeychainService(service))));

describe('an extra authority chosen from a folder others can write', () => {
  it('on the screen, is copied into the private folder: swapping the shared file later changes nothing', async () => {
    const shared = await share();
    const fixture = disposedAfterTest(openMainProcess());
    fixture.chosenFiles.push(shared.path);
    const answer = await fixture.call('chooseCaCertificate');
    expect(answer).toMatchObject({ ok: true, chosen: true });
    const kept = fixture.storedSettings().caCertificatePath ?? '';
    // The path shown on the screen is the copy's.
    expect(answer).toMatchObject({ settings: { caCertificatePath: kept } });
    expect(dirname(kept)).toBe(fixture.userDataDir);
    expect(statSync(kept).mode & 0o777).toBe(0o600);
    shared.swap();
    expect(fingerprintOf(kept)).toBe(shared.genuine);
  });

  it('on the command line, is copied into the private folder, and the output says where', async () => {
    const shared = await share();
    const dir = tempDir('chorus-cli-ca-');
    const keychainService = `Chorus Pro Echanges (test ca ${randomUUID()})`;
    services.push(keychainService);
    const configure = await runCliProcess(
      ['configure', '--ca-file', shared.path, '--user-data-dir', dir],
      keychainService,
    );
    expect(configure.status).toBe(0);
    const status = await runCliProcess(['status', '--json', '--user-data-dir', dir], keychainService);
    const kept = (status.json as { settings: { caCertificatePath: string } }).settings.caCertificatePath;
    expect(dirname(kept)).toBe(dir);
    expect(configure.stdout).toContain(`Certificat d'autorité copié dans le dossier de l'application : ${kept}`);
    shared.swap();
    expect(fingerprintOf(kept)).toBe(shared.genuine);
  });
});
