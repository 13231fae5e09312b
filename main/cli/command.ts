// What a command is: the options and words it takes, the accounts it acts on, and what it does.
// Each family of commands (commands/) describes its own; commands/command-table.ts names them.
import type { Failure } from '../../common/failures';
import type { HttpSend } from '../chorus/http-transport';
import type { Clock } from '../dates/clock';
import type { SchtasksRunner } from '../schedule/daily-check-schedule';
import type { SecretStore } from '../secrets/secret-store';
import type { AccountServices } from '../accounts/account-services';
import type { CoreServices } from '../accounts/core-services';
import type { CommandResult } from './command-result';
import type { Notifier } from '../daily-check/notices';
import type { OptionName, Options } from './options';

/** What the command line is given from outside: its streams, keychain, network and clock. */
export interface CliEnvironment {
  readonly print: (line: string) => void;
  readonly warn: (line: string) => void;
  /** The secret named `label` (« Mot de passe du compte technique »…): standard input, a terminal, or the installed app's window. */
  readonly readSecret: (label: string) => Promise<string>;
  readonly stdinIsTerminal: boolean;
  /** The installed app asks for secrets in a window of its own (the console cannot hand them over). */
  readonly secretsInWindow?: boolean;
  /** A yes/no question answered at the terminal (« [o/N] »); absent when nobody types there. */
  readonly confirm?: (question: string) => Promise<boolean>;
  readonly env: NodeJS.ProcessEnv;
  readonly secretsFor: (env: NodeJS.ProcessEnv) => SecretStore;
  readonly send: HttpSend;
  readonly clock: Clock;
  /** The desktop's notifications (`test --all --notify`): only the installed app has them. */
  readonly notifier?: Notifier;
  /** `schedule`: the system, the schtasks runner and the installed executable (defaults: this process's). */
  readonly platform?: NodeJS.Platform;
  readonly runSchtasks?: SchtasksRunner;
  /** The SID of the user running the command (default: `whoami /user`): it names their own tasks (the daily check, the fleet report). */
  readonly userSid?: () => Promise<string>;
  readonly executablePath?: string;
}

export interface CommandContext {
  /** The core: the workstation's accounts and flags, every account's services by name. */
  readonly services: CoreServices;
  /**
   * The account the command acts on, named once at its start: --account or the only one (see
   * `Command.accounts`); for a command over every account, the file's default, read once.
   */
  readonly account: AccountServices;
  /** What follows the command: `accounts add NOM`. */
  readonly positionals: readonly string[];
  readonly options: Options;
  readonly environment: CliEnvironment;
  readonly file: string | undefined;
  readonly userDataDir: string;
}

/**
 * The accounts a command is given: `one`, the one named with --account or the only one (with
 * several and none named, it does not run: a script must never act on the wrong commune); `all`,
 * for a command that acts on every account or reads --account itself.
 */
export type AccountScope = 'one' | 'all';

export interface Command {
  /** The options it takes, besides --user-data-dir, --json, --help (and --account, see `accountOption`). */
  readonly options: readonly OptionName[];
  /** How many words may follow its name: account names (`accounts add NOM`), an action (`schedule install`). */
  readonly words?: number;
  /** It takes a file name after its name (`export-profile FICHIER`). */
  readonly file?: true;
  /** `one` unless said otherwise. */
  readonly accounts?: AccountScope | ((options: Options) => AccountScope);
  /** false: --account means nothing to it (it names accounts otherwise, or acts for every one). */
  readonly accountOption?: false;
  /**
   * It changes nothing a user typed, so it needs settings that exist: a mistyped --user-data-dir
   * is refused rather than shown as the defaults (and created).
   */
  readonly readsOnly?: true | ((positionals: readonly string[]) => boolean);
  /**
   * It prints secrets for a program (`headers`, `credentials`): standard output carries them and
   * nothing else, so a failure, even with --json, goes to standard error only.
   */
  readonly secretOutput?: true;
  /** What to add to a failure's message: how to get past it with this command. */
  readonly advice?: (failure: Failure, options: Options) => Failure;
  readonly run: (context: CommandContext) => Promise<CommandResult>;
}
