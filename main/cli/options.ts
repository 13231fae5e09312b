// Every option of the command line: whether it takes a value, and the word the usage gives that
// value. Which command takes which is said by the command itself (commands/).

export const optionSpec = {
  'user-data-dir': { type: 'string' },
  json: { type: 'boolean' },
  env: { type: 'string' },
  url: { type: 'string' },
  'token-url': { type: 'string' },
  login: { type: 'string' },
  'client-id': { type: 'string' },
  timeout: { type: 'string' },
  'ca-file': { type: 'string' },
  proxy: { type: 'string' },
  'alert-delay': { type: 'string' },
  'password-stdin': { type: 'boolean' },
  'client-secret-stdin': { type: 'boolean' },
  'no-verify': { type: 'boolean' },
  'confirm-spaces': { type: 'boolean' },
  'password-updated-on': { type: 'string' },
  'with-secrets': { type: 'boolean' },
  'passphrase-stdin': { type: 'boolean' },
  account: { type: 'string' },
  all: { type: 'boolean' },
  notify: { type: 'boolean' },
  at: { type: 'string' },
  executable: { type: 'string' },
  'root-key-file': { type: 'string' },
  publisher: { type: 'string' },
  'code-stdin': { type: 'boolean' },
  accept: { type: 'string' },
  name: { type: 'string' },
  'daily-check-at': { type: 'string' },
  'add-publisher': { type: 'boolean' },
  // Given once per member (`--member ID --member ID`), or as a list (`--member ID,ID`).
  member: { type: 'string', multiple: true },
  'all-members': { type: 'boolean' },
  csv: { type: 'string' },
  html: { type: 'string' },
  report: { type: 'string' },
  manual: { type: 'string' },
  'allow-programs': { type: 'string' },
  'min-validity': { type: 'string' },
  'new-token': { type: 'boolean' },
  output: { type: 'string' },
  confirm: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;
export type OptionName = keyof typeof optionSpec;
export type Options = Partial<Record<OptionName, string | boolean | readonly string[]>>;

export const optionNames = Object.keys(optionSpec) as OptionName[];
export const isOptionName = (name: string): name is OptionName => (optionNames as string[]).includes(name);

/** What each option's value stands for, in the usage's words. */
export const valueNames: Partial<Record<OptionName, string>> = {
  'user-data-dir': 'DOSSIER',
  env: 'production|qualification|custom',
  url: 'URL',
  'token-url': 'URL',
  login: 'IDENTIFIANT',
  'client-id': 'ID',
  timeout: 'SECONDES',
  'ca-file': 'FICHIER.pem',
  proxy: 'URL',
  'alert-delay': 'MOIS',
  at: 'HH:MM',
  executable: 'CHEMIN',
  'root-key-file': 'FICHIER',
  publisher: 'EMPREINTE',
  accept: 'ID',
  name: 'NOM',
  'daily-check-at': 'HH:MM',
  member: 'ID',
  csv: 'FICHIER.csv',
  html: 'FICHIER.html',
  report: 'DOSSIER',
  manual: 'NOM',
  'allow-programs': 'oui|non',
  'min-validity': 'SECONDES',
  output: 'FICHIER',
};

/** Every value of an option given several times (`--member`), lists split at commas; empty when not given. */
export function texts(options: Options, name: OptionName): string[] {
  const value = options[name];
  const given = typeof value === 'string' ? [value] : Array.isArray(value) ? (value as readonly string[]) : [];
  return given.flatMap((item) => item.split(/[,\s]+/)).filter((item) => item !== '');
}

/** An option's value, when it takes one and was given. */
export function text(options: Options, name: OptionName): string | undefined {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
}
