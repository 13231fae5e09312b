import { isDeepStrictEqual } from 'node:util';
import { defaultSettings, firstAccountName, type SettingsFile } from './settings-schema';

/**
 * A workstation's first account, still exactly as the app created it, gives way to a profile's
 * accounts when the profile does not name it: a fresh workstation that imports the accounts of a
 * centre de gestion is left with those, one of them selected, not with an empty « Compte
 * principal » that every `test --all` would report as a failure; the command line's first
 * `accounts add` does the same. It holds no secret: without a
 * login or a client id, no keychain entry can belong to it.
 */
export function withoutUnusedFirstAccount(file: SettingsFile, importedNames: readonly string[]): SettingsFile {
  const unused = file.accounts.find((account) => {
    // A check of an account without a login (an earlier version's test --all) says nothing of it.
    const { name, lastCheck: _lastCheck, ...settings } = account;
    return name === firstAccountName && !importedNames.includes(name) && isDeepStrictEqual(settings, defaultSettings);
  });
  const remaining = file.accounts.filter((account) => account !== unused);
  const firstImported = importedNames[0];
  if (unused === undefined || firstImported === undefined || remaining.length === 0) return file;
  return {
    ...file,
    accounts: remaining,
    selectedAccount: file.selectedAccount === unused.name ? firstImported : file.selectedAccount,
  };
}
