// `npm run demo`: the app already pointed at the local simulator, with the demo account's secrets
// in a keychain namespace of its own, in a fresh profile. Nothing of a real configuration is touched.
//   --prepare-only   prepare the profile and print how to start the app, without starting it
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demo, seedProfile } from '../e2e/seed-profile';
import { loadFixture } from '../e2e/simulator/fixture';
import { demoSimulatorPort, isPortTaken, startSimulator } from '../e2e/simulator/simulator';

const keychainService = 'Chorus Pro Echanges (démo)';

async function main(): Promise<void> {
  const prepareOnly = process.argv.includes('--prepare-only');
  const fixture = loadFixture();
  // The usual port when it is free, any free one otherwise: a running simulator does not stop the demo.
  const simulator = await startSimulator({ fixture, port: demoSimulatorPort }).catch((error: unknown) => {
    if (isPortTaken(error)) return startSimulator({ fixture, port: 0 });
    throw error;
  });
  const port = new URL(simulator.url).port;
  const userDataDir = mkdtempSync(join(tmpdir(), 'chorus-pro-echanges-demo-'));
  try {
    await seedProfile({
      apiBaseUrl: simulator.url,
      tokenUrl: simulator.tokenUrl,
      passwordUpdatedAt: new Date(),
      userDataDir,
      keychainService,
    });
  } catch {
    // Without a keychain (a server without a desktop), the demo's secrets have nowhere to go: say
    // so in French, and leave nothing behind.
    rmSync(userDataDir, { recursive: true, force: true });
    await simulator.close();
    process.stderr.write(
      [
        "La démonstration n'a pas pu enregistrer ses secrets : le coffre-fort de mots de passe du système est inaccessible ; rien n'a été laissé sur le disque.",
        'Ouvrez une session de bureau où il est déverrouillé, ou, sur un serveur sans bureau, lancez la démonstration et l’application dans un même coffre-fort temporaire :',
        '  scripts/with-keyring.sh bash, puis npm run demo (ses secrets disparaissent à la sortie du shell).',
        '',
      ].join('\n'),
    );
    process.exit(1);
  }

  const env = { CHORUS_PRO_USER_DATA_DIR: userDataDir, CHORUS_PRO_KEYCHAIN_SERVICE: keychainService };
  process.stdout.write(
    [
      `Démonstration prête : simulateur sur ${simulator.url}, compte ${demo.login}.`,
      `Profil : ${userDataDir}`,
      `Réinitialiser le mot de passe comme sur le portail :`,
      `  curl -X POST ${simulator.url}/simulateur/reinitialiser-mot-de-passe -d '{"login":"${demo.login}"}'`,
      '',
    ].join('\n'),
  );
  if (prepareOnly) {
    process.stdout.write(
      `Pour lancer l'application : démarrez le simulateur (npm run simulator -- --port ${port}), puis\n  ${Object.entries(
        env,
      )
        .map(([key, value]) => `${key}="${value}"`)
        .join(' ')} npx electron .\n`,
    );
    await simulator.close();
    return;
  }
  // Without Electron's binary, say in French how to provide it (npm start does the same).
  const check = spawnSync(process.execPath, [join(__dirname, 'electron-binary.mjs')], { stdio: 'inherit' });
  if (check.status !== 0) {
    await simulator.close();
    process.exit(1);
  }
  // Resolving the electron package gives its binary's path.
  const electronBinary = (await import('electron')).default as unknown as string;
  const app = spawn(electronBinary, ['.'], { stdio: 'inherit', env: { ...process.env, ...env } });
  app.on('exit', (code) => void simulator.close().then(() => process.exit(code ?? 0)));
}

void main();
