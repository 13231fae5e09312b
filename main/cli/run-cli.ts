import { existsSync } from 'node:fs';
import type { FailureCode } from '../../common/failures';
import { AppError, toFailure } from '../failures/errors';
import { createLogFileSink } from '../logging/log-file';
import { createLogger } from '../logging/logger';
import { machineFleetPath } from '../fleet/machine-pointer-path';
import { machineProfilePath } from '../profiles/machine-profile';
import { platformPolicyReader } from '../destinations/policy-source';
import { openConfBackend } from '../settings/conf-backend';
import type { AccountServices } from '../accounts/account-services';
import type { CoreServices } from '../accounts/core-services';
import { createCoreServices } from '../services';
import { accountForCommand } from './account-choice';
import type { CliEnvironment, Command } from './command';
import { commandNamed } from './commands/command-table';
import { text, type Options } from './options';
import { printFailure, printResult } from './output';
import { parse } from './parser';
import { usage } from './usage';
import { defaultUserDataDir } from './user-data-dir';

/**
 * Exit statuses, one table for every command: 0 success; 1 the operation failed; 2 bad usage or
 * refused input; 3 `test --all`: everything works but a password is to be renewed soon; 4 not
 * allowed on this workstation (headers, credentials).
 */
const usageCodes: ReadonlySet<FailureCode> = new Set([
  'INVALID_INPUT',
  'INSECURE_URL',
  'PASSWORD_REFUSED',
  'PASSWORD_UNCHANGED',
  'CONFIRMATION_REQUIRED',
  'PROFILE_REFUSED',
  // The fleet: a wrong fingerprint or code, a workstation that is not a member or not the publisher.
  'FLEET_FINGERPRINT_MISMATCH',
  'FLEET_CODE_REFUSED',
  'FLEET_NOT_MEMBER',
  'FLEET_NOT_PUBLISHER',
]);
/** Not allowed on this workstation (headers, credentials, and asking to allow them): status 4. */
const notAllowedCodes: ReadonlySet<FailureCode> = new Set(['PROGRAMS_NOT_ALLOWED']);

const exitStatusOf = (code: FailureCode): number => (notAllowedCodes.has(code) ? 4 : usageCodes.has(code) ? 2 : 1);

/** `fleet report …`: its words read as the parser reads them, or, when they could not be, as typed. */
function monitoringReport(argv: readonly string[]): boolean {
  try {
    const { command, positionals } = parse(argv);
    return command === 'fleet' && positionals[0] === 'report';
  } catch {
    return argv.some((word, index) => word === 'fleet' && argv[index + 1] === 'report');
  }
}

const readsOnly = (command: Command, positionals: readonly string[]): boolean =>
  typeof command.readsOnly === 'function' ? command.readsOnly(positionals) : command.readsOnly === true;
const acrossAccounts = (command: Command, options: Options): boolean =>
  (typeof command.accounts === 'function' ? command.accounts(options) : (command.accounts ?? 'one')) === 'all';

/**
 * The command line over the app's own services: same settings file, keychain and Chorus Pro
 * client. With --json it prints exactly one line. Returns the exit status.
 */
export async function runCli(argv: readonly string[], environment: CliEnvironment): Promise<number> {
  const json = argv.includes('--json');
  // Known once the words are read: a failure may then be told with the command's advice.
  let running: { command: Command; options: Options } | undefined;
  let opened: CoreServices | undefined;
  try {
    // Without a command there is nothing to do: that is bad usage, with the usage on standard error.
    if (argv.filter((argument) => argument !== '--json').length === 0) {
      if (!json) for (const line of usage) environment.warn(line);
      throw new AppError('INVALID_INPUT', 'aucune commande indiquée');
    }
    const { command: name, options, file, positionals } = parse(argv);
    if (name === 'help') {
      for (const line of usage) environment.print(line);
      return 0;
    }
    const command = commandNamed(name);
    if (!command) throw new AppError('INVALID_INPUT', `commande inconnue : ${name}`);
    running = { command, options };
    const givenFolder = text(options, 'user-data-dir');
    // A mistyped folder for a command that only reads would show the defaults as if they were the
    // settings, and create the folder: refused, nothing created.
    if (givenFolder !== undefined && readsOnly(command, positionals) && !existsSync(givenFolder)) {
      throw new AppError(
        'INVALID_INPUT',
        "--user-data-dir : ce dossier n'existe pas (rien n'a été créé) ; vérifiez le chemin, ou créez le dossier en configurant d'abord le poste avec configure",
      );
    }
    const userDataDir = givenFolder ?? defaultUserDataDir(environment.env);
    // Opened when the command first needs them: a command that needs no settings (`schedule`, run
    // by the uninstaller) creates no settings folder and applies no machine profile. The keychain
    // waits for the secrets' migration at every use.
    const open = (): CoreServices =>
      (opened ??= createCoreServices({
        userDataDir,
        machineProfilePath: machineProfilePath(environment.env),
        machineFleetPath: machineFleetPath(environment.env),
        machinePolicy: platformPolicyReader(environment.env),
        openSettingsBackend: openConfBackend,
        secrets: environment.secretsFor(environment.env),
        send: environment.send,
        clock: environment.clock,
        // What the command line did goes to the same support log as the app's.
        logger: createLogger(createLogFileSink(userDataDir, environment.clock)),
      }));
    // The account is chosen before anything runs: with several and none named, nothing is done.
    let account: AccountServices | undefined = acrossAccounts(command, options)
      ? undefined
      : accountForCommand(open(), text(options, 'account'));
    const context = {
      get services(): CoreServices {
        return open();
      },
      // A command over every account that still uses one: the file's default, read once.
      get account(): AccountServices {
        const services = open();
        return (account ??= services.account(services.workstation.accounts.selected()));
      },
      options,
      environment,
      file,
      userDataDir,
      positionals,
    };
    const result = await command.run(context);
    await opened?.secretsMigrated;
    printResult(result, json, environment);
    return result.exitStatus ?? (result.failed === true ? 1 : result.renewSoon === true ? 3 : 0);
  } catch (error) {
    await opened?.secretsMigrated;
    const failure = toFailure(error, 'command-line');
    const told = running?.command.advice?.(failure, running.options) ?? failure;
    // Known even when the words could not be read: standard output stays for the secrets alone.
    const secretOutput = running
      ? running.command.secretOutput === true
      : argv.some((word) => commandNamed(word)?.secretOutput === true);
    printFailure(told, json, environment, secretOutput);
    // `fleet report` follows monitoring plugins: a report that could not be made is "unknown", 3.
    if (monitoringReport(argv)) return 3;
    return exitStatusOf(told.code);
  }
}
