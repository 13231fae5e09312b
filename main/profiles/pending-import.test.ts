import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closedAfterEachTest } from '../../test/support/closed-after-each';
import { openMainProcess, type MainProcessFixture } from '../../test/support/main-process-fixture';
import { tempDir } from '../../test/support/temp-dirs';

const disposedAfterTest = closedAfterEachTest((fixture: MainProcessFixture) => fixture.dispose());

function withProfile() {
  const fixture = disposedAfterTest(openMainProcess());
  const file = join(tempDir('chorus-apercu-'), 'profil.json');
  writeFileSync(
    file,
    JSON.stringify({
      profileVersion: 1,
      environment: 'qualification',
      apiBaseUrl: 'https://sandbox-api.piste.gouv.fr',
      tokenUrl: 'https://sandbox-oauth.piste.gouv.fr/api/oauth/token',
      login: 'TECH_1_apercu@cpro.fr',
      alertDelayMonths: 3,
      timeoutSeconds: 30,
    }),
  );
  fixture.chosenFiles.push(file);
  return fixture;
}
const accounts = (fixture: MainProcessFixture) =>
  fixture
    .call('listAccounts')
    .then((answer) =>
      (answer as { accounts: { name: string; login?: string }[] }).accounts.map((account) => [
        account.name,
        account.login ?? null,
      ]),
    );

describe('an import confirmed after the account on screen changed', () => {
  it('after adding (and so showing) another account: refused, no account changed', async () => {
    const fixture = withProfile();
    expect(await fixture.call('previewProfileImport')).toMatchObject({ ok: true, chosen: true });
    await fixture.call('addAccount', { name: 'Budget annexe' });
    expect(await fixture.call('importProfile')).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: expect.stringContaining('rouvrez le profil') as string,
    });
    expect(await accounts(fixture)).toEqual([
      ['Compte principal', null],
      ['Budget annexe', null],
    ]);
  });

  it('after switching accounts, even back: the preview is gone', async () => {
    const fixture = withProfile();
    await fixture.call('addAccount', { name: 'Budget annexe' });
    await fixture.call('selectAccount', { name: 'Compte principal' });
    expect(await fixture.call('previewProfileImport')).toMatchObject({ ok: true, chosen: true });
    await fixture.call('selectAccount', { name: 'Budget annexe' });
    await fixture.call('selectAccount', { name: 'Compte principal' });
    expect(await fixture.call('importProfile')).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await accounts(fixture)).toEqual([
      ['Compte principal', null],
      ['Budget annexe', null],
    ]);
  });

  it('on the account previewed: applied', async () => {
    const fixture = withProfile();
    await fixture.call('previewProfileImport');
    expect(await fixture.call('importProfile')).toMatchObject({ ok: true });
    expect(await accounts(fixture)).toEqual([['Compte principal', 'TECH_1_apercu@cpro.fr']]);
  });
});
