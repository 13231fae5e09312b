import type { AccountServices } from '../accounts/account-services';
import { createHostConfirmation } from '../hosts/host-confirmation';
import type { HandlerDependencies } from './channel-handlers';

/** What every network request of the screen goes through: the new-host question, and « Annuler ». */
export interface NetworkOperations {
  /** The account's hosts confirmed (asked about when new), then `work`: both on that one account. */
  readonly confirmedThen: <T>(account: Pick<AccountServices, 'settings'>, work: () => Promise<T>) => Promise<T>;
  /** Runs `work` with the signal « Annuler » aborts, shared by every operation under way. */
  readonly cancellable: <T>(work: (signal: AbortSignal) => Promise<T>) => Promise<T>;
  /** Stops what runs; whether anything was running to stop. */
  readonly cancel: () => boolean;
}

/**
 * How every request the screen asks of the network runs: a host never confirmed is asked about
 * first, and the operations under way share one cancellation, so that "Annuler" stops them all
 * (a second call joined to a running test waits for that very run).
 */
export function createNetworkOperations({
  workstation,
  desktop,
}: Pick<HandlerDependencies, 'workstation' | 'desktop'>): NetworkOperations {
  const hosts = createHostConfirmation(
    {
      confirmedHosts: () => workstation.confirmedHosts() ?? [],
      addConfirmedHosts: (added) => workstation.addConfirmedHosts(added),
    },
    desktop.confirmNewHost,
  );
  const confirmedThen = async <T>(
    { settings }: Pick<AccountServices, 'settings'>,
    work: () => Promise<T>,
  ): Promise<T> => {
    await hosts.ensureConfirmed(settings.read(), settings.accountName());
    return work();
  };

  let running: { readonly controller: AbortController; users: number } | undefined;
  const cancellable = async <T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const run =
      running && !running.controller.signal.aborted ? running : { controller: new AbortController(), users: 0 };
    running = run;
    run.users += 1;
    try {
      return await work(run.controller.signal);
    } finally {
      run.users -= 1;
      if (run.users === 0 && running === run) running = undefined;
    }
  };
  const cancel = (): boolean => {
    const cancelled = running !== undefined && !running.controller.signal.aborted;
    running?.controller.abort();
    return cancelled;
  };
  return { confirmedThen, cancellable, cancel };
}
