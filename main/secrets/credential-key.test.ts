import { describe, expect, it } from 'vitest';
import { openTestSettings } from '../../test/support/settings-fixture';
import { tempDir } from '../../test/support/temp-dirs';
import { credentialKey, sameCredential } from './credential-key';

// Issue 29, S9: Windows' case table leaves ı (U+0131) and ſ (U+017F) alone (Microsoft's exFAT
// up-case table, Wine's l_intl.nls, .NET's ordinal casing): so must the key, or two logins Windows
// keeps apart are refused as one account for nothing.
describe('keychain names compared the way Windows’ Credential Manager does', () => {
  it('folds case as Windows does, keeps ı apart from I and i, ſ apart from S and s, and ß apart from SS', () => {
    expect(sameCredential('TECH_1_Mairie@cpro.fr', 'tech_1_mairie@CPRO.FR')).toBe(true);
    expect(sameCredential('TECH_1_ÉLUS@cpro.fr', 'tech_1_élus@cpro.fr')).toBe(true);
    expect(sameCredential('TECH_1_mairıe@cpro.fr', 'TECH_1_MAIRIE@cpro.fr')).toBe(false);
    expect(sameCredential('TECH_1_mairıe@cpro.fr', 'TECH_1_mairie@cpro.fr')).toBe(false);
    expect(sameCredential('ſervice@cpro.fr', 'SERVICE@cpro.fr')).toBe(false);
    expect(sameCredential('straße@cpro.fr', 'STRASSE@cpro.fr')).toBe(false);
    expect(credentialKey('TECH_2@cpro.fr')).not.toBe(credentialKey('TECH_1@cpro.fr'));
  });

  it('lets a second account use a login that differs only by ı or ſ, and still refuses one that differs only by case', () => {
    const { store } = openTestSettings(tempDir('chorus-casse-'));
    store.update({ login: 'TECH_1_mairie@cpro.fr' });
    store.accounts.add('Budget annexe');
    expect(() => store.forAccount('Budget annexe').update({ login: 'TECH_1_MAIRIE@cpro.fr' })).toThrow(
      /utilise déjà cet identifiant/,
    );
    expect(() => store.forAccount('Budget annexe').update({ login: 'TECH_1_maırie@cpro.fr' })).not.toThrow();
    store.accounts.add('Services');
    store.forAccount('Services').update({ login: 'TECH_1_services@cpro.fr' });
    expect(() => store.forAccount('Budget annexe').update({ login: 'TECH_1_ſerviceſ@cpro.fr' })).not.toThrow();
  });
});
