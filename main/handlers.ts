import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppInfo, SettingsSnapshot } from '../preload/contract';
import { logFolderName } from './logging/log-file';
import type { Logger } from './logger';
import { applyProfile, describeProfileChanges, exportProfile, readProfile, type DeploymentProfile } from './profiles/deployment-profile';
import { proxyAccount, readCaCertificate, type ConnectionService } from './chorus/connection-service';
import type { RenewalRequest } from './credentials/password-renewal';
import type { PasswordRenewal } from '../preload/contract';
import type { Clock } from './clock';
import { AppError } from './errors';
import { storedProxy } from './net/url-policy';
import { privateFolderMode } from './private-files';
import { passwordReminder } from './reminder/password-reminder';
import type { Handlers } from './ipc-dispatcher';
import { secretAccounts, type SecretStore } from './secrets/secret-store';
import { toSettingsView, type SettingsStore } from './settings/settings-store';

export interface HandlerDependencies {
  readonly appInfo: AppInfo;
  readonly settings: SettingsStore;
  readonly secrets: SecretStore;
  readonly connection: ConnectionService;
  readonly renewPassword: (request: RenewalRequest) => Promise<PasswordRenewal>;
  readonly desktop: Desktop;
  readonly userDataDir: string;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** What only the desktop can do: its dialogs and its file manager (Electron's, or a test's). */
export interface Desktop {
  /** An open-file dialog; undefined when the user cancels it. */
  chooseFile(purpose: 'ca-certificate' | 'profile'): Promise<string | undefined>;
  /** A save-file dialog; undefined when the user cancels it. */
  chooseSaveFile(defaultName: string): Promise<string | undefined>;
  openFolder(path: string): Promise<void>;
}

/** The settings with what the keychain holds for them: presence only, never a value. */
export async function settingsSnapshot(settings: SettingsStore, secrets: SecretStore, clock: Clock): Promise<SettingsSnapshot> {
  const current = settings.read();
  const { login, clientId } = current;
  const proxy = storedProxy(current.proxyUrl);
  const [password, clientSecret, proxyPassword] = await Promise.all([
    login ? secrets.get(secretAccounts.technicalPassword(current.apiBaseUrl, login)) : undefined,
    clientId ? secrets.get(secretAccounts.clientSecret(current, clientId)) : undefined,
    proxy?.username ? secrets.get(proxyAccount(proxy)) : undefined,
  ]);
  return {
    settings: toSettingsView(current),
    secrets: { password: password !== undefined, clientSecret: clientSecret !== undefined, proxyPassword: proxyPassword !== undefined },
    reminder: passwordReminder(current, clock()),
    ...(settings.recoveredFrom ? { recoveredFrom: settings.recoveredFrom } : {}),
  };
}

/** Every channel of the contract, served by the main-process services. */
export function createHandlers({ appInfo, settings, secrets, connection, renewPassword, desktop, userDataDir, clock, logger }: HandlerDependencies): Handlers {
  // The profile exactly as the user previewed it: confirming applies these values, never the file
  // read again (it may have changed since), never a path from the page.
  let pendingImport: DeploymentProfile | undefined;

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
    renewPassword: (request) => cancellable((cancel) => renewPassword({ ...request, cancel })),
    testConnection: () => cancellable((cancel) => connection.testConnection(settings.read(), { cancel })),
    cancelConnectionOperation: () => {
      const cancelled = running !== undefined && !running.controller.signal.aborted;
      running?.controller.abort();
      return Promise.resolve({ cancelled });
    },
    listStructures: async () => ({
      structures: await cancellable((signal) => connection.listStructures(settings.read(), signal)),
    }),
    getStructureDetails: (structureId) => cancellable((signal) => connection.structureDetails(settings.read(), structureId, signal)),
    chooseCaCertificate: async () => {
      const path = await desktop.chooseFile('ca-certificate');
      if (path === undefined) return { ...(await settingsSnapshot(settings, secrets, clock)), chosen: false };
      await readCaCertificate(path);
      settings.update({ caCertificatePath: path });
      return { ...(await settingsSnapshot(settings, secrets, clock)), chosen: true };
    },
    exportProfile: async () => {
      const file = await desktop.chooseSaveFile('profil-chorus-pro.json');
      if (file === undefined) return { saved: false };
      await writeFile(file, `${JSON.stringify(exportProfile(settings.read()), null, 2)}\n`);
      logger.info('profile.exported', {});
      return { saved: true, file };
    },
    previewProfileImport: async () => {
      pendingImport = undefined;
      const file = await desktop.chooseFile('profile');
      if (file === undefined) return { chosen: false };
      const profile = readProfile(file);
      pendingImport = profile;
      return { chosen: true, file, changes: describeProfileChanges(settings.read(), profile) };
    },
    importProfile: async () => {
      const profile = pendingImport;
      pendingImport = undefined;
      if (profile === undefined) throw new AppError('INVALID_INPUT', 'aucun profil choisi');
      applyProfile(settings, profile, userDataDir);
      logger.info('profile.imported', {});
      return settingsSnapshot(settings, secrets, clock);
    },
    openLogFolder: async () => {
      const folder = join(userDataDir, logFolderName);
      await mkdir(folder, { recursive: true, mode: privateFolderMode });
      await desktop.openFolder(folder);
      return { folder };
    },
  };
}
