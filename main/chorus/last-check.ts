import type { ConnectionTestResult } from '../../common/connection';
import type { Clock } from '../dates/clock';
import { toFailure } from '../failures/errors';
import type { LastCheck, StoredSettings } from '../settings/settings-schema';
import type { TestOptions } from './connection-service';

/** A test the user cancelled, or one that could not read this workstation's keychain, checked nothing of the account. */
const saysNothingOfTheAccount: ReadonlySet<string> = new Set(['CANCELLED', 'KEYCHAIN_UNAVAILABLE']);

type TestConnection = (settings: StoredSettings, options?: TestOptions) => Promise<ConnectionTestResult>;

/**
 * The same connection service, whose tests of the saved settings (the button, `test`, `test
 * --all`, the daily check) leave their outcome on the account. A test on other parameters (command
 * line overrides) says nothing of the saved ones.
 */
export function recordingLastCheck<T extends { readonly testConnection: TestConnection }>(
  connection: T,
  write: (check: LastCheck) => void,
  clock: Clock,
): T {
  // The test's own outcome is what the user waits for: a file that cannot be written (the account
  // renamed meanwhile, a full disk) must not turn it into another failure.
  const record = (check: LastCheck): void => {
    try {
      write(check);
    } catch {
      // Nothing kept: the next test will try again.
    }
  };
  const testConnection: TestConnection = async (settings, options = {}) => {
    const kept = options.recordExpiry !== false;
    try {
      const result = await connection.testConnection(settings, options);
      if (kept) record({ at: clock().toISOString(), ok: true, code: null });
      return result;
    } catch (error) {
      const { code } = toFailure(error);
      if (kept && !saysNothingOfTheAccount.has(code)) record({ at: clock().toISOString(), ok: false, code });
      throw error;
    }
  };
  return { ...connection, testConnection };
}
