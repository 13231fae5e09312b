// How a member asks Chorus Pro which password of a disagreement it accepts: the account's own
// connection code, with the publication's client secret and proxy password seen as if stored,
// and nothing recorded (neither the expiry nor "verified": this is not the account's test yet).
import type { ChorusClient } from '../chorus/chorus-client';
import { createConnectionService } from '../chorus/connection-service';
import type { ResolveSystemProxy } from '../chorus/proxy-resolution';
import { AppError } from '../failures/errors';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import type { CheckPassword } from './conflict-rule';

export function chorusPasswordCheck(dependencies: {
  readonly client: ChorusClient;
  readonly secrets: SecretStore;
  readonly logger: Logger;
  readonly resolveSystemProxy?: ResolveSystemProxy;
}): CheckPassword {
  return async (settings, password, extra) => {
    const seen: SecretStore = {
      get: async (account) => extra.get(account) ?? (await dependencies.secrets.get(account)),
      set: () => Promise.resolve(),
      delete: () => Promise.resolve(false),
    };
    const connection = createConnectionService({
      client: dependencies.client,
      secrets: seen,
      logger: dependencies.logger,
      recordPasswordExpiry: () => undefined,
      recordPasswordVerified: () => undefined,
      ...(dependencies.resolveSystemProxy ? { resolveSystemProxy: dependencies.resolveSystemProxy } : {}),
    });
    try {
      await connection.verifyPassword(settings, password);
      return 'accepted';
    } catch (error) {
      return error instanceof AppError && error.code === 'AUTH_REJECTED' ? 'refused' : 'unknown';
    }
  };
}
