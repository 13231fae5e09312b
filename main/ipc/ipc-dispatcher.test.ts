import { describe, expect, it } from 'vitest';
import type { SettingsSnapshot } from '../../common/accounts';
import { AppError } from '../failures/errors';
import type { Handlers } from './channel-handlers';
import { createDispatcher, type SenderFacts } from './ipc-dispatcher';
import { createLogger, type LogLine } from '../logging/logger';

const appOrigin = 'app://chorus';
const appWindow: SenderFacts = { frameUrl: 'app://chorus/index.html', isMainFrame: true, isAppWindow: true };
const snapshot: SettingsSnapshot = {
  account: { name: 'Compte principal' },
  accountCount: 1,
  accountsRevision: 'un-compte',
  settings: {
    environment: 'production',
    apiBaseUrl: 'https://api.piste.gouv.fr',
    tokenUrl: 'https://oauth.piste.gouv.fr/api/oauth/token',
    alertDelayMonths: 12,
    timeoutSeconds: 30,
  },
  secrets: { password: false, passwordVerified: null, clientSecret: false, proxyPassword: false },
  reminder: { known: false, due: false },
  passwordDayEditable: true,
};

const notInThisTest = (): Promise<never> => Promise.reject(new Error('channel not used in this test'));

function setUp(overrides: Partial<Handlers> = {}) {
  const calls: string[] = [];
  const lines: LogLine[] = [];
  const handlers: Handlers = {
    getAppInfo: async () => {
      calls.push('getAppInfo');
      return { name: 'Chorus Pro Echanges', version: '1.2.3', userDataDir: '/profil' };
    },
    getSettings: async () => snapshot,
    listAccounts: notInThisTest,
    saveSettings: async (change) => {
      calls.push(`saveSettings:${JSON.stringify(change)}`);
      return snapshot;
    },
    setClientSecret: notInThisTest,
    setProxyPassword: notInThisTest,
    renewPassword: notInThisTest,
    testConnection: notInThisTest,
    waitForPasswordExpiry: notInThisTest,
    cancelConnectionOperation: notInThisTest,
    listStructures: notInThisTest,
    getStructureDetails: notInThisTest,
    chooseCaCertificate: notInThisTest,
    setPasswordCommunicatedOn: notInThisTest,
    selectAccount: notInThisTest,
    addAccount: notInThisTest,
    renameAccount: notInThisTest,
    removeAccount: notInThisTest,
    exportProfile: notInThisTest,
    importMachineProfileSecrets: notInThisTest,
    dismissMachineProfileSecrets: notInThisTest,
    previewProfileImport: notInThisTest,
    importProfile: notInThisTest,
    openLogFolder: notInThisTest,
    getDailyCheck: notInThisTest,
    setDailyCheck: notInThisTest,
    getFleetView: notInThisTest,
    getFleetParks: notInThisTest,
    getExchange: notInThisTest,
    addManualDestination: notInThisTest,
    confirmManualDestination: notInThisTest,
    removeManualDestination: notInThisTest,
    copyPasswordForDestination: notInThisTest,
    pushExchange: notInThisTest,
    setAllowPrograms: notInThisTest,
    ...overrides,
  };
  const dispatch = createDispatcher(
    handlers,
    appOrigin,
    createLogger((line) => lines.push(line)),
  );
  return { dispatch, calls, lines };
}

describe('the bridge dispatcher', () => {
  it('runs the handler for a trusted sender and wraps its payload as a success', async () => {
    const { dispatch } = setUp();
    await expect(dispatch('getAppInfo', appWindow, [])).resolves.toEqual({
      ok: true,
      name: 'Chorus Pro Echanges',
      version: '1.2.3',
      userDataDir: '/profil',
    });
  });

  it.each([
    ['another origin', { ...appWindow, frameUrl: 'https://evil.example/index.html' }],
    ['a sub-frame of the app', { ...appWindow, isMainFrame: false }],
    ['another window', { ...appWindow, isAppWindow: false }],
    ['a frame without a URL', { ...appWindow, frameUrl: '' }],
    ['a look-alike origin', { ...appWindow, frameUrl: 'app://chorus.evil/index.html' }],
  ])('refuses %s without running anything', async (_case, sender) => {
    const { dispatch, calls } = setUp();
    await expect(dispatch('getAppInfo', sender, [])).resolves.toMatchObject({ ok: false, code: 'UNTRUSTED_SENDER' });
    expect(calls).toEqual([]);
  });

  it('refuses a channel the contract does not declare, including inherited names', async () => {
    const { dispatch } = setUp();
    for (const channel of ['deleteEverything', 'constructor', '__proto__', 42]) {
      await expect(dispatch(channel, appWindow, [])).resolves.toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    }
  });

  it('validates arguments before the handler sees them', async () => {
    const { dispatch, calls } = setUp();
    await expect(dispatch('saveSettings', appWindow, [{ timeoutSeconds: 4 }])).resolves.toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
    await expect(dispatch('saveSettings', appWindow, 'not an array')).resolves.toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
    await expect(dispatch('saveSettings', appWindow, [{ login: '  TECH_1@cpro.fr ' }])).resolves.toMatchObject({
      ok: true,
    });
    expect(calls).toEqual(['saveSettings:{"login":"TECH_1@cpro.fr"}']);
  });

  it('turns an unexpected error into a sanitized failure: no stack, no secret, in the answer or the log', async () => {
    const secret = 'Canary-Secret-4242';
    const { dispatch, lines } = setUp({
      getAppInfo: async () => {
        throw new Error(`connect failed with cpro-account ${secret}`);
      },
    });
    const answer = await dispatch('getAppInfo', appWindow, []);
    expect(answer).toMatchObject({ ok: false, code: 'INTERNAL_ERROR' });
    expect(JSON.stringify(answer)).not.toContain(secret);
    expect(JSON.stringify(answer)).not.toMatch(/\bat \S+ \(/);
    expect(JSON.stringify(lines)).not.toContain(secret);
    expect(lines).toContainEqual({
      level: 'error',
      event: 'ipc.failed',
      fields: { channel: 'getAppInfo', code: 'INTERNAL_ERROR', error: 'Error' },
    });
  });

  it('passes a known failure on with its French message', async () => {
    const { dispatch } = setUp({
      getSettings: async () => {
        throw new AppError('KEYCHAIN_UNAVAILABLE');
      },
    });
    const answer = await dispatch('getSettings', appWindow, []);
    expect(answer).toMatchObject({ ok: false, code: 'KEYCHAIN_UNAVAILABLE' });
    expect(answer).toHaveProperty('message', expect.stringContaining('coffre-fort'));
  });
});
