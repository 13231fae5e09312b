// « Test de connexion », « Structures définies dans Chorus Pro », « Saisir un nouveau mot de passe ».
import type { HandlerDependencies, Handlers } from './channel-handlers';
import type { NetworkOperations } from './network-operations';

type ConnectionChannels = 'testConnection' | 'waitForPasswordExpiry' | 'cancelConnectionOperation' | 'listStructures' | 'getStructureDetails' | 'renewPassword';

export function connectionHandlers({ settings, current }: HandlerDependencies, { confirmedThen, cancellable, cancel }: NetworkOperations): Pick<Handlers, ConnectionChannels> {
  return {
    renewPassword: (request) =>
      request.verify ? confirmedThen(() => cancellable((cancel) => current().renewPassword({ ...request, cancel }))) : cancellable((cancel) => current().renewPassword({ ...request, cancel })),
    // The success message at the verdict; the expiry follows (waitForPasswordExpiry).
    testConnection: () => confirmedThen(() => cancellable((cancel) => current().connection.testConnection(settings.read(), { cancel, expiry: 'after-verdict' }))),
    waitForPasswordExpiry: async () => {
      await current().connection.passwordExpiryRead();
      return { read: true as const };
    },
    cancelConnectionOperation: () => Promise.resolve({ cancelled: cancel() }),
    listStructures: async () => ({
      structures: await confirmedThen(() => cancellable((signal) => current().connection.listStructures(settings.read(), signal))),
    }),
    getStructureDetails: (structureId) => confirmedThen(() => cancellable((signal) => current().connection.structureDetails(settings.read(), structureId, signal))),
  };
}
