import type { SettingsChange, SettingsView } from '../../common/settings';
import { withImportedPassword, type ImportedPassword } from './imported-password';
import { accountNamed, checkDistinctConnection } from './account-rules';
import { applySettingsChange } from './settings-change';
import type { SettingsFileAccess } from './settings-file';
import { newExchangeState, type ExchangeState, type ManualDestination } from './exchange-state';
import { maxStructureNameLength, type LastCheck, type StoredSettings } from './settings-schema';

/** What the destinations keep on an account; `null` removes a field. */
export interface ExchangeStateChange {
  readonly exchange?: ExchangeState | null;
  readonly manualDestinations?: readonly ManualDestination[] | null;
  readonly allowPrograms?: boolean | null;
}

/**
 * The settings of one technical account, named when it was opened (WorkstationStore.account):
 * every service works through one of these, unaware of the others. What belongs to the
 * workstation (the account list, the confirmed hosts, the migrations' flags) is WorkstationStore's.
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
}

export function toSettingsView(settings: StoredSettings): SettingsView {
  // The destinations have their own channel (getExchange): results and checklists are not settings.
  // Nor is the number of connections a test opens ahead.
  const {
    name: _name,
    exchange: _exchange,
    manualDestinations: _manual,
    allowPrograms: _allowed,
    structuresReadForExpiry: _connections,
    ...view
  } = settings as StoredSettings & { name?: string };
  return view;
}

/** The store of the account of that exact name over the shared file (WorkstationStore.account). */
export function accountSettingsStore(settingsFile: SettingsFileAccess, name: string): SettingsStore {
  const read = (): StoredSettings => {
    const file = settingsFile.read();
    const { name: _name, ...settings } = accountNamed(file, name);
    return settings;
  };
  const write = (settings: StoredSettings): StoredSettings => {
    const file = settingsFile.read();
    accountNamed(file, name);
    checkDistinctConnection(file, name, settings);
    settingsFile.write({
      ...file,
      accounts: file.accounts.map((account) => (account.name === name ? { name, ...settings } : account)),
    });
    return settings;
  };
  return {
    accountName: () => name,
    read,
    update: (change) => write(applySettingsChange(read(), change)),
    check: (change) => {
      const next = applySettingsChange(read(), change);
      const file = settingsFile.read();
      checkDistinctConnection(file, name, next);
      return next;
    },
    applyImport: (change, importedPassword) => {
      const next = applySettingsChange(read(), change);
      return write(importedPassword ? withImportedPassword(read(), next, importedPassword) : next);
    },
    recordPasswordUpdate: (when, verified) => {
      const { chorusPasswordExpiresOn: _previous, chorusPasswordExpiryStructure: _structure, ...rest } = read();
      return write({
        ...rest,
        passwordUpdatedAt: when.toISOString(),
        passwordVerified: verified,
        exchange: newExchangeState(),
      });
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
      return write({
        ...rest,
        chorusPasswordExpiresOn: day,
        ...(structure ? { chorusPasswordExpiryStructure: structure.slice(0, maxStructureNameLength) } : {}),
      });
    },
    recordStructuresReadForExpiry: (count) => write({ ...read(), structuresReadForExpiry: count }),
    recordLastCheck: (check) => write({ ...read(), lastCheck: check }),
  };
}
