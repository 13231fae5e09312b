// Runs one renewal in a process of its own, for the tests that need a process to die or a
// keychain to stop: `node --import tsx renewal-child.ts <scenario> <userDataDir> <keychainService> <password> <now>`.
//   crash-before-dating  the process is killed between storing the password and dating it
//   keychain-stops       the keychain daemon of this session is killed before the renewal
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHttpTransport } from '../../main/chorus/http-transport';
import { AppError } from '../../main/failures/errors';
import { createLogger } from '../../main/logging/logger';
import { createKeytarSecretStore } from '../../main/secrets/keytar-secret-store';
import { createCoreServices } from '../../main/services';
import { selectedServices } from './selected-account';
import { fixedClock, openConfBackend } from './settings-fixture';

async function main(): Promise<void> {
  const [scenario, userDataDir, keychainService, password, now] = process.argv.slice(2);
  if (!scenario || !userDataDir || !keychainService || password === undefined || !now) throw new Error('usage');
  const services = selectedServices(
    createCoreServices({
      userDataDir,
      openSettingsBackend: openConfBackend,
      secrets: createKeytarSecretStore(keychainService),
      send: createHttpTransport(),
      clock: fixedClock(now),
      logger: createLogger(() => undefined),
    }),
  );
  if (scenario === 'crash-before-dating') {
    // The crash is injected where a power cut would hurt most: the password stored, not yet dated.
    services.current().settings.recordPasswordUpdate = () => {
      process.kill(process.pid, 'SIGKILL');
      throw new Error('unreachable');
    };
  }
  if (scenario === 'keychain-stops') {
    await services.secrets.get('avant-arret');
    process.kill(Number(process.env.CHORUS_KEYRING_PID), 'SIGKILL');
  }
  const settingsBefore = readFileSync(join(userDataDir, 'config.json'), 'utf8');
  const outcome = await services.renewPassword({ password, verify: false, surroundingSpacesConfirmed: false }).then(
    () => 'stored',
    (error: unknown) => (error instanceof AppError ? error.code : 'INTERNAL_ERROR'),
  );
  const settingsUnchanged = readFileSync(join(userDataDir, 'config.json'), 'utf8') === settingsBefore;
  process.stdout.write(JSON.stringify({ outcome, settingsUnchanged }));
}

void main();
