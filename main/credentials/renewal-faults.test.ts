import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configuredServices } from '../../test/support/core-fixture';
import { simulatorForTheFile } from '../../test/support/simulator-for-file';

const projectRoot = join(__dirname, '..', '..');
const runChild = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot, 'test/support/renewal-child.ts'), ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    env,
    timeout: 60_000,
  });

const simulator = simulatorForTheFile();

describe('a renewal interrupted', () => {
  it('by a crash between storing and dating leaves the older date: an early reminder, never a late one', async () => {
    const fixture = await configuredServices(simulator());
    try {
      await fixture.services.renewPassword({
        password: 'Mot-De-Passe-De-Novembre',
        verify: false,
        surroundingSpacesConfirmed: false,
      });
      const datedBefore = fixture.services.settings.read().passwordUpdatedAt;
      expect(datedBefore).toBe('2026-11-27T09:30:00.000Z');

      const child = runChild([
        'crash-before-dating',
        fixture.userDataDir,
        fixture.keychainService,
        'Mot-De-Passe-De-Decembre',
        '2026-12-15T09:00:00Z',
      ]);

      expect(child.signal).toBe('SIGKILL');
      expect(await fixture.secrets.get(fixture.passwordAccount)).toBe('Mot-De-Passe-De-Decembre');
      const datedAfter = fixture.restart().services.settings.read().passwordUpdatedAt;
      expect(datedAfter).toBe(datedBefore);
      expect(Date.parse(datedAfter!)).toBeLessThan(Date.parse('2026-12-15T09:00:00Z'));
    } finally {
      await fixture.dispose();
    }
  });

  it('by the keychain stopping gives KEYCHAIN_UNAVAILABLE and leaves the settings file untouched', async () => {
    // Its own keyring session (scripts/with-keyring.sh), whose daemon the child then kills.
    const fixture = await configuredServices(simulator());
    try {
      const env = { ...process.env, CHORUS_KEYRING_READY: '' };
      const child = spawnSync(
        join(projectRoot, 'scripts/with-keyring.sh'),
        [
          process.execPath,
          '--import',
          'tsx',
          join(projectRoot, 'test/support/renewal-child.ts'),
          'keychain-stops',
          fixture.userDataDir,
          `Chorus Pro Echanges (test ${randomUUID()})`,
          'Jamais-Enregistre',
          '2026-12-15T09:00:00Z',
        ],
        { cwd: projectRoot, encoding: 'utf8', env, timeout: 60_000 },
      );
      expect(JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}')).toEqual({
        outcome: 'KEYCHAIN_UNAVAILABLE',
        settingsUnchanged: true,
      });
    } finally {
      await fixture.dispose();
    }
  });
});
