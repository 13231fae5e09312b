// « Test de connexion », « Structures définies dans Chorus Pro », « Saisir un nouveau mot de passe ».
import type { HandlerDependencies, Handlers } from './channel-handlers';
import type { NetworkOperations } from './network-operations';

type ConnectionChannels =
  | 'testConnection'
  | 'waitForPasswordExpiry'
  | 'cancelConnectionOperation'
  | 'listStructures'
  | 'getStructureDetails'
  | 'renewPassword';

// Each call resolves the shown account once: the host confirmed, the settings read and the
// connection used are that one account's, whatever the command line selects meanwhile.
export function connectionHandlers(
  { shownAccount }: HandlerDependencies,
  { confirmedThen, cancellable, cancel }: NetworkOperations,
): Pick<Handlers, ConnectionChannels> {
  return {
    renewPassword: (request) => {
      const account = shownAccount();
      const renew = () => cancellable((cancel) => account.renewPassword({ ...request, cancel }));
      return request.verify ? confirmedThen(account, renew) : renew();
    },
    // The success message at the verdict; the expiry follows (waitForPasswordExpiry).
    testConnection: () => {
      const account = shownAccount();
      return confirmedThen(account, () =>
        cancellable((cancel) =>
          account.connection.testConnection(account.settings.read(), { cancel, expiry: 'after-verdict' }),
        ),
      );
    },
    waitForPasswordExpiry: async () => {
      await shownAccount().connection.passwordExpiryRead();
      return { read: true as const };
    },
    cancelConnectionOperation: () => Promise.resolve({ cancelled: cancel() }),
    listStructures: async () => {
      const account = shownAccount();
      return {
        structures: await confirmedThen(account, () =>
          cancellable((signal) => account.connection.listStructures(account.settings.read(), signal)),
        ),
      };
    },
    getStructureDetails: (structureId) => {
      const account = shownAccount();
      return confirmedThen(account, () =>
        cancellable((signal) => account.connection.structureDetails(account.settings.read(), structureId, signal)),
      );
    },
  };
}
