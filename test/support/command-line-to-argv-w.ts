// Windows' CommandLineToArgvW, written from Microsoft's documentation of it (learn.microsoft.com,
// "CommandLineToArgvW function (shellapi.h)", Remarks) and of the C runtime's rules it follows
// ("Parsing C command-line arguments"), to read back what the app writes for Windows:
// - the first argument is the program's name: quoted or not, backslashes are literal in it;
// - space and tab outside quotes separate arguments; a command line that begins with spaces has
//   an empty first argument; spaces at the end are ignored;
// - 2n backslashes followed by a quote give n backslashes, and the quote toggles "in quotes";
// - 2n + 1 backslashes followed by a quote give n backslashes and a literal quote;
// - n backslashes not followed by a quote give n backslashes.
// Not written here: what `""` inside quotes gives (undocumented, and the app never writes it but
// for an empty argument, `""`, read here as the documented toggles give it).

const isBlank = (character: string | undefined): boolean => character === ' ' || character === '\t';

function programName(line: string): { name: string; rest: number } {
  if (line.startsWith('"')) {
    const end = line.indexOf('"', 1);
    return end < 0 ? { name: line.slice(1), rest: line.length } : { name: line.slice(1, end), rest: end + 1 };
  }
  let end = 0;
  while (end < line.length && !isBlank(line[end])) end += 1;
  return { name: line.slice(0, end), rest: end };
}

/** The arguments after the program's name, as the documented rules read them. */
export function argumentsOf(line: string): string[] {
  const args: string[] = [];
  let index = 0;
  while (index < line.length) {
    while (isBlank(line[index])) index += 1;
    if (index >= line.length) break;
    let current = '';
    let quoted = false;
    for (; index < line.length; index += 1) {
      const character = line[index];
      if (!quoted && isBlank(character)) break;
      if (character === '\\') {
        let backslashes = 0;
        while (line[index] === '\\') {
          backslashes += 1;
          index += 1;
        }
        if (line[index] === '"') {
          current += '\\'.repeat(Math.floor(backslashes / 2));
          if (backslashes % 2 === 1) current += '"';
          else quoted = !quoted;
        } else {
          current += '\\'.repeat(backslashes);
          index -= 1;
        }
        continue;
      }
      if (character === '"') {
        quoted = !quoted;
        continue;
      }
      current += character ?? '';
    }
    args.push(current);
  }
  return args;
}

/** CommandLineToArgvW: the program's name, then its arguments. */
export function commandLineToArgvW(line: string): string[] {
  const { name, rest } = programName(line);
  const after = line.slice(rest);
  // Right after the name, the next character is a separator (or the end).
  return [name, ...argumentsOf(after)];
}
