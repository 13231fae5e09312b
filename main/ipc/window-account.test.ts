import { describe, expect, it } from 'vitest';
import { closedAfterEachTest } from '../../test/support/closed-after-each';
import { openMainProcess, type MainProcessFixture } from '../../test/support/main-process-fixture';
import { openTestSettings } from '../../test/support/settings-fixture';

const disposedAfterTest = closedAfterEachTest((fixture: MainProcessFixture) => fixture.dispose());

/** The settings file as another process (the command line, a second session) sees and writes it. */
const fileSeenElsewhere = (userDataDir: string) => openTestSettings(userDataDir).store;

describe('the account the window shows', () => {
  it('stays the window’s own: the default account changed elsewhere does not switch it; choosing one in the window saves the default for the next start', async () => {
    const fixture = disposedAfterTest(openMainProcess());
    expect(await fixture.call('addAccount', { name: 'Mairie de Plérin' })).toMatchObject({
      ok: true,
      account: { name: 'Mairie de Plérin' },
    });
    expect(await fixture.call('selectAccount', { name: 'Compte principal' })).toMatchObject({
      ok: true,
      account: { name: 'Compte principal' },
    });
    // Chosen in the window: the default for the next start.
    expect(fileSeenElsewhere(fixture.userDataDir).accounts.selected()).toBe('Compte principal');

    // The command line, meanwhile, makes another account the default (the file's selectedAccount).
    fileSeenElsewhere(fixture.userDataDir).accounts.select('Mairie de Plérin');

    // The window still shows, and saves into, the account the user chose there.
    expect(await fixture.call('getSettings')).toMatchObject({ ok: true, account: { name: 'Compte principal' } });
    expect(await fixture.call('saveSettings', { login: 'TECH_PRINCIPAL@cpro.fr' })).toMatchObject({
      ok: true,
      account: { name: 'Compte principal' },
    });
    const file = fileSeenElsewhere(fixture.userDataDir);
    expect(file.account('Compte principal').read().login).toBe('TECH_PRINCIPAL@cpro.fr');
    expect(file.account('Mairie de Plérin').read().login).toBeUndefined();

    // The next start opens on the default the file holds now.
    const restarted = disposedAfterTest(openMainProcess(fixture.userDataDir));
    expect(await restarted.call('getSettings')).toMatchObject({ ok: true, account: { name: 'Mairie de Plérin' } });
  });

  it('goes to the default account when the one it showed was removed elsewhere', async () => {
    const fixture = disposedAfterTest(openMainProcess());
    await fixture.call('addAccount', { name: 'Mairie de Plérin' });
    const elsewhere = fileSeenElsewhere(fixture.userDataDir);
    elsewhere.accounts.select('Compte principal');
    elsewhere.accounts.remove('Mairie de Plérin');
    expect(await fixture.call('getSettings')).toMatchObject({ ok: true, account: { name: 'Compte principal' } });
  });
});
