// The command line and the daily check cannot ask « Autoriser ? »: a host nobody confirmed on this
// workstation — a machine profile's proxy or custom address — is refused before anything is sent,
// naming it and the command that confirms it. Hosts typed in the very command are confirmed by it.
import { AppError } from '../failures/errors';
import { hostsOf, unconfirmedHosts } from '../hosts/host-confirmation';
import type { AccountServices } from '../accounts/account-services';
import type { StoredSettings } from '../settings/settings-schema';
import type { WorkstationStore } from '../settings/workstation-store';
import { accountOptionText } from './account-choice';
import { text, type Options } from './options';

/** The hosts given as options of this command (--url, --token-url, --proxy). */
function typedHosts(options: Options): string[] {
  return hostsOf({
    apiBaseUrl: text(options, 'url') ?? '',
    tokenUrl: text(options, 'token-url') ?? '',
    proxyUrl: text(options, 'proxy'),
  }).map(({ host }) => host);
}

export function refuseUnconfirmedHosts(
  workstation: WorkstationStore,
  { name }: Pick<AccountServices, 'name'>,
  settings: StoredSettings,
  options: Options = {},
): void {
  const [missing] = unconfirmedHosts(settings, [...(workstation.confirmedHosts() ?? []), ...typedHosts(options)]);
  if (!missing) return;
  const account = workstation.accounts.list().length > 1 ? ` ${accountOptionText(name)}` : '';
  const option =
    missing.role === 'Proxy'
      ? `--proxy ${settings.proxyUrl ?? ''}`
      : missing.role === 'URL du jeton'
        ? `--token-url ${settings.tokenUrl}`
        : `--url ${settings.apiBaseUrl}`;
  throw new AppError('HOST_NOT_CONFIRMED', `${missing.role} ${missing.host} : configure${account} ${option}`);
}
