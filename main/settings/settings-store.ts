import { join } from 'node:path';
import type { Options } from 'conf';
import type { SettingsChange, SettingsView } from '../../preload/contract';
import type { Clock } from '../dates/clock';
import { withoutUnusedFirstAccount } from '../accounts/unused-first-account';
import { withImportedPassword, type ImportedPassword } from '../credentials/imported-password';
import { AppError } from '../failures/errors';
import type { Logger } from '../logging/logger';
import { checkEndpointUrl, checkProxyUrl, controlCharacterRefusal, hasControlCharacter } from '../net/url-policy';
import { ensurePrivateFolder, privateFileMode } from '../files/private-files';
import { hasLookAlikeCharacter, lookAlikeRefusal } from '../text/look-alike';
import { sameCredential } from '../secrets/credential-key';
import { knownEnvironments } from './environments';
import { inspectSettingsFile } from './settings-recovery';
import {
  accountNameSchema,
  defaultSettings,
  defaultSettingsFile,
  maxStructureNameLength,
  maxAccounts,
  settingsFileSchema,
  storedSettingsSchema,
  type LastCheck,
  type SettingsFile,
  type StoredAccount,
  type StoredSettings,
} from './settings-schema';

/** What electron-store (in the app) and conf (under Node) have in common for us. */
export interface SettingsBackend {
  store: SettingsFile;
  readonly path: string;
}
export type OpenSettingsBackend = (options: Options<SettingsFile>) => SettingsBackend;

export const settingsFileName = 'config.json';

/**
 * One set of options for both backends: one file, one format. No JSON schema for conf: compiling
 * it (and the JSON-Schema meta-schema with it) cost ≈ 34 ms at every start, and zod already checks
 * the data on every read and every write (openSettingsStore), the file before it opens
 * (settings-recovery.ts).
 */
export function settingsBackendOptions(directory: string): Options<SettingsFile> {
  return {
    cwd: directory,
    configName: 'config',
    defaults: defaultSettingsFile,
    // conf's own recovery wipes the file silently; ours keeps a copy (settings-recovery.ts).
    clearInvalidConfig: false,
    configFileMode: privateFileMode,
    accessPropertiesByDotNotation: false,
    watch: false,
  };
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
  /** Dates a new password; the expiry Chorus Pro reported was the old password's, so it goes. */
  recordPasswordUpdate(when: Date, verified: boolean): StoredSettings;
  /** A test succeeded with the stored password: it is no longer "saved without checking". */
  recordPasswordVerified(): StoredSettings;
  /** The day Chorus Pro communicated the current password, as the user read it in its e-mail. */
  recordPasswordCommunicatedOn(day: Date): StoredSettings;
  /** The expiry Chorus Pro reported, and the structure whose date it is; undefined forgets both. */
  recordChorusExpiry(day: string | undefined, structure?: string): StoredSettings;
  /** The outcome of a test of the saved settings, shown until the next one. */
  recordLastCheck(check: LastCheck): StoredSettings;
  /** Whether the screen should still offer to import the machine profile's secrets. */
  markMachineProfileSecrets(pending: boolean): void;
  machineProfileSecretsPending(): boolean;
  /** Whether the client secrets of an earlier version were moved to their routes already. */
  clientSecretsBoundToRoute(): boolean;
  markClientSecretsBoundToRoute(): void;
  /** The hosts the user confirmed; undefined in a file of an earlier version. */
  confirmedHosts(): readonly string[] | undefined;
  addConfirmedHosts(hosts: readonly string[]): void;
  /** The same file, acting on the account of that exact name (INVALID_INPUT if there is none). */
  forAccount(name: string): SettingsStore;
  readonly accounts: AccountsStore;
  /** Set in the run that found the file unusable: where the unusable file was kept. */
  readonly recoveredFrom: string | undefined;
}

/** The list of technical accounts in the settings file. */
export interface AccountsStore {
  list(): readonly StoredAccount[];
  selected(): string;
  select(name: string): void;
  /** A new account with the default settings; not selected. */
  add(name: string): StoredAccount;
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

export interface ImportedAccount {
  readonly name: string;
  readonly change: SettingsChange;
  /** Set when the profile brought this account's password (see withImportedPassword). */
  readonly importedPassword?: ImportedPassword;
}

const optionalTextKeys = ['clientId', 'proxyUrl', 'caCertificatePath'] as const;

/** Applies a change from the screen or the command line; throws on any value it cannot keep. */
export function applySettingsChange(current: StoredSettings, change: SettingsChange): StoredSettings {
  const cleared = new Set<string>(optionalTextKeys.filter((key) => change[key] === ''));
  // Structured clone carries `{ login: undefined }` from the renderer: an absent value changes nothing.
  const given = Object.entries(change).filter((entry: [string, unknown]) => entry[1] !== undefined);
  const next: Record<string, unknown> = Object.fromEntries(
    [...Object.entries(current), ...given].filter(([key]) => !cleared.has(key)),
  );
  if (change.login !== undefined && change.login.trim() === '') {
    throw new AppError('INVALID_INPUT', "Identifiant utilisateur : l'identifiant est obligatoire");
  }
  // One check for the screen, the command line and a profile: they all come through here.
  for (const [key, label] of [['login', 'Identifiant utilisateur'], ['clientId', 'Identifiant client PISTE']] as const) {
    const given = change[key];
    if (given !== undefined && hasControlCharacter(given)) throw new AppError('INVALID_INPUT', `${label} : ${controlCharacterRefusal}`);
    if (given !== undefined && hasLookAlikeCharacter(given)) throw new AppError('INVALID_INPUT', `${label} : ${lookAlikeRefusal}`);
  }
  if (change.login !== undefined && /\s/.test(change.login.trim())) {
    throw new AppError('INVALID_INPUT', "Identifiant utilisateur : un identifiant Chorus Pro ne contient pas d'espace (il s'écrit par exemple TECH_1_xxx@cpro.fr)");
  }
  const environment = (next.environment ?? current.environment) as StoredSettings['environment'];
  if (environment !== 'custom') {
    const endpoints = knownEnvironments[environment];
    for (const key of ['apiBaseUrl', 'tokenUrl'] as const) {
      const given = change[key];
      if (given !== undefined && given !== endpoints[key]) {
        throw new AppError(
          'INVALID_INPUT',
          `${key === 'apiBaseUrl' ? 'Lien URL' : 'URL du jeton'} : choisissez l'environnement « Personnalisé » pour saisir une autre adresse`,
        );
      }
    }
    Object.assign(next, endpoints);
  }
  checkEndpointUrl('Lien URL', String(next.apiBaseUrl));
  checkEndpointUrl('URL du jeton', String(next.tokenUrl));
  if (typeof next.proxyUrl === 'string') checkProxyUrl('Proxy', next.proxyUrl);
  const parsed = storedSettingsSchema.safeParse(next);
  if (!parsed.success) {
    throw new AppError('INVALID_INPUT', parsed.error.issues.map((issue) => issue.path.join('.')).join(', '));
  }
  return parsed.data;
}

export function toSettingsView(settings: StoredSettings): SettingsView {
  const { name: _name, ...view } = settings as StoredSettings & { name?: string };
  return view;
}

/** Names that look alike are the same name: composed the same way (NFC), whatever their case. */
const sameName = (a: string, b: string): boolean => a.normalize('NFC').toLocaleLowerCase('fr') === b.normalize('NFC').toLocaleLowerCase('fr');

/** A name as kept: composed (NFC), so that « ë » typed either way is one name. */
function checkAccountName(name: string): string {
  const composed = name.normalize('NFC');
  // Checked on names given now, not in the file's schema: a name an older version kept still opens.
  if (hasLookAlikeCharacter(composed)) throw new AppError('INVALID_INPUT', `Nom du compte : ${lookAlikeRefusal}`);
  if (!accountNameSchema.safeParse(composed).success) {
    throw new AppError('INVALID_INPUT', 'Nom du compte : de 1 à 80 caractères, sans caractère invisible ou de contrôle ni espace au début ou à la fin');
  }
  return composed;
}

/** A name given on the command line, shown back without what could forge a line or a colour. */
const shown = (name: string): string => name.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '?').slice(0, 80);

const accountNamed = (file: SettingsFile, name: string): StoredAccount => {
  const composed = name.normalize('NFC');
  const found = file.accounts.find((account) => account.name === composed);
  if (!found) throw new AppError('INVALID_INPUT', `aucun compte technique ne s'appelle « ${shown(name)} » (comptes : ${file.accounts.map((account) => account.name).join(', ')})`);
  return found;
};

/** Two accounts with the same API host and login would be one Chorus Pro account with two dates. */
function checkDistinctConnection(file: SettingsFile, name: string, settings: StoredSettings): void {
  if (!settings.login) return;
  const host = new URL(settings.apiBaseUrl).host;
  // Compared whatever their case, Windows' way included: its Credential Manager would give both one
  // keychain entry (secrets/credential-key.ts).
  const login = settings.login;
  const twin = file.accounts.find((account) => account.name !== name && account.login !== undefined && sameCredential(account.login, login) && new URL(account.apiBaseUrl).host === host);
  if (twin) {
    throw new AppError('INVALID_INPUT', `Identifiant utilisateur : le compte « ${twin.name} » utilise déjà cet identifiant à cette adresse ; choisissez ce compte plutôt que d'en créer un second`);
  }
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
  ensurePrivateFolder(directory);
  const state = inspectSettingsFile(join(directory, settingsFileName), clock, logger);
  const backend = openBackend(settingsBackendOptions(directory));

  const writeFile = (file: SettingsFile): void => {
    // Whatever builds the value, nothing reaches the file unchecked.
    const checked = settingsFileSchema.safeParse(file);
    if (!checked.success) throw new AppError('INVALID_INPUT', checked.error.issues.map((issue) => issue.path.join('.')).join(', '));
    try {
      backend.store = checked.data;
    } catch {
      throw new AppError('SETTINGS_UNWRITABLE');
    }
  };
  // Reading goes to the file each time, so a change made by the command line shows at once.
  const readFile = (): SettingsFile => settingsFileSchema.parse(backend.store);

  const accounts: AccountsStore = {
    list: () => readFile().accounts,
    selected: () => readFile().selectedAccount,
    select: (name) => {
      const file = readFile();
      writeFile({ ...file, selectedAccount: accountNamed(file, name).name });
    },
    add: (given) => {
      const file = readFile();
      const name = checkAccountName(given);
      const twin = file.accounts.find((account) => sameName(account.name, name));
      if (twin) throw new AppError('INVALID_INPUT', `Nom du compte : « ${twin.name} » existe déjà ; choisissez un autre nom`);
      const account = { name, ...defaultSettings };
      writeFile({ ...file, accounts: [...file.accounts, account] });
      return account;
    },
    rename: (given, newGiven) => {
      const file = readFile();
      const { name } = accountNamed(file, given);
      const newName = checkAccountName(newGiven);
      const twin = file.accounts.find((account) => account.name !== name && sameName(account.name, newName));
      if (twin) throw new AppError('INVALID_INPUT', `Nom du compte : « ${twin.name} » existe déjà ; choisissez un autre nom`);
      writeFile({
        ...file,
        selectedAccount: file.selectedAccount === name ? newName : file.selectedAccount,
        accounts: file.accounts.map((account) => (account.name === name ? { ...account, name: newName } : account)),
      });
    },
    remove: (given) => {
      const file = readFile();
      const removed = accountNamed(file, given);
      const { name } = removed;
      if (file.accounts.length === 1) {
        throw new AppError('INVALID_INPUT', "c'est le seul compte technique : ajoutez-en un autre avant de supprimer celui-ci, ou modifiez-le");
      }
      const remaining = file.accounts.filter((account) => account.name !== name);
      const selectedAccount = file.selectedAccount === name ? (remaining[0]?.name ?? file.selectedAccount) : file.selectedAccount;
      writeFile({ ...file, selectedAccount, accounts: remaining });
      return removed;
    },
    importAccounts: (entries) => writeFile(importedFile(entries)),
    checkImport: (entries) => {
      importedFile(entries);
    },
  };

  /** The settings file with a profile's accounts in it, each checked; not written. */
  function importedFile(entries: readonly ImportedAccount[]): SettingsFile {
    let file = readFile();
    for (const entry of entries) {
      const existing = file.accounts.find((account) => account.name === entry.name);
      if (!existing) {
        checkAccountName(entry.name);
        const twin = file.accounts.find((account) => sameName(account.name, entry.name));
        if (twin) throw new AppError('INVALID_INPUT', `Nom du compte : « ${entry.name} » ne diffère de « ${twin.name} » que par les majuscules ; renommez l'un des deux`);
      }
      const { name: _name, ...current } = existing ?? { name: entry.name, ...defaultSettings };
      let next = applySettingsChange(current, entry.change);
      if (entry.importedPassword) next = withImportedPassword(current, next, entry.importedPassword);
      checkDistinctConnection(file, entry.name, next);
      file = {
        ...file,
        accounts: existing
          ? file.accounts.map((account) => (account.name === entry.name ? { name: entry.name, ...next } : account))
          : [...file.accounts, { name: entry.name, ...next }],
      };
    }
    const trimmed = withoutUnusedFirstAccount(file, entries.map((entry) => entry.name));
    if (trimmed.accounts.length > maxAccounts) {
      throw new AppError('PROFILE_REFUSED', `ce profil porterait ce poste à ${trimmed.accounts.length} comptes techniques, ${maxAccounts} au plus : rien n'a été importé ; supprimez des comptes inutiles ou importez un profil plus petit`);
    }
    return settingsFileSchema.parse(trimmed);
  }

  const scoped = (fixedName: string | undefined): SettingsStore => {
    const nameNow = (file: SettingsFile): string => fixedName ?? file.selectedAccount;
    const read = (): StoredSettings => {
      const { name: _name, ...settings } = accountNamed(readFile(), nameNow(readFile()));
      return settings;
    };
    const write = (settings: StoredSettings): StoredSettings => {
      const file = readFile();
      const name = nameNow(file);
      accountNamed(file, name);
      checkDistinctConnection(file, name, settings);
      writeFile({ ...file, accounts: file.accounts.map((account) => (account.name === name ? { name, ...settings } : account)) });
      return settings;
    };
    return {
      accountName: () => nameNow(readFile()),
      read,
      update: (change) => write(applySettingsChange(read(), change)),
      check: (change) => {
        const next = applySettingsChange(read(), change);
        const file = readFile();
        checkDistinctConnection(file, nameNow(file), next);
        return next;
      },
      applyImport: (change, importedPassword) => {
        const next = applySettingsChange(read(), change);
        return write(importedPassword ? withImportedPassword(read(), next, importedPassword) : next);
      },
      recordPasswordUpdate: (when, verified) => {
        const { chorusPasswordExpiresOn: _previous, chorusPasswordExpiryStructure: _structure, ...rest } = read();
        return write({ ...rest, passwordUpdatedAt: when.toISOString(), passwordVerified: verified });
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
      recordLastCheck: (check) => write({ ...read(), lastCheck: check }),
      markMachineProfileSecrets: (pending) => {
        const { machineProfileSecretsPending: _previous, ...file } = readFile();
        writeFile(pending ? { ...file, machineProfileSecretsPending: true } : file);
      },
      machineProfileSecretsPending: () => readFile().machineProfileSecretsPending === true,
      clientSecretsBoundToRoute: () => readFile().clientSecretsBoundToRoute === true,
      markClientSecretsBoundToRoute: () => writeFile({ ...readFile(), clientSecretsBoundToRoute: true }),
      confirmedHosts: () => readFile().confirmedHosts,
      addConfirmedHosts: (hosts) => {
        const file = readFile();
        const known = file.confirmedHosts ?? [];
        const added = hosts.filter((host, index) => !known.includes(host) && hosts.indexOf(host) === index);
        if (added.length > 0 || file.confirmedHosts === undefined) writeFile({ ...file, confirmedHosts: [...known, ...added] });
      },
      forAccount: (name) => scoped(accountNamed(readFile(), name).name),
      accounts,
      recoveredFrom: state.kind === 'recovered' ? state.keptCopy : undefined,
    };
  };
  return scoped(undefined);
}
