import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { userDataDirOf } from './compile-cache';
import { defaultUserDataDir } from './user-data-dir';

// The compile cache goes where the command's settings are: the folder --user-data-dir names, in
// either of the forms the parser takes, else the user's own (scripts/built-cli.test.ts runs it).
describe('the compile cache’s folder', () => {
  const env = { XDG_CONFIG_HOME: join('/home', 'agent', '.config') };
  it('is the folder --user-data-dir names, in either form', () => {
    expect(userDataDirOf(['test', '--user-data-dir', '/srv/mairie'], env)).toBe('/srv/mairie');
    expect(userDataDirOf(['test', '--user-data-dir=/srv/mairie', '--json'], env)).toBe('/srv/mairie');
  });

  it('is the user’s data folder otherwise, or when the option has no value', () => {
    expect(userDataDirOf(['test'], env)).toBe(defaultUserDataDir(env));
    expect(userDataDirOf(['test', '--user-data-dir', '--json'], env)).toBe(defaultUserDataDir(env));
    expect(userDataDirOf(['test', '--user-data-dir'], env)).toBe(defaultUserDataDir(env));
  });
});
