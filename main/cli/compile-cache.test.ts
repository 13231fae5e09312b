import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dirs';
import { isPrivateFolder, userDataDirOf } from './compile-cache';
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

describe('where the compile cache may go (it is code: only where nobody else may write)', () => {
  it('takes a folder of this user that neither group nor others may write, not one others may', () => {
    const folder = tempDir('chorus-cache-');
    chmodSync(folder, 0o700);
    expect(isPrivateFolder(folder, ['test'], {}, 'linux')).toBe(true);
    chmodSync(folder, 0o777);
    expect(isPrivateFolder(folder, ['test'], {}, 'linux')).toBe(false);
    expect(isPrivateFolder(join(folder, 'absent'), ['test'], {}, 'linux')).toBe(false);
  });

  it('on Windows, takes the user’s own data folder only, never one --user-data-dir names', () => {
    const env = { APPDATA: 'C:\\Users\\agent\\AppData\\Roaming' };
    const own = userDataDirOf(['test'], env);
    expect(isPrivateFolder(own, ['test'], env, 'win32')).toBe(true);
    expect(isPrivateFolder('\\\\srv\\chorus', ['test', '--user-data-dir', '\\\\srv\\chorus'], env, 'win32')).toBe(
      false,
    );
  });
});
