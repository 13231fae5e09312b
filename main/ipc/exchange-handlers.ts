// The copies of the selected account's password (the exchange software): the checklist with
// « Copier le mot de passe » and « Fait », the machine destinations' results and their retry, and
// « Autoriser les scripts de ce poste à utiliser ce compte ».
import type { HandlerDependencies, Handlers } from './channel-handlers';

type ExchangeChannels =
  | 'getExchange'
  | 'addManualDestination'
  | 'confirmManualDestination'
  | 'removeManualDestination'
  | 'copyPasswordForDestination'
  | 'pushExchange'
  | 'setAllowPrograms';

export function exchangeHandlers({ shownAccount, desktop }: HandlerDependencies): Pick<Handlers, ExchangeChannels> {
  const exchange = () => shownAccount().exchange;
  return {
    getExchange: () => exchange().view(),
    addManualDestination: ({ name }) => exchange().addManual(name),
    confirmManualDestination: ({ name }) => exchange().confirmManual(name),
    removeManualDestination: ({ name }) => exchange().removeManual(name),
    copyPasswordForDestination: async ({ name }) => {
      // Read and written here, in the main process: the password never crosses the bridge.
      await desktop.copySecret(await exchange().passwordForCopy(name));
      return { copied: true as const };
    },
    pushExchange: () => exchange().retry(),
    setAllowPrograms: ({ allowed }) => exchange().setAllowPrograms(allowed),
  };
}
