// The shown account's settings: autosaved fields, the secrets typed apart, the CA chosen in a
// main-process dialog, the date Chorus Pro communicated the password on.
import { settingsSnapshot, secretsPresence } from '../accounts/settings-snapshot';
import { saveAccountSecret, type MissingFirst } from '../credentials/account-secrets';
import { assertCanEnterPasswordDay, parseCommunicatedDay } from '../credentials/password-date';
import { AppError } from '../failures/errors';
import { keepCaCopy } from '../net/ca-file-copy';
import type { SettingsStore } from '../settings/settings-store';
import type { HandlerDependencies, Handlers } from './channel-handlers';

type SettingsChannels =
  | 'getSettings'
  | 'saveSettings'
  | 'setClientSecret'
  | 'setProxyPassword'
  | 'chooseCaCertificate'
  | 'setPasswordCommunicatedOn';

/** What the screen says when a secret comes before what it belongs to. */
const missingFirst = (missing: MissingFirst): AppError =>
  missing === 'clientId'
    ? new AppError('INVALID_INPUT', 'Identifiant client PISTE : à renseigner avant le secret')
    : new AppError(
        'INVALID_INPUT',
        "Proxy : écrivez d'abord l'adresse avec l'identifiant (http://identifiant@proxy:port)",
      );

export function settingsHandlers({
  workstation,
  shownAccount,
  secrets,
  desktop,
  userDataDir,
  clock,
  logger,
}: HandlerDependencies): Pick<Handlers, SettingsChannels> {
  const snapshot = (settings: SettingsStore) => settingsSnapshot(workstation, settings, secrets, clock);
  return {
    getSettings: () => snapshot(shownAccount().settings),
    saveSettings: async (change) => {
      const { settings } = shownAccount();
      settings.update(change);
      return snapshot(settings);
    },
    setClientSecret: async ({ secret }) => {
      const { settings } = shownAccount();
      await saveAccountSecret(settings, secrets, 'clientSecret', () => Promise.resolve(secret), missingFirst);
      return snapshot(settings);
    },
    setProxyPassword: async ({ secret }) => {
      const { settings } = shownAccount();
      await saveAccountSecret(settings, secrets, 'proxyPassword', () => Promise.resolve(secret), missingFirst);
      return snapshot(settings);
    },
    chooseCaCertificate: async () => {
      const { settings } = shownAccount();
      const path = await desktop.chooseFile('ca-certificate');
      if (path === undefined) return { ...(await snapshot(settings)), chosen: false };
      // The private copy is what connections read from now on: never the chosen file again.
      settings.check({ caCertificatePath: path });
      settings.update({ caCertificatePath: await keepCaCopy(path, userDataDir) });
      return { ...(await snapshot(settings)), chosen: true };
    },
    setPasswordCommunicatedOn: async ({ day }) => {
      const { settings } = shownAccount();
      const current = settings.read();
      const passwordStored = (await secretsPresence(current, secrets))?.password ?? null;
      assertCanEnterPasswordDay(current, passwordStored);
      const communicatedOn = parseCommunicatedDay(day, clock());
      // Typed ahead of any password, the date stays provisional (not verified): it can be corrected.
      if (passwordStored === false) settings.recordPasswordUpdate(communicatedOn, false);
      else settings.recordPasswordCommunicatedOn(communicatedOn);
      logger.info('password.date-entered', { account: settings.accountName() });
      return snapshot(settings);
    },
  };
}
