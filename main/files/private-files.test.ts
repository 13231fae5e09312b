import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogFileSink, logFileName, logFolderName } from '../logging/log-file';
import { openTestSettings } from '../../test/support/settings-fixture';
import { tempDir } from '../../test/support/temp-dirs';

const modeOf = (path: string): string => (statSync(path).mode & 0o777).toString(8);

describe.skipIf(process.platform === 'win32')('files about the user, on POSIX', () => {
  it('the settings file and its folder are for the user only, from their creation', () => {
    const directory = join(tempDir(), 'Chorus Pro Echanges');
    openTestSettings(directory).store.update({ login: 'TECH_1_mairie@cpro.fr' });
    expect(modeOf(directory)).toBe('700');
    expect(modeOf(join(directory, 'config.json'))).toBe('600');
  });

  it('a settings file left readable by others (as 0.1 wrote it) is closed, and so are its copies', () => {
    const directory = tempDir();
    const file = join(directory, 'config.json');
    // Version 1, as an older build wrote it with conf's default mode: migrated, a copy kept.
    writeFileSync(
      file,
      JSON.stringify({
        schemaVersion: 1,
        environment: 'production',
        apiBaseUrl: 'https://api.piste.gouv.fr',
        tokenUrl: 'https://oauth.piste.gouv.fr/api/oauth/token',
        alertDelayMonths: 12,
        timeoutSeconds: 30,
      }),
      { mode: 0o644 },
    );
    openTestSettings(directory);
    expect(modeOf(file)).toBe('600');
    const copies = readdirSync(directory).filter((name) => name !== 'config.json');
    expect(copies).toHaveLength(1);
    expect(modeOf(join(directory, copies[0]!))).toBe('600');

    const unreadable = tempDir();
    writeFileSync(join(unreadable, 'config.json'), '{ illisible', { mode: 0o644 });
    const { store } = openTestSettings(unreadable);
    expect(store.recoveredFrom).toBeDefined();
    expect(modeOf(store.recoveredFrom!)).toBe('600');
  });

  it('the support log and its folder are for the user only', () => {
    const userDataDir = tempDir();
    createLogFileSink(userDataDir)({ level: 'info', event: 'app.started', fields: {} });
    expect(modeOf(join(userDataDir, logFolderName))).toBe('700');
    expect(modeOf(join(userDataDir, logFolderName, logFileName))).toBe('600');
  });
});
