// `npm run demo`: the app already pointed at the local simulator, with the demo account's secrets
// in a keychain namespace of its own, in a fresh profile. Nothing of a real configuration is touched.
//   --prepare-only   prepare the profile and print how to start the app, without starting it
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
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
  const { userDataDir } = await seedProfile({
    apiBaseUrl: simulator.url,
    tokenUrl: simulator.tokenUrl,
    passwordUpdatedAt: new Date(),
    userDataDir: mkdtempSync(join(tmpdir(), 'chorus-pro-echanges-demo-')),
    keychainService,
  });

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
      `Pour lancer l'application : démarrez le simulateur (npm run simulator -- --port ${port}), puis\n  ${Object.entries(env).map(([key, value]) => `${key}="${value}"`).join(' ')} npx electron .\n`,
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
