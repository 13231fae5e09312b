import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppInfo, SecretsPresence, SettingsSnapshot } from '../../preload/contract';
import { logFolderName } from '../logging/log-file';
import { dailyCheckHandlers } from './daily-check-handlers';
import { createDailyCheckSchedule, systemSchtasks, type DailyCheckSchedule } from '../schedule/daily-check-schedule';
import type { Logger } from '../logging/logger';
import { describeProfileChanges, parseSingleProfile, readProfile, readProfileData, type DeploymentProfile } from '../profiles/deployment-profile';
import { buildAccountsProfile, describeAccountsProfileChanges, importAccountsProfile, parseAccountsProfile, type AccountsProfile } from '../profiles/accounts-profile';
import { buildProfile, importProfile, importProfileSecrets } from '../profiles/profile-transfer';
import { proxyAccount } from '../chorus/connection-service';
import { keepCaCopy } from '../net/ca-file-copy';
import { confirmedBy, createHostConfirmation, type ConfirmNewHost } from '../hosts/host-confirmation';
import { replacePrivateFile } from '../files/private-replace';
import type { AccountServices } from '../accounts/account-services';
import { assertCanEnterPasswordDay, canEnterPasswordDay, parseCommunicatedDay } from '../credentials/password-date';
import { accountsOf } from '../secrets/settings-accounts';
import { removeAccount } from '../accounts/remove-account';
import { accountList, lastCheckView } from '../accounts/account-summaries';
import type { StoredSettings } from '../settings/settings-schema';
import type { Clock } from '../dates/clock';
import { AppError } from '../failures/errors';
import { storedProxy } from '../net/url-policy';
import { privateFolderMode } from '../files/private-files';
import { passwordReminder } from '../reminder/password-reminder';
import type { Handlers } from '../shell/ipc-dispatcher';
import { secretAccounts, type SecretStore } from '../secrets/secret-store';
import { toSettingsView, type SettingsStore } from '../settings/settings-store';

export interface HandlerDependencies {
  readonly appInfo: AppInfo;
  readonly settings: SettingsStore;
  readonly secrets: SecretStore;
  /** The selected account's services, at the moment of each call. */
  readonly current: () => AccountServices;
  readonly desktop: Desktop;
  readonly userDataDir: string;
  /** The machine-wide profile, whose encrypted secrets the screen may offer to import. */
  readonly machineProfilePath?: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The daily check's task (default: this system's Task Scheduler, for this executable). */
  readonly dailyCheck?: DailyCheckSchedule;
}

/** What only the desktop can do: its dialogs and its file manager (Electron's, or a test's). */
export interface Desktop {
  /** An open-file dialog; undefined when the user cancels it. */
  chooseFile(purpose: 'ca-certificate' | 'profile'): Promise<string | undefined>;
  /** A save-file dialog; undefined when the user cancels it. */
  chooseSaveFile(defaultName: string): Promise<string | undefined>;
  openFolder(path: string): Promise<void>;
  /** A main-process question before the screen's first request to a host never confirmed. */
  confirmNewHost: ConfirmNewHost;
}

/** Which secrets the keychain holds for these settings, or undefined when it cannot be read. */
export async function secretsPresence(settings: StoredSettings, secrets: SecretStore): Promise<SecretsPresence | undefined> {
  const accounts = accountsOf(settings);
  const has = async (account: string | undefined) => account !== undefined && (await secrets.get(account)) !== undefined;
  try {
    const [password, clientSecret, proxyPassword] = await Promise.all([has(accounts.password), has(accounts.clientSecret), has(accounts.proxyPassword)]);
    return { password, passwordVerified: password ? settings.passwordVerified !== false : null, clientSecret, proxyPassword };
  } catch (error) {
    if (error instanceof AppError && error.code === 'KEYCHAIN_UNAVAILABLE') return undefined;
    throw error;
  }
}

/**
 * The settings with what the keychain holds for them: presence only, never a value. The settings
 * alone need no keychain: when it cannot be read, they are still shown, the secrets as unknown.
 */
export async function settingsSnapshot(settings: SettingsStore, secrets: SecretStore, clock: Clock): Promise<SettingsSnapshot> {
  const current = settings.read();
  const presence = await secretsPresence(current, secrets);
  const accounts = accountList(settings, clock);
  return {
    account: { name: settings.accountName() },
    accountCount: accounts.accounts.length,
    accountsRevision: accounts.revision,
    settings: toSettingsView(current),
    secrets: presence ?? { password: null, passwordVerified: null, clientSecret: null, proxyPassword: null },
    reminder: passwordReminder(current, clock()),
    ...(current.lastCheck ? { lastCheck: lastCheckView(current.lastCheck) } : {}),
    passwordDayEditable: canEnterPasswordDay(current, presence?.password ?? null),
    ...(presence ? {} : { keychainUnavailable: true as const }),
    ...(settings.recoveredFrom ? { recoveredFrom: settings.recoveredFrom } : {}),
    ...(settings.machineProfileSecretsPending() ? { machineProfileSecretsPending: true as const } : {}),
  };
}

/** Every channel of the contract, served by the main-process services. */
export function createHandlers({ appInfo, settings, secrets, current, desktop, userDataDir, machineProfilePath, clock, logger, dailyCheck }: HandlerDependencies): Handlers {
  // The profile exactly as the user previewed it: confirming applies these values, never the file
  // read again (it may have changed since), never a path from the page.
  let pendingImport: DeploymentProfile | AccountsProfile | undefined;
  // The account it was previewed against: a profile of one account goes to that one or nowhere.
  let pendingImportAccount: string | undefined;
  const transfer = { settings, secrets, userDataDir, logger };
  const hosts = createHostConfirmation({ confirmedHosts: () => settings.confirmedHosts() ?? [], addConfirmedHosts: (added) => settings.addConfirmedHosts(added) }, desktop.confirmNewHost);
  /** Every request the screen asks for starts here: a host never confirmed is asked about first. */
  const confirmedThen = async <T>(work: () => Promise<T>): Promise<T> => {
    await hosts.ensureConfirmed(settings.read(), settings.accountName());
    return work();
  };

  // The window's network operations under way share one cancellation, so that "Annuler" stops
  // them all: a second call joined to a running test waits for that very run.
  let running: { readonly controller: AbortController; users: number } | undefined;
  const cancellable = async <T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const run = running && !running.controller.signal.aborted ? running : { controller: new AbortController(), users: 0 };
    running = run;
    run.users += 1;
    try {
      return await work(run.controller.signal);
    } finally {
      run.users -= 1;
      if (run.users === 0 && running === run) running = undefined;
    }
  };

  return {
    getAppInfo: () => Promise.resolve(appInfo),
    getSettings: () => settingsSnapshot(settings, secrets, clock),
    listAccounts: () => Promise.resolve(accountList(settings, clock)),
    selectAccount: async ({ name }) => {
      settings.accounts.select(name);
      // Another account on screen: the preview shown was not this one's.
      pendingImport = undefined;
      return settingsSnapshot(settings, secrets, clock);
    },
    addAccount: async ({ name }) => {
      settings.accounts.add(name.trim());
      settings.accounts.select(name.trim());
      logger.info('account.added', {});
      return settingsSnapshot(settings, secrets, clock);
    },
    renameAccount: async ({ name, newName }) => {
      settings.accounts.rename(name, newName.trim());
      return settingsSnapshot(settings, secrets, clock);
    },
    removeAccount: async ({ name }) => {
      await removeAccount(settings, secrets, name, logger);
      return settingsSnapshot(settings, secrets, clock);
    },
    saveSettings: async (change) => {
      settings.update(change);
      return settingsSnapshot(settings, secrets, clock);
    },
    setClientSecret: async ({ secret }) => {
      const current = settings.read();
      if (!current.clientId) throw new AppError('INVALID_INPUT', 'Identifiant client PISTE : à renseigner avant le secret');
      await secrets.set(secretAccounts.clientSecret(current, current.clientId), secret);
      return settingsSnapshot(settings, secrets, clock);
    },
    setProxyPassword: async ({ secret }) => {
      const { proxyUrl } = settings.read();
      const proxy = storedProxy(proxyUrl);
      if (!proxy?.username) throw new AppError('INVALID_INPUT', "Proxy : écrivez d'abord l'adresse avec l'identifiant (http://identifiant@proxy:port)");
      await secrets.set(proxyAccount(proxy), secret);
      return settingsSnapshot(settings, secrets, clock);
    },
    renewPassword: (request) =>
      request.verify ? confirmedThen(() => cancellable((cancel) => current().renewPassword({ ...request, cancel }))) : cancellable((cancel) => current().renewPassword({ ...request, cancel })),
    testConnection: () => confirmedThen(() => cancellable((cancel) => current().connection.testConnection(settings.read(), { cancel }))),
    cancelConnectionOperation: () => {
      const cancelled = running !== undefined && !running.controller.signal.aborted;
      running?.controller.abort();
      return Promise.resolve({ cancelled });
    },
    listStructures: async () => ({
      structures: await confirmedThen(() => cancellable((signal) => current().connection.listStructures(settings.read(), signal))),
    }),
    getStructureDetails: (structureId) => confirmedThen(() => cancellable((signal) => current().connection.structureDetails(settings.read(), structureId, signal))),
    chooseCaCertificate: async () => {
      const path = await desktop.chooseFile('ca-certificate');
      if (path === undefined) return { ...(await settingsSnapshot(settings, secrets, clock)), chosen: false };
      // The private copy is what connections read from now on: never the chosen file again.
      settings.check({ caCertificatePath: path });
      settings.update({ caCertificatePath: await keepCaCopy(path, userDataDir) });
      return { ...(await settingsSnapshot(settings, secrets, clock)), chosen: true };
    },
    setPasswordCommunicatedOn: async ({ day }) => {
      const current = settings.read();
      const passwordStored = (await secretsPresence(current, secrets))?.password ?? null;
      assertCanEnterPasswordDay(current, passwordStored);
      const communicatedOn = parseCommunicatedDay(day, clock());
      // Typed ahead of any password, the date stays provisional (not verified): it can be corrected.
      if (passwordStored === false) settings.recordPasswordUpdate(communicatedOn, false);
      else settings.recordPasswordCommunicatedOn(communicatedOn);
      logger.info('password.date-entered', {});
      return settingsSnapshot(settings, secrets, clock);
    },
    exportProfile: async (options) => {
      // Built (and the keychain read) before the dialog: a refusal comes before choosing a file.
      const profile = options?.allAccounts
        ? await buildAccountsProfile(settings.accounts.list(), secrets, options.passphrase)
        : await buildProfile(settings.read(), secrets, options?.passphrase);
      const file = await desktop.chooseSaveFile(options?.allAccounts ? 'profil-chorus-pro-tous-les-comptes.json' : 'profil-chorus-pro.json');
      if (file === undefined) return { saved: false };
      await replacePrivateFile(file, `${JSON.stringify(profile, null, 2)}\n`);
      const withSecrets = profile.profileVersion === 2 || (profile.profileVersion === 3 && profile.secrets !== undefined);
      logger.info('profile.exported', { withSecrets });
      return { saved: true, file, withSecrets };
    },
    previewProfileImport: async () => {
      pendingImport = undefined;
      const file = await desktop.chooseFile('profile');
      if (file === undefined) return { chosen: false };
      const data = readProfileData(file);
      const profile = typeof data === 'object' && data !== null && 'profileVersion' in data && data.profileVersion === 3 ? parseAccountsProfile(data) : parseSingleProfile(data);
      pendingImport = profile;
      pendingImportAccount = settings.accountName();
      if (profile.profileVersion === 3) {
        return { chosen: true, file, changes: describeAccountsProfileChanges(settings.accounts.list(), profile), withSecrets: profile.secrets !== undefined };
      }
      return { chosen: true, file, changes: describeProfileChanges(settings.read(), profile), withSecrets: profile.profileVersion === 2 };
    },
    importProfile: async (options) => {
      const profile = pendingImport;
      if (profile === undefined) throw new AppError('INVALID_INPUT', 'aucun profil choisi');
      if (profile.profileVersion !== 3 && settings.accountName() !== pendingImportAccount) {
        pendingImport = undefined;
        throw new AppError('INVALID_INPUT', "le compte affiché a changé depuis l'aperçu du profil : rien n'a été importé ; rouvrez le profil pour voir ce qu'il changerait sur ce compte");
      }
      await (profile.profileVersion === 3 ? importAccountsProfile(transfer, profile, options?.passphrase) : importProfile(transfer, profile, options?.passphrase));
      // Kept until it succeeds: a wrong passphrase may be typed again.
      pendingImport = undefined;
      // Chosen in a main-process dialog and previewed whole: its hosts are the user's choice.
      const importedAccounts = profile.profileVersion === 3 ? settings.accounts.list().filter((account) => profile.accounts.some((imported) => imported.name === account.name)) : [settings.read()];
      settings.addConfirmedHosts(confirmedBy(importedAccounts));
      logger.info('profile.imported', {});
      return settingsSnapshot(settings, secrets, clock);
    },
    importMachineProfileSecrets: async ({ passphrase }) => {
      if (!settings.machineProfileSecretsPending() || machineProfilePath === undefined) {
        throw new AppError('INVALID_INPUT', "aucun profil de poste n'attend ses mots de passe");
      }
      await importProfileSecrets(transfer, readProfile(machineProfilePath), passphrase);
      return settingsSnapshot(settings, secrets, clock);
    },
    dismissMachineProfileSecrets: async () => {
      settings.markMachineProfileSecrets(false);
      logger.info('profile.machine-secrets-dismissed', {});
      return settingsSnapshot(settings, secrets, clock);
    },
    openLogFolder: async () => {
      const folder = join(userDataDir, logFolderName);
      await mkdir(folder, { recursive: true, mode: privateFolderMode });
      await desktop.openFolder(folder);
      return { folder };
    },
    ...dailyCheckHandlers(dailyCheck ?? createDailyCheckSchedule({ platform: process.platform, run: systemSchtasks, clock, executable: process.execPath })),
  };
}
