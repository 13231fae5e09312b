// The settings as the screen and `status` show them: with what the keychain holds for them
// (presence only, never a value), the reminder and the last check.
import { failureCodes, type Failure, type FailureCode } from '../../common/failures';
import type { SecretsPresence } from '../../common/settings';
import type { SettingsSnapshot } from '../../common/accounts';
import { canEnterPasswordDay } from '../credentials/password-date';
import type { Clock } from '../dates/clock';
import { AppError, toFailure } from '../failures/errors';
import { passwordReminder } from '../reminder/password-reminder';
import type { SecretStore } from '../secrets/secret-store';
import { accountsOf } from '../secrets/settings-accounts';
import type { StoredSettings } from '../settings/settings-schema';
import { toSettingsView, type SettingsStore } from '../settings/settings-store';
import type { WorkstationStore } from '../settings/workstation-store';
import { accountList, lastCheckView } from './account-summaries';

/** Which secrets the keychain holds for these settings, or undefined when it cannot be read. */
export async function secretsPresence(
  settings: StoredSettings,
  secrets: SecretStore,
): Promise<SecretsPresence | undefined> {
  const accounts = accountsOf(settings);
  const has = async (account: string | undefined) =>
    account !== undefined && (await secrets.get(account)) !== undefined;
  try {
    const [password, clientSecret, proxyPassword] = await Promise.all([
      has(accounts.password),
      has(accounts.clientSecret),
      has(accounts.proxyPassword),
    ]);
    return {
      password,
      passwordVerified: password ? settings.passwordVerified !== false : null,
      clientSecret,
      proxyPassword,
    };
  } catch (error) {
    if (error instanceof AppError && error.code === 'KEYCHAIN_UNAVAILABLE') return undefined;
    throw error;
  }
}

const withLastFailure = (lastFailure: Failure | undefined) => (lastFailure === undefined ? {} : { lastFailure });

/**
 * A last test that failed, as the screen shows it until the next test: what to do about it. Not
 * for a refused value, whose field the record does not keep: « Corrigez le champ signalé » would
 * point at nothing (the last test's line gives its reason).
 */
function lastFailureOf(settings: StoredSettings): Failure | undefined {
  const code = settings.lastCheck?.ok === false ? settings.lastCheck.code : null;
  if (code === null || code === 'INVALID_INPUT' || !(failureCodes as readonly string[]).includes(code))
    return undefined;
  return toFailure(new AppError(code as FailureCode));
}

/**
 * The settings with what the keychain holds for them: presence only, never a value. The settings
 * alone need no keychain: when it cannot be read, they are still shown, the secrets as unknown.
 */
export async function settingsSnapshot(
  workstation: WorkstationStore,
  settings: SettingsStore,
  secrets: SecretStore,
  clock: Clock,
): Promise<SettingsSnapshot> {
  // One reading of the file for all the answer says (issue 36: with 200 accounts, each reading
  // cost ≈ 0.3 ms and this answer made eight).
  const { current, accounts, name, machineProfileSecretsPending, machineProfileRefusal } = workstation.readingOnce(
    () => ({
      current: settings.read(),
      accounts: accountList(workstation, clock),
      name: settings.accountName(),
      machineProfileSecretsPending: workstation.machineProfileSecretsPending(),
      machineProfileRefusal: workstation.machineProfileRefusal(),
    }),
  );
  const presence = await secretsPresence(current, secrets);
  return {
    account: { name },
    accountCount: accounts.accounts.length,
    accountsRevision: accounts.revision,
    settings: toSettingsView(current),
    secrets: presence ?? { password: null, passwordVerified: null, clientSecret: null, proxyPassword: null },
    reminder: passwordReminder(current, clock()),
    ...(current.lastCheck ? { lastCheck: lastCheckView(current.lastCheck) } : {}),
    ...withLastFailure(lastFailureOf(current)),
    passwordDayEditable: canEnterPasswordDay(current, presence?.password ?? null),
    ...(presence ? {} : { keychainUnavailable: true as const }),
    ...(workstation.recoveredFrom ? { recoveredFrom: workstation.recoveredFrom } : {}),
    ...(machineProfileSecretsPending ? { machineProfileSecretsPending: true as const } : {}),
    ...(machineProfileRefusal === undefined ? {} : { machineProfileRefusal }),
  };
}
