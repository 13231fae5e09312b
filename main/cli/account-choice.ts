import { AppError } from '../failures/errors';
import type { CoreServices } from '../services';

/**
 * How a script names an account: `--account "NOM"`; a name an older version let begin with `-`
 * in one word, `--account="-NOM"`, so that it is not taken for an option.
 */
export const accountOptionText = (name: string): string => (name.startsWith('-') ? `--account="${name}"` : `--account "${name}"`);

/** An account name as a command's last argument (`accounts remove`): after `--` when it begins with `-`. */
export const accountNameText = (name: string): string => (name.startsWith('-') ? `-- "${name}"` : `"${name}"`);

const quoted = (names: readonly string[]): string => names.map((name) => `« ${name} »`).join(', ');

/**
 * The account a command acts on: the one named with --account, or the only one. With several
 * accounts and none named, nothing is done: a script must never act on the wrong commune.
 */
export function servicesForCommand(services: CoreServices, accountName: string | undefined): CoreServices {
  if (accountName !== undefined) return services.withAccount(accountName);
  const names = services.settings.accounts.list().map((account) => account.name);
  if (names.length === 1) return services;
  throw new AppError('INVALID_INPUT', `il y a ${names.length} comptes techniques : précisez lequel avec --account NOM, parmi ${quoted(names)}`);
}
