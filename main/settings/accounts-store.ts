import { AppError } from '../failures/errors';
import { accountNamed, checkAccountName, sameName } from './account-rules';
import { withImportedAccounts, type ImportedAccount } from './imported-accounts';
import type { SettingsFileAccess } from './settings-file';
import { defaultSettings, type StoredAccount } from './settings-schema';
import { withoutUnusedFirstAccount } from './unused-first-account';

/** The list of technical accounts in the settings file. */
export interface AccountsStore {
  list(): readonly StoredAccount[];
  selected(): string;
  select(name: string): void;
  /**
   * A new account with the default settings; not selected. With `replaceUnusedFirst`, it takes the
   * place of the workstation's first account when that one is still exactly as the app created it
   * (and is then selected): the command line's first `accounts add` on a new folder.
   */
  add(name: string, options?: { readonly replaceUnusedFirst?: boolean }): StoredAccount;
  rename(name: string, newName: string): void;
  /** Removes an account (never the last one) and returns its settings, for its keychain entries. */
  remove(name: string): StoredAccount;
  /**
   * Accounts from a deployment profile, by name: each one that exists is changed, each other one
   * added. Every change is checked before the file is written once: all of them or none.
   */
  importAccounts(entries: readonly ImportedAccount[]): void;
  /** What `importAccounts` checks, without writing anything. */
  checkImport(entries: readonly ImportedAccount[]): void;
}

export function accountsStore(file: SettingsFileAccess): AccountsStore {
  return {
    list: () => file.read().accounts,
    selected: () => file.read().selectedAccount,
    select: (name) => {
      const current = file.read();
      file.write({ ...current, selectedAccount: accountNamed(current, name).name });
    },
    add: (given, options = {}) => {
      const current = file.read();
      const name = checkAccountName(given);
      const twin = current.accounts.find((account) => sameName(account.name, name));
      if (twin)
        throw new AppError('INVALID_INPUT', `Nom du compte : « ${twin.name} » existe déjà ; choisissez un autre nom`);
      const account = { name, ...defaultSettings };
      const added = { ...current, accounts: [...current.accounts, account] };
      file.write(options.replaceUnusedFirst === true ? withoutUnusedFirstAccount(added, [name]) : added);
      return account;
    },
    rename: (given, newGiven) => {
      const current = file.read();
      const { name } = accountNamed(current, given);
      const newName = checkAccountName(newGiven);
      const twin = current.accounts.find((account) => account.name !== name && sameName(account.name, newName));
      if (twin)
        throw new AppError('INVALID_INPUT', `Nom du compte : « ${twin.name} » existe déjà ; choisissez un autre nom`);
      file.write({
        ...current,
        selectedAccount: current.selectedAccount === name ? newName : current.selectedAccount,
        accounts: current.accounts.map((account) => (account.name === name ? { ...account, name: newName } : account)),
      });
    },
    remove: (given) => {
      const current = file.read();
      const removed = accountNamed(current, given);
      const { name } = removed;
      if (current.accounts.length === 1) {
        throw new AppError(
          'INVALID_INPUT',
          "c'est le seul compte technique : ajoutez-en un autre avant de supprimer celui-ci, ou modifiez-le",
        );
      }
      const remaining = current.accounts.filter((account) => account.name !== name);
      const selectedAccount =
        current.selectedAccount === name ? (remaining[0]?.name ?? current.selectedAccount) : current.selectedAccount;
      file.write({ ...current, selectedAccount, accounts: remaining });
      return removed;
    },
    importAccounts: (entries) => {
      file.write(withImportedAccounts(file.read(), entries));
    },
    checkImport: (entries) => {
      withImportedAccounts(file.read(), entries);
    },
  };
}
