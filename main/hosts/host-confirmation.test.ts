import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMainProcess } from '../../test/support/main-process-fixture';
import { tempDir } from '../../test/support/temp-dirs';

// A settings file exactly as the previous version wrote it: schema 3, no confirmed hosts, no mark.
const previousFile = {
  schemaVersion: 3,
  selectedAccount: 'Commune de Plouër',
  accounts: [
    {
      name: 'Commune de Plouër',
      environment: 'custom',
      apiBaseUrl: 'https://chorus.cdg22.example',
      tokenUrl: 'https://oauth.cdg22.example/token',
      login: 'TECH_1_plouer@cpro.fr',
      clientId: 'piste-cdg',
      alertDelayMonths: 12,
      timeoutSeconds: 30,
      proxyUrl: 'http://proxy.cdg22.example:3128',
      passwordVerified: true,
      chorusPasswordExpiresOn: '2027-03-01',
    },
    {
      name: 'Production',
      environment: 'production',
      apiBaseUrl: 'https://api.piste.gouv.fr',
      tokenUrl: 'https://oauth.piste.gouv.fr/api/oauth/token',
      alertDelayMonths: 6,
      timeoutSeconds: 30,
    },
  ],
};

describe('the hosts the user confirmed', () => {
  it('a file of the previous version opens with nothing lost; the hosts its accounts held count as confirmed', async () => {
    const userDataDir = tempDir('chorus-hotes-');
    writeFileSync(join(userDataDir, 'config.json'), JSON.stringify(previousFile, null, '\t'));
    const fixture = openMainProcess(userDataDir);
    try {
      const stored = JSON.parse(readFileSync(join(userDataDir, 'config.json'), 'utf8')) as typeof previousFile & {
        confirmedHosts: string[];
      };
      expect(stored.accounts).toEqual(previousFile.accounts);
      expect(stored.selectedAccount).toBe(previousFile.selectedAccount);
      expect(stored.confirmedHosts).toEqual([
        'chorus.cdg22.example',
        'oauth.cdg22.example',
        'proxy.cdg22.example:3128',
      ]);
      // No question for them: the test goes out (and fails on the network, unasked).
      expect(await fixture.call('testConnection')).toMatchObject({ ok: false });
      expect(fixture.askedHosts).toEqual([]);
    } finally {
      await fixture.dispose();
    }
  });

  it('a host the page sets is asked about once; once allowed, it is not asked about again', async () => {
    const fixture = openMainProcess();
    try {
      await fixture.call('saveSettings', {
        environment: 'custom',
        apiBaseUrl: 'https://chorus.nouveau.example',
        tokenUrl: 'https://chorus.nouveau.example/token',
        login: 'TECH_1@cpro.fr',
        clientId: 'piste',
      });
      fixture.newHostAnswers.push(true);
      await fixture.call('testConnection');
      await fixture.call('testConnection');
      expect(fixture.askedHosts).toEqual([
        { host: 'chorus.nouveau.example', role: 'Lien URL', account: 'Compte principal' },
      ]);
    } finally {
      await fixture.dispose();
    }
  });
});
