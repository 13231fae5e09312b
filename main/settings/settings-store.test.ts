import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock, openTestSettings } from '../../test/support/settings-fixture';
import { tempDir } from '../../test/support/temp-dirs';
import { defaultSettings } from './settings-schema';

const settingsFile = (directory: string) => join(directory, 'config.json');

describe('the settings store', () => {
  it('starts from production defaults and keeps a change across a restart', () => {
    const directory = tempDir();
    const first = openTestSettings(directory).store;
    expect(first.read()).toEqual(defaultSettings);
    first.update({ login: 'TECH_1_mairie@cpro.fr', alertDelayMonths: 10, clientId: 'piste-app' });

    const reopened = openTestSettings(directory).store;
    expect(reopened.read()).toMatchObject({
      login: 'TECH_1_mairie@cpro.fr',
      alertDelayMonths: 10,
      clientId: 'piste-app',
    });
    expect(JSON.parse(readFileSync(settingsFile(directory), 'utf8'))).toMatchObject({
      schemaVersion: 3,
      selectedAccount: 'Compte principal',
    });
    expect(reopened.recoveredFrom).toBeUndefined();
  });

  it('fills the addresses of a known environment and refuses another one there', () => {
    const { store } = openTestSettings(tempDir());
    expect(store.update({ environment: 'qualification' })).toMatchObject({
      apiBaseUrl: 'https://sandbox-api.piste.gouv.fr',
      tokenUrl: 'https://sandbox-oauth.piste.gouv.fr/api/oauth/token',
    });
    expect(() => store.update({ apiBaseUrl: 'https://chorus.example.org' })).toThrow(/Personnalisé/);
    expect(store.read().apiBaseUrl).toBe('https://sandbox-api.piste.gouv.fr');
  });

  it('accepts https anywhere and plain http to this machine only', () => {
    const { store } = openTestSettings(tempDir());
    const custom = { environment: 'custom' as const, tokenUrl: 'https://oauth.example.org/token' };
    expect(store.update({ ...custom, apiBaseUrl: 'http://127.0.0.1:8443' }).apiBaseUrl).toBe('http://127.0.0.1:8443');
    expect(store.update({ ...custom, apiBaseUrl: 'http://localhost:8443' }).apiBaseUrl).toBe('http://localhost:8443');
    expect(store.update({ ...custom, apiBaseUrl: 'http://[::1]:8443' }).apiBaseUrl).toBe('http://[::1]:8443');
    for (const unsafe of [
      'http://192.168.1.20:8443',
      'http://chorus.example.org',
      'http://127.0.0.1.evil.example',
      'http://chorus.localhost:8443',
      'http://poste-voisin.localhost',
    ]) {
      expect(() => store.update({ ...custom, apiBaseUrl: unsafe })).toThrow(
        expect.objectContaining({ code: 'INSECURE_URL' }),
      );
    }
    for (const invalid of ['ftp://chorus.example.org', 'pas une adresse', 'https://user:pw@chorus.example.org']) {
      expect(() => store.update({ ...custom, apiBaseUrl: invalid })).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT' }),
      );
    }
    expect(store.read().apiBaseUrl).toBe('http://[::1]:8443');
  });

  it('refuses a bad change whole: nothing of it reaches the file', () => {
    const directory = tempDir();
    const { store } = openTestSettings(directory);
    store.update({ login: 'TECH_1_mairie@cpro.fr' });
    const before = readFileSync(settingsFile(directory), 'utf8');
    expect(() => store.update({ alertDelayMonths: 6, login: '   ' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => store.update({ alertDelayMonths: 6, proxyUrl: 'socks5://proxy:1080' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => store.update({ alertDelayMonths: 6, proxyUrl: 'http://agent:motdepasse@proxy:3128' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(readFileSync(settingsFile(directory), 'utf8')).toBe(before);
  });

  it('refuses control characters in the login, the client id and the proxy user name, nothing saved', () => {
    const directory = tempDir();
    const { store } = openTestSettings(directory);
    store.update({ login: 'TECH_1_mairie@cpro.fr' });
    const before = readFileSync(settingsFile(directory), 'utf8');
    const refused = [
      { login: 'TECH_1_mairie@cpro.fr\u0000autre' },
      { login: 'TECH_1\u001B[2J' },
      { login: 'TECH_1\u009Bx' },
      { clientId: 'piste\r\nSecret client PISTE : enregistré' },
      { clientId: 'piste\u007F' },
      { proxyUrl: 'http://agent%0Afaux@proxy.mairie.local:3128' },
      { proxyUrl: 'http://agent%00@proxy.mairie.local:3128' },
    ];
    for (const change of refused) {
      expect(() => store.update(change), JSON.stringify(change)).toThrow(
        expect.objectContaining({
          code: 'INVALID_INPUT',
          message: expect.stringContaining('caractère de contrôle') as string,
        }),
      );
    }
    expect(readFileSync(settingsFile(directory), 'utf8')).toBe(before);
  });

  it('clears an optional value given as empty text', () => {
    const { store } = openTestSettings(tempDir());
    store.update({ proxyUrl: 'http://proxy.mairie.local:3128' });
    expect(store.read().proxyUrl).toBe('http://proxy.mairie.local:3128');
    expect(store.update({ proxyUrl: '' })).not.toHaveProperty('proxyUrl');
  });

  it('records the date of a password update, and whether Chorus Pro checked it', () => {
    const { store } = openTestSettings(tempDir());
    expect(store.recordPasswordUpdate(new Date('2026-11-27T10:00:00Z'), true)).toMatchObject({
      passwordUpdatedAt: '2026-11-27T10:00:00.000Z',
      passwordVerified: true,
    });
    expect(store.recordPasswordUpdate(new Date('2026-11-28T10:00:00Z'), false)).toMatchObject({
      passwordVerified: false,
    });
    expect(store.recordPasswordVerified().passwordVerified).toBe(true);
  });

  it('opens a file exactly as version 0.1.0 writes it as the account "Compte principal": nothing lost, its password counted as verified', () => {
    const directory = tempDir();
    // Written by 0.1.0 after a verified renewal and a test that brought Chorus Pro's expiry.
    const written = {
      schemaVersion: 2,
      environment: 'qualification',
      apiBaseUrl: 'https://sandbox-api.piste.gouv.fr',
      tokenUrl: 'https://sandbox-oauth.piste.gouv.fr/api/oauth/token',
      alertDelayMonths: 10,
      timeoutSeconds: 30,
      login: 'TECH_1@cpro.fr',
      clientId: 'piste-app',
      passwordUpdatedAt: '2026-03-02T09:12:00.000Z',
      chorusPasswordExpiresOn: '2027-04-30',
    };
    writeFileSync(settingsFile(directory), JSON.stringify(written, null, '\t'));
    const { store } = openTestSettings(directory);
    const { schemaVersion: _version, ...account } = written;
    expect(store.read()).toEqual(account);
    expect(store.accountName()).toBe('Compte principal');
    expect(store.accounts.list()).toEqual([{ name: 'Compte principal', ...account }]);
    expect(store.recoveredFrom).toBeUndefined();
    expect(store.read().passwordVerified).not.toBe(false);
    expect(JSON.parse(readFileSync(settingsFile(directory), 'utf8'))).toEqual({
      schemaVersion: 3,
      selectedAccount: 'Compte principal',
      accounts: [{ name: 'Compte principal', ...account }],
    });
    const kept = readdirSync(directory).filter((name) => name.startsWith('config.json.avant-migration-'));
    expect(JSON.parse(readFileSync(join(directory, kept[0]!), 'utf8'))).toEqual(written);
  });

  it('upgrades a file written before schemaVersion existed, keeping its values', () => {
    const directory = tempDir();
    writeFileSync(
      settingsFile(directory),
      JSON.stringify({
        environment: 'qualification',
        apiBaseUrl: 'https://sandbox-api.piste.gouv.fr',
        tokenUrl: 'https://sandbox-oauth.piste.gouv.fr/api/oauth/token',
        login: 'TECH_1@cpro.fr',
      }),
    );
    const { store } = openTestSettings(directory);
    expect(store.recoveredFrom).toBeUndefined();
    expect(store.read()).toMatchObject({ environment: 'qualification', login: 'TECH_1@cpro.fr', alertDelayMonths: 12 });
    expect(JSON.parse(readFileSync(settingsFile(directory), 'utf8'))).toHaveProperty('schemaVersion', 3);
  });

  it('upgrades a version 1 file to the current version, keeping every value', () => {
    const directory = tempDir();
    const version1 = {
      schemaVersion: 1,
      environment: 'production',
      apiBaseUrl: 'https://api.piste.gouv.fr',
      tokenUrl: 'https://oauth.piste.gouv.fr/api/oauth/token',
      login: 'TECH_1@cpro.fr',
      alertDelayMonths: 9,
      timeoutSeconds: 45,
      passwordUpdatedAt: '2026-01-15T08:00:00.000Z',
    };
    writeFileSync(settingsFile(directory), JSON.stringify(version1));
    const { store } = openTestSettings(directory);
    expect(store.recoveredFrom).toBeUndefined();
    const { schemaVersion: _version, ...account } = version1;
    expect(store.read()).toEqual(account);
    const kept = readdirSync(directory).filter((name) => name.startsWith('config.json.avant-migration-'));
    expect(kept).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(directory, kept[0]!), 'utf8'))).toEqual(version1);
    expect(openTestSettings(directory).store.read()).toEqual(account);
  });

  it('forgets the expiry Chorus Pro reported when the password changes', () => {
    const { store } = openTestSettings(tempDir());
    expect(store.recordChorusExpiry('2027-09-30').chorusPasswordExpiresOn).toBe('2027-09-30');
    expect(store.recordPasswordUpdate(new Date('2026-11-27T10:00:00Z'), true)).not.toHaveProperty(
      'chorusPasswordExpiresOn',
    );
  });
});

describe('an unusable settings file', () => {
  it('broken while the app runs is refused at the next read and never written over', () => {
    const directory = tempDir();
    const { store } = openTestSettings(directory);
    store.update({ login: 'TECH_1_mairie@cpro.fr' });
    const broken = JSON.stringify({ ...defaultSettings, timeoutSeconds: 'soixante' });
    writeFileSync(settingsFile(directory), broken);
    expect(() => store.update({ alertDelayMonths: 6 })).toThrow();
    expect(readFileSync(settingsFile(directory), 'utf8')).toBe(broken);
  });

  it.each([
    ['truncated JSON', '{"schemaVersion":1,"environment":"produc'],
    ['wrong types', JSON.stringify({ ...defaultSettings, alertDelayMonths: 'douze' })],
    ['a future schemaVersion', JSON.stringify({ ...defaultSettings, schemaVersion: 9 })],
    [
      'a selected account that does not exist',
      JSON.stringify({
        schemaVersion: 3,
        selectedAccount: 'Ailleurs',
        accounts: [{ name: 'Ici', ...defaultSettings }],
      }),
    ],
    ['a value out of range', JSON.stringify({ ...defaultSettings, timeoutSeconds: 3600 })],
    ['an array', '[]'],
    ['an unknown field', JSON.stringify({ ...defaultSettings, motDePasse: 'en clair' })],
  ])('(%s) is kept aside, never wiped, and the app starts from defaults', (_case, content) => {
    const directory = tempDir();
    writeFileSync(settingsFile(directory), content);

    const { store, lines } = openTestSettings(directory, fixedClock('2026-11-27T09:30:00.123Z'));

    const keptCopy = join(directory, 'config.json.corrupt-2026-11-27T09-30-00-123Z');
    expect(store.recoveredFrom).toBe(keptCopy);
    expect(readFileSync(keptCopy, 'utf8')).toBe(content);
    expect(store.read()).toEqual(defaultSettings);
    expect(lines.map((line) => line.event)).toEqual(['settings.recovered']);

    const reopened = openTestSettings(directory).store;
    expect(reopened.recoveredFrom).toBeUndefined();
    expect(readdirSync(directory).filter((name) => name.includes('corrupt'))).toHaveLength(1);
    expect(existsSync(settingsFile(directory))).toBe(true);
  });
});

describe('the technical accounts', () => {
  it('are added, renamed, selected and removed by name; each keeps its own settings', () => {
    const directory = tempDir();
    const { store } = openTestSettings(directory);
    store.update({ login: 'TECH_1_plouer@cpro.fr', alertDelayMonths: 10 });
    store.accounts.add('Commune de Plouër — budget annexe');
    expect(store.accountName()).toBe('Compte principal');
    const annexe = store.forAccount('Commune de Plouër — budget annexe');
    annexe.update({ environment: 'qualification', login: 'TECH_1_annexe@cpro.fr' });
    expect(store.read()).toMatchObject({
      login: 'TECH_1_plouer@cpro.fr',
      alertDelayMonths: 10,
      environment: 'production',
    });

    store.accounts.rename('Compte principal', 'Commune de Plouër');
    store.accounts.select('Commune de Plouër — budget annexe');
    const reopened = openTestSettings(directory).store;
    expect(reopened.read()).toMatchObject({ login: 'TECH_1_annexe@cpro.fr', environment: 'qualification' });
    expect(reopened.accounts.list().map((account) => account.name)).toEqual([
      'Commune de Plouër',
      'Commune de Plouër — budget annexe',
    ]);

    expect(reopened.accounts.remove('Commune de Plouër — budget annexe')).toMatchObject({
      login: 'TECH_1_annexe@cpro.fr',
    });
    expect(reopened.accountName()).toBe('Commune de Plouër');
    expect(() => reopened.accounts.remove('Commune de Plouër')).toThrow(/seul compte/);
  });

  it('refuse a name taken (whatever its case), empty, too long or with a control character, and the same account twice', () => {
    const directory = tempDir();
    const { store } = openTestSettings(directory);
    store.update({ login: 'TECH_1@cpro.fr' });
    const before = readFileSync(settingsFile(directory), 'utf8');
    for (const name of ['compte PRINCIPAL', '', 'x'.repeat(81), 'Deux\nlignes', ' espace']) {
      expect(() => store.accounts.add(name)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    }
    expect(readFileSync(settingsFile(directory), 'utf8')).toBe(before);
    store.accounts.add('Autre commune');
    expect(() => store.forAccount('Autre commune').update({ login: 'TECH_1@cpro.fr' })).toThrow(
      /le compte « Compte principal » utilise déjà cet identifiant/,
    );
    // The same login on another Chorus Pro (qualification) is another account.
    expect(
      store.forAccount('Autre commune').update({ environment: 'qualification', login: 'TECH_1@cpro.fr' }).login,
    ).toBe('TECH_1@cpro.fr');
    expect(() => store.forAccount('Inconnu')).toThrow(/aucun compte technique ne s'appelle « Inconnu »/);
  });

  it('take a name typed composed or decomposed as one name, and refuse invisible or direction-changing characters', () => {
    const { store } = openTestSettings(tempDir());
    store.accounts.add('Commune de Plou\u00ebr');
    expect(() => store.accounts.add('Commune de Ploue\u0308r')).toThrow(/existe déjà/);
    expect(store.forAccount('Commune de Ploue\u0308r').accountName()).toBe('Commune de Plou\u00ebr');
    for (const name of ['Commune A\u200B', 'Budget \u202Eannexe', 'X\u2028Compte principal', 'Privé\uE000']) {
      expect(() => store.accounts.add(name)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    }
  });

  it('refuse the same login in another case at the same address: Windows keeps one keychain entry for both', () => {
    const { store } = openTestSettings(tempDir());
    store.update({ login: 'TECH_1_x@cpro.fr' });
    store.accounts.add('Autre');
    expect(() => store.forAccount('Autre').update({ login: 'tech_1_X@cpro.fr' })).toThrow(
      /utilise déjà cet identifiant/,
    );
  });

  it('never repeat a name given on the command line with its control characters', () => {
    const { store } = openTestSettings(tempDir());
    let message = '';
    try {
      store.forAccount('\u001b[31mFAUX\nOK');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("aucun compte technique ne s'appelle");
    expect(message).not.toContain('\u001b');
    expect(message).not.toContain('\n');
  });
});
