import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test/support/temp-dirs';

const root = join(import.meta.dirname, '..');
const script = join(root, 'scripts/with-keyring.sh');
const cliCommand = [process.execPath, '--import', 'tsx', join(root, 'main/cli.ts')];

/**
 * A fresh run of the script, as a user types it outside any keyring session: the variables of the
 * session this test itself runs in are dropped, the user's settings folder is given.
 */
function withKeyring(
  configHome: string,
  args: readonly string[],
  stdin = '',
  extraEnv: NodeJS.ProcessEnv = {},
): { status: number | null; stdout: string; stderr: string } {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) =>
        ![
          'CHORUS_KEYRING_READY',
          'CHORUS_KEYRING_PID',
          'CHORUS_KEYRING_THROWAWAY_CONFIG',
          'DBUS_SESSION_BUS_ADDRESS',
          'GNOME_KEYRING_CONTROL',
        ].includes(name),
    ),
  );
  const run = spawnSync(script, args, {
    cwd: root,
    input: stdin,
    encoding: 'utf8',
    env: {
      ...env,
      XDG_CONFIG_HOME: configHome,
      CHORUS_PRO_KEYCHAIN_SERVICE: 'Chorus Pro Echanges (test with-keyring)',
      ...extraEnv,
    },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe.runIf(process.platform === 'linux')('scripts/with-keyring.sh', () => {
  it('throws the secrets away but keeps the settings: configure in one run, status in the next', () => {
    const configHome = tempDir('chorus-xdg-config-');
    const configure = withKeyring(configHome, [
      ...cliCommand,
      'configure',
      '--login',
      'TECH_MAIRIE@cpro.fr',
      '--client-id',
      'client-mairie',
      '--json',
    ]);
    expect(configure.status, configure.stderr).toBe(0);
    const secret = withKeyring(
      configHome,
      [...cliCommand, 'set-client-secret', '--client-secret-stdin', '--json'],
      'secret-client\n',
    );
    expect(secret.status, secret.stderr).toBe(0);

    const status = withKeyring(configHome, [...cliCommand, 'status']);
    expect(status.status, status.stderr).toBe(0);
    expect(status.stdout).toContain('Identifiant utilisateur : TECH_MAIRIE@cpro.fr');
    expect(status.stdout).toContain('Identifiant client PISTE : client-mairie');
    // The secret went with the first keychain: said as missing, with the way to store it again.
    expect(status.stdout).toContain('Secret client PISTE : non enregistré');
  });

  it('keeps one keychain for several commands run by one shell', () => {
    const configHome = tempDir('chorus-xdg-config-');
    const cli = cliCommand.map((part) => `'${part}'`).join(' ');
    const session = withKeyring(configHome, [
      'bash',
      '-c',
      `${cli} configure --client-id client-mairie --json >/dev/null && printf 'secret-client\\n' | ${cli} set-client-secret --client-secret-stdin --json >/dev/null && ${cli} status`,
    ]);
    expect(session.status, session.stderr).toBe(0);
    expect(session.stdout).toContain('Secret client PISTE : enregistré dans le coffre-fort');
  });

  it("npm test's runs (CHORUS_KEYRING_THROWAWAY_CONFIG=1) write their temporary files in a folder of their own, gone afterwards", () => {
    const callersTemp = tempDir('chorus-callers-tmp-');
    // A tool's cache, as tsx and Playwright leave in the temporary folder.
    const leaveACache = ['bash', '-c', 'mkdir "$TMPDIR/cache-of-a-tool" && printf %s "$TMPDIR"'];
    const testRun = withKeyring(tempDir('chorus-xdg-config-'), leaveACache, '', {
      CHORUS_KEYRING_THROWAWAY_CONFIG: '1',
      TMPDIR: callersTemp,
    });
    expect(testRun.status, testRun.stderr).toBe(0);
    expect(testRun.stdout).not.toBe(callersTemp);
    expect(existsSync(testRun.stdout)).toBe(false);
    expect(readdirSync(callersTemp)).toEqual([]);

    // A person's own run keeps their temporary folder, as it keeps their settings.
    const personsRun = withKeyring(tempDir('chorus-xdg-config-'), leaveACache, '', { TMPDIR: callersTemp });
    expect(personsRun.status, personsRun.stderr).toBe(0);
    expect(personsRun.stdout).toBe(callersTemp);
    expect(readdirSync(callersTemp)).toEqual(['cache-of-a-tool']);
  });
});
