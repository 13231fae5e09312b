import type { ChorusClient } from '../chorus/chorus-client';
import { createConnectionService } from '../chorus/connection-service';
import { recordingLastCheck } from '../chorus/last-check';
import type { ResolveSystemProxy } from '../chorus/proxy-resolution';
import { createPasswordRenewal } from '../credentials/password-renewal';
import type { Clock } from '../dates/clock';
import { accountLogger } from '../logging/account-logger';
import type { Logger } from '../logging/logger';
import { passwordReminder } from '../reminder/password-reminder';
import type { SecretStore } from '../secrets/secret-store';
import type { SettingsStore } from '../settings/settings-store';

/** The services of one technical account: its settings, its connection, its renewal, its reminder. */
export function createAccountServices(settings: SettingsStore, shared: { client: ChorusClient; secrets: SecretStore; clock: Clock; logger: Logger; resolveSystemProxy?: ResolveSystemProxy }) {
  const { client, secrets, clock } = shared;
  // Every line this account's services write names it.
  const logger = accountLogger(shared.logger, () => settings.accountName());
  const connection = recordingLastCheck(createConnectionService({
    client,
    secrets,
    logger,
    recordPasswordExpiry: (day, structure) => settings.recordChorusExpiry(day, structure),
    recordPasswordVerified: () => {
      if (settings.read().passwordVerified === false) {
        settings.recordPasswordVerified();
        logger.info('password.verified', { passwordVerified: true });
      }
    },
    ...(shared.resolveSystemProxy ? { resolveSystemProxy: shared.resolveSystemProxy } : {}),
  }), (check) => settings.recordLastCheck(check), clock);
  const renewPassword = createPasswordRenewal({
    settings,
    secrets,
    verifyPassword: (current, password, cancel) => connection.verifyPassword(current, password, cancel),
    clock,
    logger,
  });
  const currentReminder = () => passwordReminder(settings.read(), clock());
  return { settings, connection, renewPassword, currentReminder };
}
export type AccountServices = ReturnType<typeof createAccountServices>;
