import type { Clock } from '../dates/clock';
import type { Logger } from '../logging/logger';
import { accountNamed } from './account-rules';
import { accountsStore, type AccountsStore } from './accounts-store';
import { openRecoveredBackend, type OpenSettingsBackend } from './settings-backend';
import { settingsFileAccess } from './settings-file';
import { accountSettingsStore, type SettingsStore } from './settings-store';

/**
 * What the settings file holds for the whole workstation rather than for one account: the list of
 * accounts (and the default one, selectedAccount), the hosts the user confirmed, the migrations'
 * and the machine profile's flags. One account's settings are reached by name (`account`): which
 * account a call acts on is always said by the caller, never read from the file behind its back.
 */
export interface WorkstationStore {
  readonly accounts: AccountsStore;
  /** The settings of the account of that exact name (INVALID_INPUT if there is none). */
  account(name: string): SettingsStore;
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
  /** Set in the run that found the file unusable: where the unusable file was kept. */
  readonly recoveredFrom: string | undefined;
}

/**
 * Opens the settings in `directory`, recovering an unusable file first, and keeps every write
 * whole: a value that fails validation is refused, never half-saved.
 */
export function openWorkstationStore(
  directory: string,
  openBackend: OpenSettingsBackend,
  clock: Clock,
  logger: Logger,
): WorkstationStore {
  const { backend, recoveredFrom } = openRecoveredBackend(directory, openBackend, clock, logger);
  const settingsFile = settingsFileAccess(backend);
  return {
    markMachineProfileSecrets: (pending) => {
      const { machineProfileSecretsPending: _previous, ...file } = settingsFile.read();
      settingsFile.write(pending ? { ...file, machineProfileSecretsPending: true } : file);
    },
    machineProfileSecretsPending: () => settingsFile.read().machineProfileSecretsPending === true,
    clientSecretsBoundToRoute: () => settingsFile.read().clientSecretsBoundToRoute === true,
    markClientSecretsBoundToRoute: () =>
      settingsFile.write({ ...settingsFile.read(), clientSecretsBoundToRoute: true }),
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
      if (added.length > 0 || file.confirmedHosts === undefined)
        settingsFile.write({ ...file, confirmedHosts: [...known, ...added] });
    },
    readingOnce: (work) => settingsFile.readingOnce(work),
    account: (name) => accountSettingsStore(settingsFile, accountNamed(settingsFile.read(), name).name),
    accounts: accountsStore(settingsFile),
    recoveredFrom,
  };
}
