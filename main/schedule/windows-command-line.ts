// One argument written so that Windows gives it back unchanged: the Task Scheduler starts the
// executable with `"Command" Arguments`, and the program reads its arguments back with
// CommandLineToArgvW's rules (the C runtime's, as Microsoft documents them):
// - a space or a tab outside quotes ends an argument; a quote toggles quoting;
// - 2n backslashes then a quote give n backslashes, and the quote toggles quoting;
// - 2n + 1 backslashes then a quote give n backslashes and a literal quote;
// - backslashes followed by anything else are literal.
// So inside quotes a run of backslashes is doubled only where a quote follows it — the closing
// quote included: `\\srv\Dossier Partagé\` is written `"\\srv\Dossier Partagé\\"`.

/** An argument as it must stand in a Windows command line to be read back exactly. */
export function windowsArgument(value: string): string {
  if (value !== '' && !/[\s"]/u.test(value)) return value;
  let written = '"';
  let backslashes = 0;
  for (const character of value) {
    if (character === '\\') {
      backslashes += 1;
      continue;
    }
    // Before a quote, every backslash is doubled and one more escapes the quote itself.
    written += character === '"' ? `${'\\'.repeat(backslashes * 2 + 1)}"` : `${'\\'.repeat(backslashes)}${character}`;
    backslashes = 0;
  }
  // Before the closing quote, every backslash is doubled: the quote stays a quote.
  return `${written}${'\\'.repeat(backslashes * 2)}"`;
}

/** The arguments joined as one command line (the program's name apart). */
export const windowsArguments = (values: readonly string[]): string => values.map(windowsArgument).join(' ');
