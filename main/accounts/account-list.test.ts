import { describe, expect, it } from 'vitest';
import { closedAfterEachTest } from '../../test/support/closed-after-each';
import { openMainProcess, type MainProcessFixture } from '../../test/support/main-process-fixture';

const disposedAfterTest = closedAfterEachTest((fixture: MainProcessFixture) => fixture.dispose());
const open = () => disposedAfterTest(openMainProcess());

interface Listed {
  readonly accounts: readonly { name: string; login?: string; reminder: { due: boolean } }[];
  readonly revision: string;
}

describe('the accounts list through the bridge', () => {
  it('comes once, apart from the settings answers, which carry only its count and revision', async () => {
    const fixture = open();
    await fixture.call('addAccount', { name: 'Commune de Plouër' });
    await fixture.call('addAccount', { name: 'Commune de Tréméreuc' });
    const settings = await fixture.call('getSettings');
    expect(settings).not.toHaveProperty('accounts');
    expect(settings).toMatchObject({ ok: true, account: { name: 'Commune de Tréméreuc' }, accountCount: 3 });

    const list = (await fixture.call('listAccounts')) as unknown as Listed;
    expect(list.accounts.map((account) => account.name)).toEqual([
      'Compte principal',
      'Commune de Plouër',
      'Commune de Tréméreuc',
    ]);
    expect(list.revision).toBe(settings.accountsRevision);
  });

  it('gets a new revision when what the list shows changes, and keeps it otherwise', async () => {
    const fixture = open();
    const before = (await fixture.call('listAccounts')) as unknown as Listed;
    const unrelated = await fixture.call('saveSettings', { timeoutSeconds: 45 });
    expect(unrelated.accountsRevision).toBe(before.revision);

    const login = await fixture.call('saveSettings', { login: 'TECH_1_plouer@cpro.fr' });
    expect(login.accountsRevision).not.toBe(before.revision);
    const after = (await fixture.call('listAccounts')) as unknown as Listed;
    expect(after.revision).toBe(login.accountsRevision);
    expect(after.accounts[0]?.login).toBe('TECH_1_plouer@cpro.fr');

    const renamed = await fixture.call('renameAccount', { name: 'Compte principal', newName: 'Mairie' });
    expect(renamed.accountsRevision).not.toBe(after.revision);
  });
});
