import type { SettingsChange } from '../../common/settings';
import { withoutUnusedFirstAccount } from './unused-first-account';
import { withImportedPassword, type ImportedPassword } from './imported-password';
import { AppError } from '../failures/errors';
import { checkAccountName, checkDistinctConnection, sameName } from './account-rules';
import { applySettingsChange } from './settings-change';
import { defaultSettings, maxAccounts, settingsFileSchema, type SettingsFile } from './settings-schema';

export interface ImportedAccount {
  readonly name: string;
  readonly change: SettingsChange;
  /** Set when the profile brought this account's password (see withImportedPassword). */
  readonly importedPassword?: ImportedPassword;
}

/**
 * The settings file with a profile's accounts in it, each checked; not written. Each account that
 * exists is changed, each other one added; the first failure refuses them all.
 */
export function withImportedAccounts(current: SettingsFile, entries: readonly ImportedAccount[]): SettingsFile {
  let file = current;
  for (const entry of entries) {
    const existing = file.accounts.find((account) => account.name === entry.name);
    if (!existing) {
      checkAccountName(entry.name);
      const twin = file.accounts.find((account) => sameName(account.name, entry.name));
      if (twin)
        throw new AppError(
          'INVALID_INPUT',
          `Nom du compte : « ${entry.name} » ne diffère de « ${twin.name} » que par les majuscules ; renommez l'un des deux`,
        );
    }
    const { name: _name, ...settings } = existing ?? { name: entry.name, ...defaultSettings };
    let next = applySettingsChange(settings, entry.change);
    if (entry.importedPassword) next = withImportedPassword(settings, next, entry.importedPassword);
    checkDistinctConnection(file, entry.name, next);
    file = {
      ...file,
      accounts: existing
        ? file.accounts.map((account) => (account.name === entry.name ? { name: entry.name, ...next } : account))
        : [...file.accounts, { name: entry.name, ...next }],
    };
  }
  const trimmed = withoutUnusedFirstAccount(
    file,
    entries.map((entry) => entry.name),
  );
  if (trimmed.accounts.length > maxAccounts) {
    throw new AppError(
      'PROFILE_REFUSED',
      `ce profil porterait ce poste à ${trimmed.accounts.length} comptes techniques, ${maxAccounts} au plus : rien n'a été importé ; supprimez des comptes inutiles ou importez un profil plus petit`,
    );
  }
  return settingsFileSchema.parse(trimmed);
}
