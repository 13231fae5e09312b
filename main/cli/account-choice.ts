import { AppError } from '../failures/errors';
import type { AccountServices } from '../accounts/account-services';
import type { CoreServices } from '../accounts/core-services';

/**
 * How a script names an account: `--account "NOM"`; a name an older version let begin with `-`
 * in one word, `--account="-NOM"`, so that it is not taken for an option.
 */
export const accountOptionText = (name: string): string =>
  name.startsWith('-') ? `--account="${name}"` : `--account "${name}"`;

/** An account name as a command's last argument (`accounts remove`): after `--` when it begins with `-`. */
export const accountNameText = (name: string): string => (name.startsWith('-') ? `-- "${name}"` : `"${name}"`);

const quoted = (names: readonly string[]): string => names.map((name) => `« ${name} »`).join(', ');

/**
 * The account a command acts on: the one named with --account, or the only one. With several
 * accounts and none named, nothing is done: a script must never act on the wrong commune.
 */
export function accountForCommand(services: CoreServices, accountName: string | undefined): AccountServices {
  if (accountName !== undefined) return services.account(accountName);
  const names = services.workstation.accounts.list().map((account) => account.name);
  const [only] = names;
  if (names.length === 1 && only !== undefined) return services.account(only);
  throw new AppError(
    'INVALID_INPUT',
    `il y a ${names.length} comptes techniques : précisez lequel avec --account NOM, parmi ${quoted(names)}`,
  );
}
