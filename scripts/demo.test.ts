import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test/support/temp-dirs';

const root = join(import.meta.dirname, '..');

describe('npm run demo -- --prepare-only', () => {
  it('without a keychain says so in French, with the way out, and leaves no folder behind', () => {
    const temp = tempDir('chorus-demo-tmp-');
    // No D-Bus session: no Secret Service to store the demo's secrets in. TMPDIR shows what is left.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(
        ([name]) => !['DBUS_SESSION_BUS_ADDRESS', 'GNOME_KEYRING_CONTROL', 'DISPLAY'].includes(name),
      ),
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/demo.ts'), '--prepare-only'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...env, TMPDIR: temp },
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('le coffre-fort de mots de passe du système est inaccessible');
    expect(run.stderr).toContain('scripts/with-keyring.sh');
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(readdirSync(temp).filter((name) => name.startsWith('chorus-pro-echanges-demo-'))).toEqual([]);
  });
});
