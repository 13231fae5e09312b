import type { NewHost } from '../../main/hosts/host-confirmation';
import { randomUUID } from 'node:crypto';
import type { ChannelArgs } from '../../preload/contract';
import type { ChannelName } from '../../common/bridge';
import { createHttpTransport } from '../../main/chorus/http-transport';
import { createLogger, type LogLine } from '../../main/logging/logger';
import { clearKeychainService, createKeytarSecretStore } from '../../main/secrets/keytar-secret-store';
import type { SecretStore } from '../../main/secrets/secret-store';
import { policyFileReader } from '../../main/destinations/policy-source';
import { createMainProcess, type MainDependencies } from '../../main/ipc/main-process';
import type { Desktop } from '../../main/ipc/channel-handlers';
import { fixedClock, openConfBackend, openTestSettings } from './settings-fixture';
import { tempDir } from './temp-dirs';

const appOrigin = 'app://chorus';
const appWindow = { frameUrl: `${appOrigin}/index.html`, isMainFrame: true, isAppWindow: true };

export interface MainProcessFixture {
  readonly userDataDir: string;
  readonly secrets: SecretStore;
  readonly logLines: LogLine[];
  /** What the next open-file dialog answers (undefined: the user cancels it). */
  chosenFiles: (string | undefined)[];
  /** What the next "new host" questions answer (none left: the user refuses). */
  newHostAnswers: boolean[];
  /** The "new host" questions asked, in order. */
  readonly askedHosts: NewHost[];
  /** What the main process put on the clipboard, in order. */
  readonly clipboard: string[];
  /** A bridge call as the app's own page makes it. */
  call<Name extends ChannelName>(name: Name, ...args: ChannelArgs<Name>): Promise<Record<string, unknown>>;
  /** The settings file as a fresh reader sees it. */
  storedSettings(): ReturnType<ReturnType<typeof openTestSettings>['store']['read']>;
  dispose(): Promise<void>;
}

/** The real main process (settings file, keychain, HTTP) behind the real dispatcher. */
/**
 * `options`: what a test changes of the main process's dependencies, and the machine policy's file
 * (none by default, whatever the host has); a string is that file alone.
 */
export function openMainProcess(
  userDataDir: string = tempDir('chorus-main-'),
  options: (Partial<MainDependencies> & { readonly machinePolicyFile?: string }) | string = {},
): MainProcessFixture {
  const { machinePolicyFile, ...more } = typeof options === 'string' ? { machinePolicyFile: options } : options;
  const keychainService = `Chorus Pro Echanges (test ${randomUUID()})`;
  const secrets = createKeytarSecretStore(keychainService);
  const logLines: LogLine[] = [];
  const fixture: MainProcessFixture = {
    userDataDir,
    secrets,
    logLines,
    chosenFiles: [],
    newHostAnswers: [],
    askedHosts: [],
    clipboard: [],
    call: async (name, ...args) => (await dispatch(name, appWindow, args)) as unknown as Record<string, unknown>,
    storedSettings: () => openTestSettings(userDataDir).store.read(),
    dispose: () => clearKeychainService(keychainService),
  };
  const desktop: Desktop = {
    chooseFile: () => Promise.resolve(fixture.chosenFiles.shift()),
    chooseSaveFile: () => Promise.resolve(undefined),
    openFolder: () => Promise.resolve(),
    confirmNewHost: (request) => {
      fixture.askedHosts.push(request);
      return Promise.resolve(fixture.newHostAnswers.shift() ?? false);
    },
    copySecret: (text) => {
      fixture.clipboard.push(text);
      return Promise.resolve();
    },
  };
  const { dispatch } = createMainProcess({
    userDataDir,
    openSettingsBackend: openConfBackend,
    secrets,
    send: createHttpTransport(),
    clock: fixedClock('2026-11-27T09:30:00Z'),
    logger: createLogger((line) => logLines.push(line)),
    appInfo: { name: 'Chorus Pro Echanges', version: '0.0.0-test', userDataDir },
    desktop,
    appOrigin,
    machinePolicy: policyFileReader(machinePolicyFile ?? '/nonexistent/chorus-pro-echanges-policy.json'),
    ...more,
  });
  return fixture;
}
