import { X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCertificates } from '../../e2e/simulator/simulator';
import { defaultSettings } from '../settings/settings-schema';
import { tempDir } from '../../test/support/temp-dirs';
import { parseSingleProfile } from './deployment-profile';
import { describeProfileChanges } from './profile-changes';

describe('the preview of a profile that changes the authority', () => {
  it('shows each certificate’s subject and SHA-256 fingerprint, before and after', async () => {
    const [{ ca: trusted }, { ca: swapped }] = await Promise.all([
      generateCertificates(['proxy.mairie.example']),
      generateCertificates(['intercepte.example']),
    ]);
    const path = join(tempDir('chorus-apercu-'), 'autorite.pem');
    writeFileSync(path, trusted.cert);
    const profile = parseSingleProfile({ profileVersion: 1, ...defaultSettings, caCertificatePem: swapped.cert });
    const [change] = describeProfileChanges({ ...defaultSettings, caCertificatePath: path }, profile).filter(
      (row) => row.setting === "Certificat d'autorité",
    );
    expect(change?.before).toContain(`SHA-256 ${new X509Certificate(trusted.cert).fingerprint256}`);
    expect(change?.after).toContain(`SHA-256 ${new X509Certificate(swapped.cert).fingerprint256}`);
    expect(change?.after).toContain('O=Simulateur Chorus Pro (test)');
  });
});
