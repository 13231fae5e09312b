import { AppError } from '../failures/errors';
import { isLoopbackHost, storedProxy } from '../net/url-policy';
import { knownEnvironments } from '../settings/environments';
import type { StoredSettings } from '../settings/settings-schema';
import { printable } from '../text/printable';

/** One host the app is about to send something to for the first time, as the dialog names it. */
export interface NewHost {
  readonly host: string;
  readonly role: 'Lien URL' | 'URL du jeton' | 'Proxy';
  readonly account: string;
}

/** Asks the person at the screen, in a main-process dialog the page cannot draw or answer. */
export type ConfirmNewHost = (request: NewHost) => Promise<boolean>;

/** Where the hosts the user confirmed are kept (the settings file, out of the page's reach). */
export interface ConfirmedHostsStore {
  confirmedHosts(): readonly string[];
  addConfirmedHosts(hosts: readonly string[]): void;
}

const hostKey = (url: URL): string => url.host.toLowerCase();

const knownHosts: ReadonlySet<string> = new Set(
  Object.values(knownEnvironments).flatMap(({ apiBaseUrl, tokenUrl }) => [
    hostKey(new URL(apiBaseUrl)),
    hostKey(new URL(tokenUrl)),
  ]),
);

/** The hosts these settings send to, the explicit proxy included; loopback (the simulator) apart. */
export function hostsOf(
  settings: Pick<StoredSettings, 'apiBaseUrl' | 'tokenUrl' | 'proxyUrl'>,
): { readonly host: string; readonly role: NewHost['role'] }[] {
  const urls: [URL | undefined, NewHost['role']][] = [
    [parsed(settings.apiBaseUrl), 'Lien URL'],
    [parsed(settings.tokenUrl), 'URL du jeton'],
    [storedProxy(settings.proxyUrl), 'Proxy'],
  ];
  return urls.flatMap(([url, role]) => (url && !isLoopbackHost(url.hostname) ? [{ host: hostKey(url), role }] : []));
}

function parsed(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** The hosts of these settings nobody confirmed: neither PISTE's, nor loopback, nor in `confirmed`. */
export function unconfirmedHosts(
  settings: Pick<StoredSettings, 'apiBaseUrl' | 'tokenUrl' | 'proxyUrl'>,
  confirmed: readonly string[],
): { readonly host: string; readonly role: NewHost['role'] }[] {
  return hostsOf(settings).filter(({ host }) => !knownHosts.has(host) && !confirmed.includes(host));
}

/** Makes sure nothing is sent to a host the user never confirmed. */
export interface HostConfirmation {
  /**
   * Asks the user about every host of these settings not yet confirmed, remembering each "yes";
   * the first "no" refuses the request (CANCELLED) before anything is sent.
   */
  readonly ensureConfirmed: (settings: StoredSettings, account: string) => Promise<void>;
}

/**
 * A page script could set a custom address and a "secret", then ask for a test: the main process
 * would carry what the page read to a host of its choosing, past the page's CSP. So the first
 * request the screen asks for, to a host that is neither PISTE's nor one the user confirmed (in
 * this dialog, on the command line, or by importing a profile after its preview), waits for the
 * user's answer in a main-process dialog; "no" sends nothing (CANCELLED).
 */
export function createHostConfirmation(store: ConfirmedHostsStore, confirmNewHost: ConfirmNewHost): HostConfirmation {
  return {
    async ensureConfirmed(settings: StoredSettings, account: string): Promise<void> {
      for (const { host, role } of unconfirmedHosts(settings, store.confirmedHosts())) {
        if (store.confirmedHosts().includes(host)) continue;
        if (!(await confirmNewHost({ host: printable(host), role, account }))) {
          throw new AppError('CANCELLED', `adresse ${printable(host)} non confirmée : rien n'y a été envoyé`);
        }
        store.addConfirmedHosts([host]);
      }
    },
  };
}

/** The hosts of settings the user set outside the page (command line, a previewed profile). */
export const confirmedBy = (
  settings: readonly Pick<StoredSettings, 'apiBaseUrl' | 'tokenUrl' | 'proxyUrl'>[],
): string[] =>
  settings.flatMap((account) => hostsOf(account).flatMap(({ host }) => (knownHosts.has(host) ? [] : [host])));
