// `accounts`: the technical accounts of this workstation, listed, added, renamed, removed.
import { AppError } from '../../failures/errors';
import { passwordReminder } from '../../reminder/password-reminder';
import { removeAccount } from '../../accounts/remove-account';
import { accountsOf } from '../../secrets/settings-accounts';
import type { CoreServices } from '../../accounts/core-services';
import type { Clock } from '../../dates/clock';
import { lastCheckText } from '../../chorus/last-check-text';
import type { Command } from '../command';
import type { CommandResult } from '../command-result';
import { counted } from '../../text/plural';

/** Which keychain entries exist, read in one call where the keychain can list them. */
async function presentEntries(
  services: CoreServices,
  wanted: readonly string[],
): Promise<ReadonlySet<string> | undefined> {
  try {
    if (services.secrets.list) return new Set(await services.secrets.list());
    const found = await Promise.all(
      wanted.map(async (entry) => ((await services.secrets.get(entry)) === undefined ? undefined : entry)),
    );
    return new Set(found.filter((entry): entry is string => entry !== undefined));
  } catch (error) {
    if (error instanceof AppError && error.code === 'KEYCHAIN_UNAVAILABLE') return undefined;
    throw error;
  }
}

/** What the list says of a password: a password never checked by Chorus Pro is not « enregistré » like the others. */
const passwordWords = (secrets: {
  readonly password: boolean | null;
  readonly passwordVerified: boolean | null;
}): string =>
  secrets.password === null
    ? 'inconnu'
    : !secrets.password
      ? 'non enregistré'
      : secrets.passwordVerified === false
        ? 'enregistré, non vérifié'
        : 'enregistré';

async function listAccounts(services: CoreServices, clock: Clock): Promise<CommandResult> {
  const accounts = services.workstation.accounts.list();
  const selected = services.workstation.accounts.selected();
  const entries = accounts.map((account) => accountsOf(account));
  const present = await presentEntries(
    services,
    entries.flatMap((entry) =>
      [entry.password, entry.clientSecret].filter((name): name is string => name !== undefined),
    ),
  );
  const has = (entry: string | undefined): boolean | null =>
    present === undefined ? null : entry !== undefined && present.has(entry);
  const rows = accounts.map((account, index) => {
    const reminder = passwordReminder(account, clock());
    return {
      name: account.name,
      selected: account.name === selected,
      environment: account.environment,
      apiBaseUrl: account.apiBaseUrl,
      login: account.login ?? null,
      secrets: {
        password: has(entries[index]?.password),
        passwordVerified: has(entries[index]?.password) ? account.passwordVerified !== false : null,
        clientSecret: has(entries[index]?.clientSecret),
      },
      reminder: reminder.known
        ? { due: reminder.due, dueOn: reminder.dueOn, expiresOn: reminder.expiresOn, source: reminder.source }
        : { due: false, dueOn: null, expiresOn: null, source: null },
      lastCheck: account.lastCheck ?? null,
    };
  });
  return {
    json: { accounts: rows, ...(present === undefined ? { keychainUnavailable: true } : {}) },
    lines: [
      `${counted(rows.length, 'compte technique', 'comptes techniques')} :`,
      ...rows.map((row) => {
        const mark = row.selected ? '* ' : '  ';
        const login = row.login ?? '(identifiant non renseigné)';
        const renew = row.reminder.due ? ' — À RENOUVELER' : '';
        const lastCheck = lastCheckText(row.lastCheck ?? undefined);
        return `${mark}${row.name} — ${login} — mot de passe ${passwordWords(row.secrets)}${renew} — ${lastCheck}`;
      }),
      ...(present === undefined
        ? ['Attention : le coffre-fort est inaccessible ; la présence des mots de passe est inconnue.']
        : []),
    ],
  };
}

async function accountsCommand(services: CoreServices, clock: Clock, args: readonly string[]): Promise<CommandResult> {
  const [action, name, newName] = args;
  const { accounts } = services.workstation;
  if (action === undefined) return listAccounts(services, clock);
  if (action === 'add' && name !== undefined && newName === undefined) {
    const before = accounts.list().map((account) => account.name);
    // On a new folder, the first account added takes the place of the empty « Compte principal »:
    // otherwise every command would have to name one of two accounts, one of them never used.
    const added = accounts.add(name, { replaceUnusedFirst: true });
    const replaced = before.filter((existing) => !accounts.list().some((account) => account.name === existing));
    services.logger.info('account.added', { account: added.name });
    return {
      json: { added: added.name, ...(replaced.length > 0 ? { replaced: replaced[0] } : {}) },
      lines: [
        `Compte technique « ${added.name} » ajouté : configurez-le avec configure --account "${added.name}" …`,
        ...replaced.map(
          (gone) => `Il remplace « ${gone} », que l'application avait créé et qui n'avait jamais été configuré.`,
        ),
      ],
    };
  }
  if (action === 'rename' && name !== undefined && newName !== undefined) {
    accounts.rename(name, newName);
    services.logger.info('account.renamed', { account: newName.normalize('NFC'), previous: name });
    return { json: { renamed: name, name: newName }, lines: [`Compte technique « ${name} » renommé « ${newName} ».`] };
  }
  if (action === 'remove' && name !== undefined && newName === undefined) {
    await removeAccount(services.workstation, services.secrets, name, services.logger);
    return {
      json: { removed: name },
      lines: [`Compte technique « ${name} » supprimé, avec ses mots de passe du coffre-fort.`],
    };
  }
  throw new AppError(
    'INVALID_INPUT',
    'usage : accounts | accounts add NOM | accounts rename NOM NOUVEAU | accounts remove NOM',
  );
}

export const accounts: Command = {
  options: [],
  // Account names follow `accounts`: they are names, never secrets.
  words: 3,
  accounts: 'all',
  accountOption: false,
  readsOnly: (positionals) => positionals.length === 0,
  run: (context) => accountsCommand(context.services, context.environment.clock, context.positionals),
};
