// The technical accounts as the account bar and the screen show them. Plain TypeScript, shared by
// main and the renderer.
import type { Failure } from './failures';
import type { PasswordReminder } from './reminder';
import type { EnvironmentName, SecretsPresence, SettingsView } from './settings';

/** The last connection test of an account's saved settings (any test: the button, the command line, the daily check). */
export interface LastCheckView {
  readonly at: string;
  readonly ok: boolean;
  readonly code: string | null;
  /** What went wrong, in a few French words; null when it succeeded. */
  readonly reason: string | null;
}

/** One technical account as the account bar and the reminder list show it. */
export interface AccountSummary {
  readonly name: string;
  readonly login?: string;
  readonly environment: EnvironmentName;
  readonly reminder: PasswordReminder;
  /** Absent until the account's first test. */
  readonly lastCheck?: LastCheckView;
}

/**
 * Every account, in the user's order: asked for once, and again only when a settings answer's
 * `accountsRevision` differs from this one (200 accounts in every answer slowed the screen).
 */
export interface AccountList {
  readonly accounts: readonly AccountSummary[];
  readonly revision: string;
}

export interface SettingsSnapshot {
  /** The selected account, whose settings follow. */
  readonly account: { readonly name: string };
  /** How many accounts there are; their list comes from `listAccounts`. */
  readonly accountCount: number;
  /** Changes whenever any account's summary does: the list held is then asked for again. */
  readonly accountsRevision: string;
  readonly settings: SettingsView;
  readonly secrets: SecretsPresence;
  readonly reminder: PasswordReminder;
  /** The selected account's last test, absent until its first. */
  readonly lastCheck?: LastCheckView;
  /** That last test failed: what to do about it, as its failure said it, until the next test. */
  readonly lastFailure?: Failure;
  /** Whether "Date de dernière mise à jour" may be given by the user (unknown, or not verified). */
  readonly passwordDayEditable: boolean;
  /** Set when the keychain could not be read: which secrets exist is then unknown. */
  readonly keychainUnavailable?: true;
  /** Set once, in the run that found the settings file unreadable and kept a copy of it. */
  readonly recoveredFrom?: string;
  /** The machine-wide profile applied at first start carries encrypted secrets still to import. */
  readonly machineProfileSecretsPending?: true;
  /** Why the machine-wide profile was not applied at first start, and what to do (until a profile is imported). */
  readonly machineProfileRefusal?: string;
}
