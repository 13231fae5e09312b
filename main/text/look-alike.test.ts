import { describe, expect, it } from 'vitest';
import { closedAfterEachTest } from '../../test/support/closed-after-each';
import { openMainProcess, type MainProcessFixture } from '../../test/support/main-process-fixture';

const disposedAfterTest = closedAfterEachTest((fixture: MainProcessFixture) => fixture.dispose());
const open = () => disposedAfterTest(openMainProcess());
const names = (fixture: MainProcessFixture) =>
  fixture
    .call('listAccounts')
    .then((answer) => (answer as { accounts: { name: string }[] }).accounts.map((account) => account.name));

describe('names and identifiers that look alike', () => {
  it('« Commune de Plouër » written with a no-break or an en space is refused: one name, one account', async () => {
    const fixture = open();
    expect(await fixture.call('addAccount', { name: 'Commune de Plouër' })).toMatchObject({ ok: true });
    for (const lookAlike of ['Commune\u00A0de Plouër', 'Commune de\u2002Plouër', 'Commune de Plou\u00ADër']) {
      expect(await fixture.call('addAccount', { name: lookAlike })).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
        message: expect.stringContaining("l'espace ordinaire") as string,
      });
    }
    expect(await names(fixture)).toEqual(['Compte principal', 'Commune de Plouër']);
  });

  it('a login, a client id or a proxy user with a direction override or a zero-width space is refused, nothing saved', async () => {
    const fixture = open();
    for (const change of [
      { login: 'TECH_1_mairie\u202E@cpro.fr' },
      { login: 'TECH_1_\u200Bmairie@cpro.fr' },
      { clientId: 'piste\u200B-mairie' },
      { proxyUrl: 'http://agent%E2%80%AEmairie@proxy.mairie.example:3128' },
    ]) {
      expect(await fixture.call('saveSettings', change)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    }
    const stored = fixture.storedSettings();
    expect([stored.login, stored.clientId, stored.proxyUrl]).toEqual([undefined, undefined, undefined]);
  });
});
