import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTestSettings } from '../../test/support/settings-fixture';
import { tempDir } from '../../test/support/temp-dirs';

// The structure named beside Chorus Pro's expiry date: an optional field of version 3.

const settingsFile = (directory: string) => join(directory, 'config.json');

/** A version 3 file exactly as the app writes it before this field existed: two accounts. */
const writtenBefore = {
  schemaVersion: 3,
  selectedAccount: 'Commune de Plouër',
  accounts: [
    {
      name: 'Compte principal',
      environment: 'production',
      apiBaseUrl: 'https://api.piste.gouv.fr',
      tokenUrl: 'https://oauth.piste.gouv.fr/api/oauth/token',
      alertDelayMonths: 12,
      timeoutSeconds: 30,
      login: 'TECH_1@cpro.fr',
      clientId: 'piste-app',
      passwordUpdatedAt: '2026-03-02T09:12:00.000Z',
      passwordVerified: true,
      chorusPasswordExpiresOn: '2027-04-30',
    },
    {
      name: 'Commune de Plouër',
      environment: 'qualification',
      apiBaseUrl: 'https://sandbox-api.piste.gouv.fr',
      tokenUrl: 'https://sandbox-oauth.piste.gouv.fr/api/oauth/token',
      alertDelayMonths: 10,
      timeoutSeconds: 45,
      login: 'TECH_2@cpro.fr',
      clientId: 'piste-app-2',
      passwordUpdatedAt: '2026-05-02T09:12:00.000Z',
      passwordVerified: false,
    },
  ],
};

describe('the structure of the expiry date in the settings file', () => {
  it('opens a version 3 file written without it, nothing lost, nothing rewritten', () => {
    const directory = tempDir();
    writeFileSync(settingsFile(directory), JSON.stringify(writtenBefore, null, '\t'));
    const { store } = openTestSettings(directory);
    expect(store.recoveredFrom).toBeUndefined();
    expect(store.accounts.list()).toEqual(writtenBefore.accounts);
    expect(store.accountName()).toBe('Commune de Plouër');
    expect(JSON.parse(readFileSync(settingsFile(directory), 'utf8'))).toEqual(writtenBefore);
  });

  it('is kept with its date, and forgotten with it (a renewal, a test without date)', () => {
    const directory = tempDir();
    writeFileSync(settingsFile(directory), JSON.stringify(writtenBefore));
    const { store } = openTestSettings(directory);
    const principal = store.forAccount('Compte principal');
    expect(principal.recordChorusExpiry('2027-03-31', 'SIVU DES ECOLES')).toMatchObject({
      chorusPasswordExpiresOn: '2027-03-31',
      chorusPasswordExpiryStructure: 'SIVU DES ECOLES',
    });
    expect(openTestSettings(directory).store.forAccount('Compte principal').read().chorusPasswordExpiryStructure).toBe(
      'SIVU DES ECOLES',
    );
    expect(principal.recordChorusExpiry(undefined)).not.toHaveProperty('chorusPasswordExpiryStructure');
    principal.recordChorusExpiry('2027-03-31', 'SIVU DES ECOLES');
    const renewed = principal.recordPasswordUpdate(new Date('2026-12-01T10:00:00Z'), true);
    expect(renewed).not.toHaveProperty('chorusPasswordExpiresOn');
    expect(renewed).not.toHaveProperty('chorusPasswordExpiryStructure');
  });
});
