import { setTimeout } from 'node:timers/promises';
import { AppError, toFailure } from '../failures/errors';
import { passwordReminder } from '../reminder/password-reminder';
import { removeAccount } from '../accounts/remove-account';
import { accountsOf } from '../secrets/settings-accounts';
import type { CoreServices } from '../services';
import type { Clock } from '../dates/clock';
import { lastCheckText } from '../chorus/last-check-text';

/** One account's outcome in `test --all`. */
export type AccountTestOutcome =
  | { readonly account: string; readonly ok: true; readonly structureCount: number; readonly durationMs: number }
  | { readonly account: string; readonly ok: false; readonly code: string; readonly message: string; readonly retryAfterSeconds?: number; readonly waitedSeconds?: number };

export interface CommandResult {
  readonly json: Record<string, unknown>;
  readonly lines: readonly string[];
  /** The command ran, but what it reports is a failure (exit status 1): `test --all` with one refusal. */
  readonly failed?: boolean;
}

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

/** Which keychain entries exist, read in one call where the keychain can list them. */
async function presentEntries(services: CoreServices, wanted: readonly string[]): Promise<ReadonlySet<string> | undefined> {
  try {
    if (services.secrets.list) return new Set(await services.secrets.list());
    const found = await Promise.all(wanted.map(async (entry) => ((await services.secrets.get(entry)) === undefined ? undefined : entry)));
    return new Set(found.filter((entry): entry is string => entry !== undefined));
  } catch (error) {
    if (error instanceof AppError && error.code === 'KEYCHAIN_UNAVAILABLE') return undefined;
    throw error;
  }
}

export async function listAccounts(services: CoreServices, clock: Clock): Promise<CommandResult> {
  const accounts = services.settings.accounts.list();
  const selected = services.settings.accounts.selected();
  const entries = accounts.map((account) => accountsOf(account));
  const present = await presentEntries(services, entries.flatMap((entry) => [entry.password, entry.clientSecret].filter((name): name is string => name !== undefined)));
  const has = (entry: string | undefined): boolean | null => (present === undefined ? null : entry !== undefined && present.has(entry));
  const rows = accounts.map((account, index) => {
    const reminder = passwordReminder(account, clock());
    return {
      name: account.name,
      selected: account.name === selected,
      environment: account.environment,
      apiBaseUrl: account.apiBaseUrl,
      login: account.login ?? null,
      secrets: { password: has(entries[index]?.password), passwordVerified: has(entries[index]?.password) ? account.passwordVerified !== false : null, clientSecret: has(entries[index]?.clientSecret) },
      reminder: reminder.known ? { due: reminder.due, dueOn: reminder.dueOn, expiresOn: reminder.expiresOn, source: reminder.source } : { due: false, dueOn: null, expiresOn: null, source: null },
      lastCheck: account.lastCheck ?? null,
    };
  });
  return {
    json: { accounts: rows, ...(present === undefined ? { keychainUnavailable: true } : {}) },
    lines: [
      `${rows.length} compte(s) technique(s) :`,
      ...rows.map(
        (row) =>
          `${row.selected ? '* ' : '  '}${row.name} — ${row.login ?? '(identifiant non renseigné)'} — mot de passe ${row.secrets.password === null ? 'inconnu' : row.secrets.password ? 'enregistré' : 'non enregistré'}${row.reminder.due ? ' — À RENOUVELER' : ''} — ${lastCheckText(row.lastCheck ?? undefined)}`,
      ),
      ...(present === undefined ? ['Attention : le coffre-fort est inaccessible ; la présence des mots de passe est inconnue.'] : []),
    ],
  };
}

export async function accountsCommand(services: CoreServices, clock: Clock, args: readonly string[]): Promise<CommandResult> {
  const [action, name, newName] = args;
  const { accounts } = services.settings;
  if (action === undefined) return listAccounts(services, clock);
  if (action === 'add' && name !== undefined && newName === undefined) {
    accounts.add(name);
    services.logger.info('account.added', {});
    return { json: { added: name }, lines: [`Compte technique « ${name} » ajouté : configurez-le avec configure --account "${name}" …`] };
  }
  if (action === 'rename' && name !== undefined && newName !== undefined) {
    accounts.rename(name, newName);
    return { json: { renamed: name, name: newName }, lines: [`Compte technique « ${name} » renommé « ${newName} ».`] };
  }
  if (action === 'remove' && name !== undefined && newName === undefined) {
    await removeAccount(services.settings, services.secrets, name, services.logger);
    return { json: { removed: name }, lines: [`Compte technique « ${name} » supprimé, avec ses mots de passe du coffre-fort.`] };
  }
  throw new AppError('INVALID_INPUT', 'usage : accounts | accounts add NOM | accounts rename NOM NOUVEAU | accounts remove NOM');
}

/**
 * After a 429, the next account waits what PISTE asked for, but never longer than this: a run over
 * many accounts must end, and a wait of hours is a gateway's misconfiguration, not a plan.
 */
export const longestQuotaWaitSeconds = 60;
/** A 429 without `Retry-After`: a short pause rather than none. */
export const defaultQuotaWaitSeconds = 10;

export type Wait = (seconds: number) => Promise<void>;
const sleep: Wait = (seconds) => setTimeout(seconds * 1000);

/** Every account tested, one after the other: the nightly check of a centre de gestion. */
export async function testAllAccounts(services: CoreServices, wait: Wait = sleep): Promise<CommandResult & { readonly outcomes: readonly AccountTestOutcome[] }> {
  const results: AccountTestOutcome[] = [];
  const names = services.settings.accounts.list().map((account) => account.name);
  for (const [index, name] of names.entries()) {
    const account = services.withAccount(name);
    try {
      const outcome = await account.connection.testConnection(account.settings.read());
      results.push({ account: name, ok: true as const, structureCount: outcome.structureCount, durationMs: outcome.durationMs });
    } catch (error) {
      const failure = toFailure(error, 'command-line');
      // PISTE's quota covers the application, shared by the accounts after this one: wait it out.
      const waitedSeconds =
        failure.code === 'RATE_LIMITED' && index < names.length - 1 ? Math.min(failure.retryAfterSeconds ?? defaultQuotaWaitSeconds, longestQuotaWaitSeconds) : undefined;
      results.push({ account: name, ok: false as const, code: failure.code, message: failure.message, ...(failure.retryAfterSeconds !== undefined ? { retryAfterSeconds: failure.retryAfterSeconds } : {}), ...(waitedSeconds !== undefined ? { waitedSeconds } : {}) });
      if (waitedSeconds !== undefined) await wait(waitedSeconds);
    }
  }
  const failed = results.filter((result) => !result.ok);
  return {
    outcomes: results,
    json: { results },
    failed: failed.length > 0,
    lines: [
      ...results.map((result) => (result.ok ? `OK      ${result.account} (${result.structureCount} structure(s))` : `ÉCHEC   ${result.account} : ${result.code} — ${result.message}${quotaPause(result)}`)),
      failed.length === 0 ? `Les ${results.length} comptes sont joignables.` : `${failed.length} compte(s) en échec sur ${results.length}.`,
      ...failed.map((result) => `Pour « ${result.account} », ajoutez --account "${result.account}" aux commandes indiquées.`),
    ],
  };
}

function quotaPause(result: { retryAfterSeconds?: number; waitedSeconds?: number }): string {
  if (result.waitedSeconds === undefined) return '';
  const asked = result.retryAfterSeconds;
  if (asked === undefined) return ` — pause de ${result.waitedSeconds} s avant le compte suivant (PISTE n'a pas indiqué de délai).`;
  if (asked > result.waitedSeconds) return ` — pause limitée à ${result.waitedSeconds} s avant le compte suivant (PISTE demandait ${asked} s) : les comptes suivants peuvent encore être refusés ; relancez test --all plus tard.`;
  return ` — pause de ${result.waitedSeconds} s avant le compte suivant, comme demandé par PISTE.`;
}
