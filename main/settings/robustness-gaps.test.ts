import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogFileSink, logFileName, logFolderName } from '../logging/log-file';
import { clearKeychainService } from '../secrets/keytar-secret-store';
import { runCliProcess } from '../../test/support/cli-process';
import { tempDir } from '../../test/support/temp-dirs';
import { maxAccounts } from './settings-schema';

const keychainService = `Chorus Pro Echanges (test limites ${randomUUID()})`;
afterAll(() => clearKeychainService(keychainService));

describe('two robustness gaps', () => {
  it('an import that would pass the accounts limit is PROFILE_REFUSED naming the limit, and nothing is written', async () => {
    const dir = tempDir('chorus-limite-');
    const profile = join(dir, 'profil-trop-grand.json');
    const accounts = Array.from({ length: maxAccounts }, (_, index) => ({
      name: `Commune ${String(index + 1).padStart(4, '0')}`,
      environment: 'qualification',
      apiBaseUrl: 'https://sandbox-api.piste.gouv.fr',
      tokenUrl: 'https://sandbox-oauth.piste.gouv.fr/api/oauth/token',
      login: `TECH_1_${index + 1}@cpro.fr`,
      alertDelayMonths: 12,
      timeoutSeconds: 30,
    }));
    writeFileSync(profile, JSON.stringify({ profileVersion: 3, accounts }));
    // A workstation already in use: its account stays beside the imported ones.
    const configured = await runCliProcess(
      ['configure', '--login', 'TECH_0_poste@cpro.fr', '--json', '--user-data-dir', dir],
      keychainService,
    );
    expect(configured.json).toMatchObject({ ok: true });
    const run = await runCliProcess(['import-profile', profile, '--json', '--user-data-dir', dir], keychainService);
    expect(run.json).toMatchObject({
      ok: false,
      code: 'PROFILE_REFUSED',
      message: expect.stringContaining(`${maxAccounts} au plus`) as string,
    });
    const accountsNow = await runCliProcess(['accounts', '--json', '--user-data-dir', dir], keychainService);
    expect((accountsNow.json as { accounts: unknown[] }).accounts).toHaveLength(1);
  });

  it('a 0.1.0 folder: its 0755 journaux/ and 0644 log are closed at the first line written', () => {
    const dir = tempDir('chorus-journaux-');
    const folder = join(dir, logFolderName);
    mkdirSync(folder);
    chmodSync(folder, 0o755);
    writeFileSync(join(folder, logFileName), '{"event":"ancien"}\n');
    writeFileSync(join(folder, logFileName.replace('.log', '.1.log')), '{"event":"plus-ancien"}\n');
    chmodSync(join(folder, logFileName), 0o644);
    chmodSync(join(folder, logFileName.replace('.log', '.1.log')), 0o644);
    createLogFileSink(dir)({ level: 'info', event: 'app.started', fields: {} });
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(statSync(join(folder, logFileName)).mode & 0o777).toBe(0o600);
    expect(statSync(join(folder, logFileName.replace('.log', '.1.log'))).mode & 0o777).toBe(0o600);
  });
});
