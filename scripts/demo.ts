// `npm run demo`: the app already pointed at the local simulator, with the demo account's secrets
// in a keychain namespace of its own, in a fresh profile. Nothing of a real configuration is touched.
//   --prepare-only   prepare the profile and print how to start the app, without starting it
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFixture } from '../e2e/simulator/fixture';
import { demoSimulatorPort, startSimulator } from '../e2e/simulator/simulator';
import { createHttpTransport } from '../main/chorus/http-transport';
import { systemClock } from '../main/clock';
import { createLogger } from '../main/logger';
import { createKeytarSecretStore } from '../main/secrets/keytar-secret-store';
import { secretAccounts } from '../main/secrets/secret-store';
import { createCoreServices } from '../main/services';
import { openConfBackend } from '../main/settings/conf-backend';

const keychainService = 'Chorus Pro Echanges (démo)';

async function main(): Promise<void> {
  const prepareOnly = process.argv.includes('--prepare-only');
  const fixture = loadFixture();
  const simulator = await startSimulator({ fixture, port: demoSimulatorPort });
  const userDataDir = mkdtempSync(join(tmpdir(), 'chorus-pro-echanges-demo-'));
  const secrets = createKeytarSecretStore(keychainService);
  const services = createCoreServices({
    userDataDir,
    openSettingsBackend: openConfBackend,
    secrets,
    send: createHttpTransport(),
    clock: systemClock,
    logger: createLogger(() => undefined),
  });
  const [account] = fixture.accounts;
  const [application] = fixture.applications;
  if (!account || !application) throw new Error('the demo fixture has no account or no application');
  services.settings.update({ environment: 'custom', apiBaseUrl: simulator.url, tokenUrl: simulator.tokenUrl, login: account.login, clientId: application.clientId });
  await secrets.set(secretAccounts.clientSecret(simulator.tokenUrl, application.clientId), application.clientSecret);
  await services.renewPassword({ password: account.password, verify: true, surroundingSpacesConfirmed: false });

  const env = { CHORUS_PRO_USER_DATA_DIR: userDataDir, CHORUS_PRO_KEYCHAIN_SERVICE: keychainService };
  process.stdout.write(
    [
      `Démonstration prête : simulateur sur ${simulator.url}, compte ${account.login}.`,
      `Profil : ${userDataDir}`,
      `Réinitialiser le mot de passe comme sur le portail :`,
      `  curl -X POST ${simulator.url}/simulateur/reinitialiser-mot-de-passe -d '{"login":"${account.login}"}'`,
      '',
    ].join('\n'),
  );
  if (prepareOnly) {
    process.stdout.write(
      `Pour lancer l'application : démarrez le simulateur (npm run simulator), puis\n  ${Object.entries(env).map(([key, value]) => `${key}="${value}"`).join(' ')} npx electron .\n`,
    );
    await simulator.close();
    return;
  }
  // Resolving the electron package gives its binary's path (downloaded on first use).
  const electronBinary = (await import('electron')).default as unknown as string;
  const app = spawn(electronBinary, ['.'], { stdio: 'inherit', env: { ...process.env, ...env } });
  app.on('exit', (code) => void simulator.close().then(() => process.exit(code ?? 0)));
}

void main();
