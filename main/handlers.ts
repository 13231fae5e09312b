import type { AppInfo, SettingsSnapshot } from '../preload/contract';
import type { Handlers } from './ipc-dispatcher';
import { secretAccounts, type SecretStore } from './secrets/secret-store';
import { toSettingsView, type SettingsStore } from './settings/settings-store';

export interface HandlerDependencies {
  readonly appInfo: AppInfo;
  readonly settings: SettingsStore;
  readonly secrets: SecretStore;
}

async function snapshot({ settings, secrets }: HandlerDependencies): Promise<SettingsSnapshot> {
  const current = settings.read();
  const { login, clientId } = current;
  const [password, clientSecret] = await Promise.all([
    login ? secrets.get(secretAccounts.technicalPassword(current.apiBaseUrl, login)) : undefined,
    clientId ? secrets.get(secretAccounts.clientSecret(current.tokenUrl, clientId)) : undefined,
  ]);
  return {
    settings: toSettingsView(current),
    secrets: { password: password !== undefined, clientSecret: clientSecret !== undefined },
    ...(settings.recoveredFrom ? { recoveredFrom: settings.recoveredFrom } : {}),
  };
}

/** Every channel of the contract, served by the main-process services. */
export function createHandlers(dependencies: HandlerDependencies): Handlers {
  return {
    getAppInfo: () => Promise.resolve(dependencies.appInfo),
    getSettings: () => snapshot(dependencies),
    saveSettings: async (change) => {
      dependencies.settings.update(change);
      return snapshot(dependencies);
    },
  };
}
