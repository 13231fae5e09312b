import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { tokenPath } from '../e2e/simulator/simulator';
import { clearKeychainService } from '../main/secrets/keytar-secret-store';
import { noMachinePolicy, runCliProcess } from '../test/support/cli-process';
import { demoAccount } from '../test/support/core-fixture';
import { simulatorForTheFile } from '../test/support/simulator-for-file';
import { tempDir } from '../test/support/temp-dirs';

// The deployment guide's Node.js example, exactly as printed, run against the simulator: the
// installed executable stood in for by a small wrapper that runs the command line.
const root = join(__dirname, '..');
const keychainService = `Chorus Pro Echanges (test guide ${randomUUID()})`;
afterAll(async () => {
  await clearKeychainService(keychainService);
});
const simulator = simulatorForTheFile();

/** The guide's one ```js block. */
function guideExample(): string {
  const guide = readFileSync(join(root, 'docs', 'guide-deploiement.md'), 'utf8');
  const blocks = [...guide.matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  expect(blocks).toHaveLength(1);
  return blocks[0] ?? '';
}

describe("the deployment guide's Node.js example", () => {
  it('calls Chorus Pro with the headers it is handed, and asks for a new token after a 401 invalid_token', async () => {
    const dir = tempDir('chorus-guide-');
    const cli = (args: readonly string[], stdin?: string) =>
      runCliProcess([...args, '--user-data-dir', dir], keychainService, stdin === undefined ? {} : { stdin });
    expect(
      (
        await cli([
          'configure',
          '--url',
          simulator().url,
          '--token-url',
          simulator().tokenUrl,
          '--login',
          demoAccount.login,
          '--client-id',
          demoAccount.clientId,
          '--allow-programs',
          'oui',
        ])
      ).status,
    ).toBe(0);
    expect((await cli(['set-client-secret', '--client-secret-stdin'], demoAccount.clientSecret)).status).toBe(0);
    expect((await cli(['set-password', '--password-stdin'], demoAccount.password)).status).toBe(0);

    // "Chorus Pro Echanges.exe --cli …": here, the command line under Node, on this test's profile.
    const executable = join(dir, 'chorus-pro-echanges');
    writeFileSync(
      executable,
      `#!/bin/sh\n[ "$1" = "--cli" ] && shift\nexec "${process.execPath}" --import tsx "${join(root, 'main/cli.ts')}" "$@" --user-data-dir "${dir}"\n`,
      { mode: 0o755 },
    );
    const example = join(dir, 'appel-chorus.mjs');
    writeFileSync(example, guideExample());
    const env = {
      ...process.env,
      CHORUS_PRO_ECHANGES: executable,
      CHORUS_COMPTE: 'Compte principal',
      CHORUS_PRO_KEYCHAIN_SERVICE: keychainService,
      CHORUS_PRO_MACHINE_POLICY: noMachinePolicy,
    };
    const run = () => promisify(execFile)(process.execPath, [example], { cwd: root, env, encoding: 'utf8' });

    expect((await run()).stdout).toBe('3 structure(s) rattachée(s)\n');
    // PISTE withdraws its tokens: the cached one is refused with invalid_token, the example asks once for a new one.
    const tokens = simulator().requestCounts.get(tokenPath) ?? 0;
    simulator().expireTokens();
    expect((await run()).stdout).toBe('3 structure(s) rattachée(s)\n');
    expect(simulator().requestCounts.get(tokenPath)).toBe(tokens + 1);
    // Several runs of the command line, each in its own process: generous on a loaded machine.
  }, 180_000);
});
