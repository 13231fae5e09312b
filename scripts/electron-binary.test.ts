import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test/support/temp-dirs';

const script = join(__dirname, 'electron-binary.mjs');
const electronVersion = (
  JSON.parse(readFileSync(join(__dirname, '..', 'node_modules', 'electron', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

/** `npm start`'s first step, on a machine where nothing can be downloaded (an unreachable mirror). */
function check(env: NodeJS.ProcessEnv) {
  const { ELECTRON_OVERRIDE_DIST_PATH: _override, electron_config_cache: _cache, ...rest } = process.env;
  const run = spawnSync(process.execPath, [script], {
    env: { ...rest, ELECTRON_MIRROR: 'http://127.0.0.1:9/', ...env },
    encoding: 'utf8',
  });
  return { status: run.status, stderr: run.stderr };
}

describe('npm start without Electron’s binary', () => {
  it('says in one French paragraph how to provide it offline, with Linux and Windows examples, and exits 1', () => {
    const cache = tempDir('chorus-electron-cache-');
    const run = check({ electron_config_cache: cache });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(`Le programme Electron ${electronVersion} n'est pas installé`);
    expect(run.stderr).toContain(`ELECTRON_OVERRIDE_DIST_PATH=/opt/electron-v${electronVersion}-linux-x64 npm start`);
    expect(run.stderr).toContain(
      `$env:ELECTRON_OVERRIDE_DIST_PATH="C:\\Electron\\electron-v${electronVersion}-win32-x64"`,
    );
    // The exact folder @electron/get looks in (its Cache.getCacheDirectory): the SHA-256 of the release folder's address.
    const releaseFolder = createHash('sha256')
      .update(`https://github.com/electron/electron/releases/download/v${electronVersion}`)
      .digest('hex');
    expect(run.stderr).toContain(join(cache, releaseFolder));
    expect(run.stderr).not.toMatch(/fetch failed|Error:|at /);
  });

  it('names the folder ELECTRON_OVERRIDE_DIST_PATH points to when Electron is not there', () => {
    const empty = tempDir('chorus-electron-override-');
    const run = check({ ELECTRON_OVERRIDE_DIST_PATH: empty });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`introuvable dans le dossier indiqué par ELECTRON_OVERRIDE_DIST_PATH (${empty})`);
  });

  it('lets npm start go on when ELECTRON_OVERRIDE_DIST_PATH holds an Electron', () => {
    const release = tempDir('chorus-electron-override-');
    writeFileSync(join(release, process.platform === 'win32' ? 'electron.exe' : 'electron'), '');
    expect(check({ ELECTRON_OVERRIDE_DIST_PATH: release })).toEqual({ status: 0, stderr: '' });
  });
});
