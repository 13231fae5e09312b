// Part of `npm run bench` (scripts/bench.ts runs it inside the throwaway keyring): what 200
// technical accounts cost, side by side with one account, in one run, medians of alternated runs.
// - `accounts --json` of the built command line, 200 accounts against 1, and `node -e 0`: the work
//   beyond Node's start, with every secret's presence read in one keychain call;
// - the screen in Debian's Chromium through the browser harness: from the start of navigation
//   until "Test de connexion" is usable, in the page's clock (e2e/bench-usable.ts), 200 accounts
//   against 1; then a switch from one account to another (the other login on screen).
// Prints its figures, then one JSON line of medians for scripts/bench.ts.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { usableAfterReload, usableProbe } from './bench-usable';
import { launchApp } from './launch-app';
import { clearKeychainService, createKeytarSecretStore } from '../main/secrets/keytar-secret-store';
import { secretAccounts } from '../main/secrets/secret-store';
import { defaultSettingsFile } from '../main/settings/settings-schema';
import { median } from '../test/support/side-by-side';

const rounds = 9;
const say = (line: string): void => void process.stdout.write(`${line}\n`);
const api = 'https://api.piste.gouv.fr';

/** A profile folder with `count` accounts, each with its password in the keychain namespace. */
async function profileWith(count: number, keychainService: string): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), 'chorus-bench-comptes-'));
  const base = defaultSettingsFile.accounts[0];
  if (!base) throw new Error('no default account');
  const accounts = Array.from({ length: count }, (_, index) => ({
    ...base,
    name: `Commune n° ${String(index + 1).padStart(3, '0')}`,
    login: `TECH_1_commune${index + 1}@cpro.fr`,
    clientId: 'piste-cdg',
  }));
  writeFileSync(
    join(folder, 'config.json'),
    JSON.stringify({ ...defaultSettingsFile, selectedAccount: accounts[0]?.name, accounts }),
  );
  const secrets = createKeytarSecretStore(keychainService);
  for (const account of accounts)
    await secrets.set(secretAccounts.technicalPassword(api, account.login), 'mot-de-passe');
  return folder;
}

function timeCommand(args: readonly string[], env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  execFileSync(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return performance.now() - started;
}

async function main(): Promise<void> {
  const service = `Chorus Pro Echanges (bench comptes ${randomUUID()})`;
  const many = await profileWith(200, service);
  const one = await profileWith(1, service);
  const cli = join(__dirname, '..', 'dist', 'main', 'cli.js');
  const env = { CHORUS_PRO_KEYCHAIN_SERVICE: service };
  const listed = JSON.parse(
    execFileSync(process.execPath, [cli, 'accounts', '--json', '--user-data-dir', many], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    }),
  ) as { accounts: { secrets: { password: boolean } }[] };
  if (listed.accounts.length !== 200 || !listed.accounts.every((account) => account.secrets.password))
    throw new Error('accounts --json did not list the 200 accounts with their passwords');

  const times = { many: [] as number[], one: [] as number[], node: [] as number[] };
  for (let round = 0; round < rounds; round += 1) {
    times.many.push(timeCommand([cli, 'accounts', '--json', '--user-data-dir', many], env));
    times.one.push(timeCommand([cli, 'accounts', '--json', '--user-data-dir', one], env));
    times.node.push(timeCommand(['-e', '0'], env));
  }
  const [many200, one1, node0] = [median(times.many), median(times.one), median(times.node)];
  say(
    `accounts --json (${rounds} essais de chaque, alternés, médianes) : 200 comptes ${many200.toFixed(0)} ms, 1 compte ${one1.toFixed(0)} ms, node -e 0 ${node0.toFixed(0)} ms`,
  );
  say(
    `  travail au-delà du démarrage de Node pour 200 comptes : ${(many200 - node0).toFixed(0)} ms (objectif < 1000 ms) ; rapport 200/1 : ${(many200 / one1).toFixed(2)}`,
  );

  const screens = { many: [] as number[], one: [] as number[], switch: [] as number[] };
  const apps = {
    many: await launchApp({ userDataDir: many, keychainService: service }),
    one: await launchApp({ userDataDir: one, keychainService: service }),
  };
  try {
    await apps.many.page.addInitScript({ content: usableProbe });
    await apps.one.page.addInitScript({ content: usableProbe });
    for (let round = 0; round < rounds; round += 1) {
      for (const kind of ['many', 'one'] as const) screens[kind].push(await usableAfterReload(apps[kind].page));
      const { page } = apps.many;
      const target = round % 2 ? 'Commune n° 001' : 'Commune n° 150';
      const started = performance.now();
      await page.getByLabel('Compte technique', { exact: true }).selectOption(target);
      const login = `TECH_1_commune${round % 2 ? 1 : 150}@cpro.fr`;
      await page.waitForFunction(
        (expected) => document.querySelector<HTMLInputElement>('#login')?.value === expected,
        login,
      );
      screens.switch.push(performance.now() - started);
    }
  } finally {
    await apps.many.close({ keepData: true });
    await apps.one.close({ keepData: true });
  }
  const [screenMany, screenOne] = [median(screens.many), median(screens.one)];
  say(
    `écran prêt (${rounds} rechargements de chaque, alternés, médianes) : 200 comptes ${screenMany.toFixed(0)} ms, 1 compte ${screenOne.toFixed(0)} ms, rapport ${(screenMany / screenOne).toFixed(2)}`,
  );
  say(
    `passage d'un compte à un autre parmi 200 : médiane ${median(screens.switch).toFixed(0)} ms sur ${rounds} changements`,
  );

  rmSync(many, { recursive: true, force: true });
  rmSync(one, { recursive: true, force: true });
  await clearKeychainService(service);
  say(
    JSON.stringify({
      rounds,
      listMany: many200,
      listOne: one1,
      node: node0,
      screenMany,
      screenOne,
      switchMedian: median(screens.switch),
    }),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
