import { describe, expect, it } from 'vitest';
import { createKeytarSecretStore } from './keytar-secret-store';

// This file runs in its own process (vitest pool "forks"): point libsecret at a bus that does
// not exist before its first use, as on a workstation whose keychain service is down.
process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/chorus-test-bus';

describe('a keychain that cannot be reached', () => {
  it('gives KEYCHAIN_UNAVAILABLE with the French message, for every operation', async () => {
    const store = createKeytarSecretStore('Chorus Pro Echanges (indisponible)');
    for (const operation of [
      () => store.get('a'),
      () => store.set('a', 'secret-qui-ne-doit-pas-fuiter'),
      () => store.delete('a'),
    ]) {
      const error = await operation().then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
      expect((error as Error).message).toContain('coffre-fort');
      expect((error as Error).message).not.toContain('secret-qui-ne-doit-pas-fuiter');
    }
  });
});
