import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTestSettings } from '../../test/support/settings-fixture';
import { tempDir } from '../../test/support/temp-dirs';
import { readProfileData } from '../profiles/deployment-profile';
import { machineDestinationsRefusal } from './machine-only-destinations';

// Script and server destinations come from the machine policy only: whoever writes a user's
// settings, a profile or a fleet publication would otherwise choose who receives the password.
const planted = { name: 'Sauvegarde', kind: 'script', command: '/home/eve/.cache/voler', args: [] };
const account = {
  name: 'Compte principal',
  environment: 'production',
  apiBaseUrl: 'https://api.piste.gouv.fr',
  tokenUrl: 'https://oauth.piste.gouv.fr/api/oauth/token',
  alertDelayMonths: 12,
  timeoutSeconds: 30,
};

describe('a destination outside the machine policy', () => {
  it("in the user's settings: taken out at opening, said in the log, the file kept as it was beside", () => {
    const folder = tempDir('chorus-settings-');
    const written = {
      schemaVersion: 3,
      selectedAccount: 'Compte principal',
      accounts: [
        { ...account, manualDestinations: [{ name: 'Civil Net Finances' }, planted], destinations: [planted] },
      ],
    };
    writeFileSync(join(folder, 'config.json'), JSON.stringify(written));
    const { store, lines } = openTestSettings(folder);
    expect(store.read().manualDestinations).toEqual([{ name: 'Civil Net Finances' }]);
    expect(store.read()).not.toHaveProperty('destinations');
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        event: 'settings.destinations-refused',
        fields: expect.objectContaining({ count: 2, reason: 'machine-policy-only' }) as unknown,
      }),
    );
    const kept = readdirSync(folder).find((file) => file.startsWith('config.json.destinations-refusees-'));
    expect(kept && JSON.parse(readFileSync(join(folder, kept), 'utf8'))).toEqual(written);
    expect(readFileSync(join(folder, 'config.json'), 'utf8')).not.toContain('/home/eve');
  });

  it.each([
    ['a one-account profile', { profileVersion: 1, ...account, destinations: [planted] }],
    ['a several-account profile', { profileVersion: 3, accounts: [{ ...account, manualDestinations: [planted] }] }],
    [
      'a profile with a server destination in disguise',
      {
        profileVersion: 1,
        ...account,
        exchange: { certificate: '-----BEGIN CERTIFICATE-----', folder: '\\\\eve\\partage' },
      },
    ],
  ])('in %s: the whole profile refused, naming the machine policy', (_case, profile) => {
    const file = join(tempDir('chorus-profile-'), 'profil.json');
    writeFileSync(file, JSON.stringify(profile));
    expect(() => readProfileData(file)).toThrow(
      expect.objectContaining({
        code: 'PROFILE_REFUSED',
        message: expect.stringContaining('stratégie de la machine') as string,
      }) as Error,
    );
  });

  it('in a fleet publication (issue 30 calls this on what it decrypts): refused with its reason', () => {
    expect(
      machineDestinationsRefusal({
        formatVersion: 1,
        revision: 4,
        accounts: [{ name: 'Commune de Lavaur', settings: account, destinations: [planted] }],
      }),
    ).toContain('accounts.0.destinations');
    expect(
      machineDestinationsRefusal({
        formatVersion: 1,
        revision: 4,
        accounts: [{ name: 'Commune de Lavaur', settings: account }],
      }),
    ).toBeUndefined();
  });
});
