// What the installed executable was started with: `--cli COMMAND …` runs the command line instead
// of the window; `--account=NAME` (a notification's click) opens the window on that account.

/** The arguments after `--cli`, or undefined when the app starts as a window. */
export function cliArgumentsOf(argv: readonly string[]): string[] | undefined {
  const index = argv.indexOf('--cli');
  return index < 0 ? undefined : argv.slice(index + 1);
}

const accountSwitch = '--account=';

/**
 * The one argument that opens the window on an account. Chromium reads every argument that
 * begins with `-` (on Windows also `/`) as one of its own switches, wherever it stands: a name
 * given as an argument of its own could be `--renderer-cmd-prefix=…`. As the value of one switch,
 * `--account=NAME`, it is only ever the value of `account`, whatever NAME holds.
 */
export const accountArgument = (name: string): string => `${accountSwitch}${name}`;

/** The account named by `--account=NAME`, if any; `--account NAME` in two arguments is not read. */
export function accountArgumentOf(argv: readonly string[]): string | undefined {
  const argument = argv.find((candidate) => candidate.startsWith(accountSwitch));
  return argument?.slice(accountSwitch.length);
}
