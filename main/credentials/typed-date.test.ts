// The day the portal's e-mail gave, typed before the password (offline, in the order a person
// reads that e-mail): the first password of the account keeps it; a later one says it replaces it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { clearKeychainService } from '../secrets/keytar-secret-store';
import { demoAccount } from '../../test/support/core-fixture';
import { inProcessCli } from '../../test/support/in-process-cli';
import { fixedClock } from '../../test/support/settings-fixture';
import { simulatorForTheFile } from '../../test/support/simulator-for-file';
import { tempDir } from '../../test/support/temp-dirs';

// Each test its own keychain namespace: they all use the same address and login.
let keychainService = '';
const usedServices: string[] = [];
beforeEach(() => {
  keychainService = `Chorus Pro Echanges (test date saisie ${randomUUID()})`;
  usedServices.push(keychainService);
});
const simulator = simulatorForTheFile();
afterAll(async () => {
  await Promise.all(usedServices.map((service) => clearKeychainService(service)));
});

const cli = (args: readonly string[], stdin = '') =>
  inProcessCli(() => keychainService, fixedClock('2026-12-02T09:00:00Z'))(args, { stdin });

/** A fresh account, its date typed from the portal's e-mail before any password (28/08/2026). */
async function dateTypedFirst(options: { reachable: boolean }): Promise<string[]> {
  const dir = tempDir('chorus-date-saisie-');
  const at = ['--user-data-dir', dir];
  const url = options.reachable ? simulator().url : 'http://127.0.0.1:9';
  expect(
    (
      await cli([
        'configure',
        '--url',
        url,
        '--token-url',
        `${url}/api/oauth/token`,
        '--login',
        demoAccount.login,
        '--client-id',
        demoAccount.clientId,
        ...at,
      ])
    ).status,
  ).toBe(0);
  expect((await cli(['set-client-secret', '--client-secret-stdin', ...at], demoAccount.clientSecret)).status).toBe(0);
  const typed = await cli(['configure', '--password-updated-on', '2026-08-28', ...at]);
  expect(typed.stdout).toContain('Date de dernière mise à jour : 28/08/2026 (provisoire');
  return at;
}

describe('a date typed before the first password', () => {
  it('is kept by a password stored without checking, so the expiry counts from it (26/10/2027, not 100 days later)', async () => {
    const at = await dateTypedFirst({ reachable: false });
    const stored = await cli(['set-password', '--password-stdin', '--no-verify', ...at], demoAccount.password);
    expect(stored.status).toBe(0);
    expect(stored.stdout).toContain(
      'Date de dernière mise à jour : 28/08/2026 (la date saisie avant le mot de passe, conservée',
    );
    const status = await cli(['status', ...at]);
    expect(status.stdout).toContain('Date de dernière mise à jour : 28/08/2026');
    expect(status.stdout).toContain('Expiration du mot de passe : 26/10/2027 (estimation');
    expect(status.stdout).not.toContain('provisoire');
  });

  it('is kept by a first password Chorus Pro checks, too', async () => {
    const at = await dateTypedFirst({ reachable: true });
    const stored = await cli(['set-password', '--password-stdin', ...at], demoAccount.password);
    expect(stored.status).toBe(0);
    expect(stored.stdout).toContain('Mot de passe vérifié auprès de Chorus Pro et enregistré.');
    expect(stored.stdout).toContain(
      'Date de dernière mise à jour : 28/08/2026 (la date saisie avant le mot de passe, conservée',
    );
  });

  it('is replaced by the next password’s date only with a line that says so', async () => {
    const at = await dateTypedFirst({ reachable: false });
    await cli(['set-password', '--password-stdin', '--no-verify', ...at], demoAccount.password);
    const next = await cli(['set-password', '--password-stdin', '--no-verify', ...at], 'Un-autre-mot-de-passe');
    expect(next.status).toBe(0);
    expect(next.stdout).toContain('Date de dernière mise à jour : 02/12/2026');
    expect(next.stdout).toContain(
      "La date saisie auparavant (28/08/2026) valait pour le mot de passe précédent : celui-ci est daté d'aujourd'hui ; s'il a été communiqué un autre jour, donnez ce jour avec configure --password-updated-on AAAA-MM-JJ.",
    );
  });
});
