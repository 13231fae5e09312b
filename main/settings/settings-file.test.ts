import { describe, expect, it } from 'vitest';
import type { SettingsBackend } from './settings-backend';
import { settingsFileAccess } from './settings-file';
import { defaultSettingsFile, type SettingsFile } from './settings-schema';

/** A backend as conf is one: each `store` read goes back to the file; here, counted. */
function countingBackend(initial: SettingsFile) {
  let stored: SettingsFile = initial;
  const backend = {
    readings: 0,
    get store(): SettingsFile {
      backend.readings += 1;
      return structuredClone(stored);
    },
    set store(file: SettingsFile) {
      stored = structuredClone(file);
    },
    path: '/nulle-part/config.json',
    /** Another process (the command line) writing the file. */
    writtenElsewhere(file: SettingsFile) {
      stored = structuredClone(file);
    },
  };
  return backend satisfies SettingsBackend;
}

describe('the settings file read once per operation (issue 36)', () => {
  it('reads the file once for everything an operation reads, and sees its own writes', () => {
    const backend = countingBackend(defaultSettingsFile);
    const file = settingsFileAccess(backend);
    const seen = file.readingOnce(() => {
      const first = file.read().selectedAccount;
      file.read();
      file.write({ ...file.read(), confirmedHosts: ['api.piste.gouv.fr'] });
      return { first, hosts: file.read().confirmedHosts, again: file.read().selectedAccount };
    });
    expect(seen).toEqual({
      first: defaultSettingsFile.selectedAccount,
      hosts: ['api.piste.gouv.fr'],
      again: defaultSettingsFile.selectedAccount,
    });
    expect(backend.readings).toBe(1);
  });

  it('reads the file afresh in the next operation: a change the command line made shows at once', () => {
    const backend = countingBackend(defaultSettingsFile);
    const file = settingsFileAccess(backend);
    file.readingOnce(() => file.read());
    backend.writtenElsewhere({ ...defaultSettingsFile, confirmedHosts: ['oauth.piste.gouv.fr'] });
    expect(file.readingOnce(() => file.read().confirmedHosts)).toEqual(['oauth.piste.gouv.fr']);
    // Outside an operation, each read is the file's.
    backend.writtenElsewhere({ ...defaultSettingsFile, confirmedHosts: [] });
    expect(file.read().confirmedHosts).toEqual([]);
  });

  it('refuses asynchronous work, whose awaits would let another write go unseen', () => {
    const file = settingsFileAccess(countingBackend(defaultSettingsFile));
    expect(() => file.readingOnce(() => Promise.resolve(file.read()))).toThrow(/asynchrone/);
    // The operation is over: the next read goes to the file.
    expect(file.read().selectedAccount).toBe(defaultSettingsFile.selectedAccount);
  });
});
