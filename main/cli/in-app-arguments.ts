// What the installed executable was started with: `--cli COMMAND …` runs the command line instead
// of the window; `--account NAME` (a notification's click) opens the window on that account.

/** The arguments after `--cli`, or undefined when the app starts as a window. */
export function cliArgumentsOf(argv: readonly string[]): string[] | undefined {
  const index = argv.indexOf('--cli');
  return index < 0 ? undefined : argv.slice(index + 1);
}

/** The account named by `--account NAME` (or `--account=NAME`), if any. */
export function accountArgumentOf(argv: readonly string[]): string | undefined {
  for (const [index, argument] of argv.entries()) {
    if (argument === '--account') return argv[index + 1];
    if (argument.startsWith('--account=')) return argument.slice('--account='.length);
  }
  return undefined;
}
