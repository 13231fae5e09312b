// The command line's words read into a command, its options and what follows its name: every
// mistake refused in French, with the nearest known word for a typo, before anything is opened.
import { parseArgs } from 'node:util';
import { AppError } from '../failures/errors';
import { commandNamed, commandNames } from './commands/command-table';
import { nearestName } from './nearest-name';
import { isOptionName, optionNames, optionSpec, valueNames, type OptionName, type Options } from './options';

/** Bad usage, said in French: what is wrong first, and the nearest known word for a typo. */
function usageError(what: string): AppError {
  return new AppError('INVALID_INPUT', what);
}

function checkOptionTokens(argv: readonly string[]): void {
  const { tokens } = parseArgs({
    args: [...argv],
    options: optionSpec,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    if (!isOptionName(token.name)) {
      // `--password secret`: a secret typed as an argument; its value is never repeated.
      const fromStdin = `${token.name}-stdin`;
      if (isOptionName(fromStdin))
        throw usageError(
          `option inconnue : ${token.rawName} ; un secret ne se donne jamais en argument, il se lit sur l'entrée standard : --${fromStdin} (par exemple printf '%s' "$SECRET" | … --${fromStdin})`,
        );
      const nearest = nearestName(token.name, optionNames);
      throw usageError(`option inconnue : ${token.rawName}${nearest ? ` ; vouliez-vous dire --${nearest} ?` : ''}`);
    }
    const spec = optionSpec[token.name];
    // `--user-data-dir --json`: the next option was taken for the missing value.
    const missing = token.value === undefined || (!token.inlineValue && token.value.startsWith('--'));
    if (spec.type === 'string' && missing)
      throw usageError(
        `l'option --${token.name} attend une valeur (--${token.name} ${valueNames[token.name] ?? 'VALEUR'})`,
      );
    if (spec.type === 'boolean' && token.value !== undefined)
      throw usageError(`l'option --${token.name} ne prend pas de valeur`);
  }
}

export function parse(argv: readonly string[]): {
  command: string;
  options: Options;
  file: string | undefined;
  positionals: readonly string[];
} {
  checkOptionTokens(argv);
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: optionSpec, allowPositionals: true, strict: true });
  } catch {
    // checkOptionTokens said what was wrong for every case known; never show parseArgs' English.
    throw usageError('options mal formées');
  }
  const [name, ...extra] = parsed.positionals;
  const options = parsed.values as Options;
  if (options.help === true) return { command: 'help', options, file: undefined, positionals: [] };
  if (name === undefined)
    throw usageError('aucune commande indiquée ; les commandes sont : ' + commandNames.join(', '));
  const command = commandNamed(name);
  if (!command) {
    const nearest = nearestName(name, commandNames);
    throw usageError(`commande inconnue : ${name}${nearest ? ` ; vouliez-vous dire ${nearest} ?` : ''}`);
  }
  const positionals = extra.splice(0, command.words ?? 0);
  const file = command.file ? extra.shift() : undefined;
  if (command.file && !file) throw usageError(`${name} attend un nom de fichier`);
  // Its value is never repeated: it may be a secret typed where it does not belong.
  if (extra.length > 0)
    throw usageError(
      `argument inattendu après « ${name} » (sa valeur n'est pas répétée ; un secret se donne sur l'entrée standard)`,
    );
  const general: readonly OptionName[] = [
    'user-data-dir',
    'json',
    'help',
    ...(command.accountOption === false ? [] : ['account' as const]),
  ];
  const misplaced = Object.keys(options).find(
    (option) => !general.includes(option as OptionName) && !command.options.includes(option as OptionName),
  );
  if (misplaced) throw usageError(`l'option --${misplaced} ne s'emploie pas avec ${name}`);
  return { command: name, options, file, positionals };
}
