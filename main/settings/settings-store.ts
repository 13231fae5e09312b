import type { SettingsChange, SettingsView } from '../../preload/contract';
import type { Clock } from '../dates/clock';
import { withImportedPassword, type ImportedPassword } from './imported-password';
import type { Logger } from '../logging/logger';
import { accountNamed, checkDistinctConnection } from './account-rules';
import { accountsStore, type AccountsStore } from './accounts-store';
import { openRecoveredBackend, type OpenSettingsBackend } from './settings-backend';
import { applySettingsChange } from './settings-change';
import { settingsFileAccess, type SettingsFileAccess } from './settings-file';
import { newExchangeState, type ExchangeState, type ManualDestination } from './exchange-state';
import { maxStructureNameLength, type LastCheck, type SettingsFile, type StoredSettings } from './settings-schema';

/** What the destinations keep on an account; `null` removes a field. */
export interface ExchangeStateChange {
  readonly exchange?: ExchangeState | null;
  readonly manualDestinations?: readonly ManualDestination[] | null;
  readonly allowPrograms?: boolean | null;
}

/**
 * The settings of one technical account: the selected one, or the one named when it was opened
 * (`forAccount`). Every service works through one of these, unaware of the others.
 */
export interface SettingsStore {
  /** The account this store acts on. */
  accountName(): string;
  read(): StoredSettings;
  update(change: SettingsChange): StoredSettings;
  /** What `update` would write, checked against this account and the others; nothing is written. */
  check(change: SettingsChange): StoredSettings;
  /**
   * A profile's settings and, when it brought a password, that password's state (see
   * withImportedPassword): one write, so never half of it.
   */
  applyImport(change: SettingsChange, importedPassword?: ImportedPassword): StoredSettings;
  /**
   * Dates a new password; the expiry Chorus Pro reported was the old password's, so it goes. A new
   * password is a new change for its copies (a new changeId, no result yet).
   */
  recordPasswordUpdate(when: Date, verified: boolean): StoredSettings;
  /** The destinations' state of this account (destinations/): checklist, last push, permission. */
  recordExchangeState(change: ExchangeStateChange): StoredSettings;
  /** A test succeeded with the stored password: it is no longer "saved without checking". */
  recordPasswordVerified(): StoredSettings;
  /** The day Chorus Pro communicated the current password, as the user read it in its e-mail. */
  recordPasswordCommunicatedOn(day: Date): StoredSettings;
  /** The expiry Chorus Pro reported, and the structure whose date it is; undefined forgets both. */
  recordChorusExpiry(day: string | undefined, structure?: string): StoredSettings;
  /** How many structures' cards a test read for the expiry (the connections the next opens ahead). */
  recordStructuresReadForExpiry(count: number): StoredSettings;
  /** The outcome of a test of the saved settings, shown until the next one. */
  recordLastCheck(check: LastCheck): StoredSettings;
  /** Whether the screen should still offer to import the machine profile's secrets. */
  markMachineProfileSecrets(pending: boolean): void;
  machineProfileSecretsPending(): boolean;
  /** Whether the client secrets of an earlier version were moved to their routes already. */
  clientSecretsBoundToRoute(): boolean;
  markClientSecretsBoundToRoute(): void;
  /** Why the machine-wide profile was refused at first start (undefined: it was not, or was forgotten). */
  machineProfileRefusal(): string | undefined;
  recordMachineProfileRefusal(reason: string | undefined): void;
  /** Whether 0.2.0's machine-profile authorities were limited to custom hosts already. */
  machineProfileCaScoped(): boolean;
  markMachineProfileCaScoped(): void;
  /** The hosts the user confirmed; undefined in a file of an earlier version. */
  confirmedHosts(): readonly string[] | undefined;
  addConfirmedHosts(hosts: readonly string[]): void;
  /** Runs `work` (synchronous) over one reading of the file (settings-file.ts): one operation's reads. */
  readingOnce<T>(work: () => T): T;
  /** The same file, acting on the account of that exact name (INVALID_INPUT if there is none). */
  forAccount(name: string): SettingsStore;
  readonly accounts: AccountsStore;
  /** Set in the run that found the file unusable: where the unusable file was kept. */
  readonly recoveredFrom: string | undefined;
}

export function toSettingsView(settings: StoredSettings): SettingsView {
  // The destinations have their own channel (getExchange): results and checklists are not settings.
  // Nor is the number of connections a test opens ahead.
  const { name: _name, exchange: _exchange, manualDestinations: _manual, allowPrograms: _allowed, structuresReadForExpiry: _connections, ...view } = settings as StoredSettings & { name?: string };
  return view;
}

/**
 * The store of one account over the shared file: the selected account when `fixedName` is
 * undefined (so it follows a selection made elsewhere), else the account of that name.
 */
function accountSettingsStore(
  settingsFile: SettingsFileAccess,
  accounts: AccountsStore,
  fixedName: string | undefined,
  recoveredFrom: string | undefined,
): SettingsStore {
  const nameNow = (file: SettingsFile): string => fixedName ?? file.selectedAccount;
  const read = (): StoredSettings => {
    const file = settingsFile.read();
    const { name: _name, ...settings } = accountNamed(file, nameNow(file));
    return settings;
  };
  const write = (settings: StoredSettings): StoredSettings => {
    const file = settingsFile.read();
    const name = nameNow(file);
    accountNamed(file, name);
    checkDistinctConnection(file, name, settings);
    settingsFile.write({ ...file, accounts: file.accounts.map((account) => (account.name === name ? { name, ...settings } : account)) });
    return settings;
  };
  return {
    accountName: () => nameNow(settingsFile.read()),
    read,
    update: (change) => write(applySettingsChange(read(), change)),
    check: (change) => {
      const next = applySettingsChange(read(), change);
      const file = settingsFile.read();
      checkDistinctConnection(file, nameNow(file), next);
      return next;
    },
    applyImport: (change, importedPassword) => {
      const next = applySettingsChange(read(), change);
      return write(importedPassword ? withImportedPassword(read(), next, importedPassword) : next);
    },
    recordPasswordUpdate: (when, verified) => {
      const { chorusPasswordExpiresOn: _previous, chorusPasswordExpiryStructure: _structure, ...rest } = read();
      return write({ ...rest, passwordUpdatedAt: when.toISOString(), passwordVerified: verified, exchange: newExchangeState() });
    },
    recordExchangeState: (change) => {
      const given = change as Readonly<Record<string, unknown>>;
      const kept = Object.entries(read()).filter(([key]) => given[key] === undefined);
      const changed = Object.entries(given).filter((entry) => entry[1] !== undefined && entry[1] !== null);
      return write(Object.fromEntries([...kept, ...changed]) as StoredSettings);
    },
    recordPasswordVerified: () => {
      const current = read();
      return current.passwordVerified === false ? write({ ...current, passwordVerified: true }) : current;
    },
    recordPasswordCommunicatedOn: (day) => write({ ...read(), passwordUpdatedAt: day.toISOString() }),
    recordChorusExpiry: (day, structure) => {
      const { chorusPasswordExpiresOn: _previous, chorusPasswordExpiryStructure: _structure, ...rest } = read();
      if (day === undefined) return write(rest);
      return write({ ...rest, chorusPasswordExpiresOn: day, ...(structure ? { chorusPasswordExpiryStructure: structure.slice(0, maxStructureNameLength) } : {}) });
    },
    recordStructuresReadForExpiry: (count) => write({ ...read(), structuresReadForExpiry: count }),
    recordLastCheck: (check) => write({ ...read(), lastCheck: check }),
    markMachineProfileSecrets: (pending) => {
      const { machineProfileSecretsPending: _previous, ...file } = settingsFile.read();
      settingsFile.write(pending ? { ...file, machineProfileSecretsPending: true } : file);
    },
    machineProfileSecretsPending: () => settingsFile.read().machineProfileSecretsPending === true,
    clientSecretsBoundToRoute: () => settingsFile.read().clientSecretsBoundToRoute === true,
    markClientSecretsBoundToRoute: () => settingsFile.write({ ...settingsFile.read(), clientSecretsBoundToRoute: true }),
    machineProfileRefusal: () => settingsFile.read().machineProfileRefusal,
    recordMachineProfileRefusal: (reason) => {
      const { machineProfileRefusal: _previous, ...file } = settingsFile.read();
      settingsFile.write(reason === undefined ? file : { ...file, machineProfileRefusal: reason.slice(0, 2000) });
    },
    machineProfileCaScoped: () => settingsFile.read().machineProfileCaScoped === true,
    markMachineProfileCaScoped: () => settingsFile.write({ ...settingsFile.read(), machineProfileCaScoped: true }),
    confirmedHosts: () => settingsFile.read().confirmedHosts,
    addConfirmedHosts: (hosts) => {
      const file = settingsFile.read();
      const known = file.confirmedHosts ?? [];
      const added = hosts.filter((host, index) => !known.includes(host) && hosts.indexOf(host) === index);
      if (added.length > 0 || file.confirmedHosts === undefined) settingsFile.write({ ...file, confirmedHosts: [...known, ...added] });
    },
    readingOnce: (work) => settingsFile.readingOnce(work),
    forAccount: (name) => accountSettingsStore(settingsFile, accounts, accountNamed(settingsFile.read(), name).name, recoveredFrom),
    accounts,
    recoveredFrom,
  };
}

/**
 * Opens the settings in `directory`, recovering an unusable file first, and keeps every write
 * whole: a value that fails validation is refused, never half-saved.
 */
export function openSettingsStore(
  directory: string,
  openBackend: OpenSettingsBackend,
  clock: Clock,
  logger: Logger,
): SettingsStore {
  const { backend, recoveredFrom } = openRecoveredBackend(directory, openBackend, clock, logger);
  const settingsFile = settingsFileAccess(backend);
  return accountSettingsStore(settingsFile, accountsStore(settingsFile), undefined, recoveredFrom);
}
