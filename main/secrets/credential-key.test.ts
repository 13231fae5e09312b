import { describe, expect, it } from 'vitest';
import { openTestSettings } from '../../test/support/settings-fixture';
import { tempDir } from '../../test/support/temp-dirs';
import { credentialKey, sameCredential } from './credential-key';

describe('keychain names compared the way Windows’ Credential Manager does', () => {
  it('folds ı with I and i, ſ with S and s, and keeps ß apart from SS', () => {
    expect(sameCredential('TECH_1_mairıe@cpro.fr', 'TECH_1_MAIRIE@cpro.fr')).toBe(true);
    expect(sameCredential('ſervice@cpro.fr', 'SERVICE@cpro.fr')).toBe(true);
    expect(sameCredential('TECH_1_Mairie@cpro.fr', 'tech_1_mairie@CPRO.FR')).toBe(true);
    expect(sameCredential('straße@cpro.fr', 'STRASSE@cpro.fr')).toBe(false);
    expect(credentialKey('TECH_2@cpro.fr')).not.toBe(credentialKey('TECH_1@cpro.fr'));
  });

  it('refuses a second account whose login differs from another one’s only by ı or ſ at the same address', () => {
    const { store } = openTestSettings(tempDir('chorus-casse-'));
    store.update({ login: 'TECH_1_mairie@cpro.fr' });
    store.accounts.add('Budget annexe');
    expect(() => store.forAccount('Budget annexe').update({ login: 'TECH_1_maırie@cpro.fr' })).toThrow(/utilise déjà cet identifiant/);
    store.accounts.add('Services');
    store.forAccount('Services').update({ login: 'TECH_1_services@cpro.fr' });
    expect(() => store.forAccount('Budget annexe').update({ login: 'TECH_1_ſerviceſ@cpro.fr' })).toThrow(/utilise déjà cet identifiant/);
    expect(() => store.forAccount('Budget annexe').update({ login: 'TECH_1_budget@cpro.fr' })).not.toThrow();
  });
});
