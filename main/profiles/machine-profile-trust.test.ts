import { chmodSync, chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHttpTransport } from '../chorus/http-transport';
import { createLogger, type LogLine } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import { createCoreServices } from '../services';
import { selectedServices } from '../../test/support/selected-account';
import { fixedClock, openConfBackend } from '../../test/support/settings-fixture';
import { tempDir } from '../../test/support/temp-dirs';

// The keychain is not touched at first start: an empty store stands for it.
const noSecrets: SecretStore = {
  get: () => Promise.resolve(undefined),
  set: () => Promise.resolve(),
  delete: () => Promise.resolve(false),
};

/** A machine-wide profile, its folder and file with these modes (and owner, where root can set one). */
function plantedProfile({
  folderMode,
  fileMode,
  owner,
}: {
  folderMode: number;
  fileMode: number;
  owner?: number;
}): string {
  const folder = join(tempDir('chorus-programdata-'), 'Chorus Pro Echanges');
  mkdirSync(folder);
  const file = join(folder, 'profile.json');
  writeFileSync(
    file,
    JSON.stringify({
      profileVersion: 1,
      environment: 'custom',
      apiBaseUrl: 'https://chorus.pirate.example',
      tokenUrl: 'https://chorus.pirate.example/token',
      login: 'TECH_1_pirate@cpro.fr',
      alertDelayMonths: 12,
      timeoutSeconds: 30,
    }),
  );
  chmodSync(folder, folderMode);
  chmodSync(file, fileMode);
  if (owner !== undefined) chownSync(file, owner, owner);
  return file;
}

function firstStart(machineProfilePath: string) {
  const logLines: LogLine[] = [];
  const services = selectedServices(
    createCoreServices({
      userDataDir: tempDir('chorus-premier-'),
      openSettingsBackend: openConfBackend,
      secrets: noSecrets,
      send: createHttpTransport(),
      clock: fixedClock('2026-12-02T08:00:00Z'),
      logger: createLogger((line) => logLines.push(line)),
      machineProfilePath,
    }),
  );
  return { apiBaseUrl: services.settings.read().apiBaseUrl, logLines };
}

describe('the machine-wide profile, applied at every other user’s first start', () => {
  it('is ignored when its folder or the file can be written by other users (POSIX modes)', () => {
    for (const modes of [
      { folderMode: 0o777, fileMode: 0o644 },
      { folderMode: 0o755, fileMode: 0o666 },
      { folderMode: 0o775, fileMode: 0o644 },
    ]) {
      const { apiBaseUrl, logLines } = firstStart(plantedProfile(modes));
      expect(apiBaseUrl).toBe('https://api.piste.gouv.fr');
      expect(logLines).toContainEqual(expect.objectContaining({ event: 'profile.machine-untrusted' }));
    }
  });

  // Another owner needs root to be made here; the CI runs as root (.ci/run).
  it.runIf(process.getuid?.() === 0)('is ignored when the file belongs to another user than an administrator', () => {
    const { apiBaseUrl, logLines } = firstStart(plantedProfile({ folderMode: 0o755, fileMode: 0o644, owner: 65534 }));
    expect(apiBaseUrl).toBe('https://api.piste.gouv.fr');
    expect(logLines).toContainEqual(
      expect.objectContaining({
        event: 'profile.machine-untrusted',
        fields: expect.objectContaining({ reason: expect.stringContaining('autre utilisateur') as string }) as object,
      }),
    );
  });

  it('is applied when only its owner (an administrator, or the user) can write it and its folder', () => {
    expect(firstStart(plantedProfile({ folderMode: 0o755, fileMode: 0o644 })).apiBaseUrl).toBe(
      'https://chorus.pirate.example',
    );
  });
});
