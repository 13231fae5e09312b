// The selected account's settings: autosaved fields, the secrets typed apart, the CA chosen in a
// main-process dialog, the date Chorus Pro communicated the password on.
import { settingsSnapshot, secretsPresence } from '../accounts/settings-snapshot';
import { proxyAccount } from '../secrets/secret-store';
import { assertCanEnterPasswordDay, parseCommunicatedDay } from '../credentials/password-date';
import { AppError } from '../failures/errors';
import { keepCaCopy } from '../net/ca-file-copy';
import { storedProxy } from '../net/url-policy';
import { secretAccounts } from '../secrets/secret-store';
import type { HandlerDependencies, Handlers } from './channel-handlers';

type SettingsChannels = 'getSettings' | 'saveSettings' | 'setClientSecret' | 'setProxyPassword' | 'chooseCaCertificate' | 'setPasswordCommunicatedOn';

export function settingsHandlers({ settings, secrets, desktop, userDataDir, clock, logger }: HandlerDependencies): Pick<Handlers, SettingsChannels> {
  return {
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
      logger.info('password.date-entered', { account: settings.accountName() });
      return settingsSnapshot(settings, secrets, clock);
    },
  };
}
