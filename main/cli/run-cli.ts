import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { format, parseISO } from 'date-fns';
import { z } from 'zod';
import { environmentNames, settingsChangeSchema, type Failure, type FailureCode, type SettingsChange } from '../../preload/contract';
import type { HttpSend } from '../chorus/http-transport';
import { proxyAccount, readCaCertificate } from '../chorus/connection-service';
import type { Clock } from '../clock';
import { AppError, toFailure } from '../errors';
import { settingsSnapshot } from '../handlers';
import { createLogFileSink } from '../logging/log-file';
import { createLogger } from '../logger';
import { applyProfile, describeProfileChanges, exportProfile, readProfile } from '../profiles/deployment-profile';
import { machineProfilePath } from '../profiles/machine-profile';
import type { SecretStore } from '../secrets/secret-store';
import { secretAccounts } from '../secrets/secret-store';
import { createCoreServices, type CoreServices } from '../services';
import { openConfBackend } from '../settings/conf-backend';
import { storedSettingsSchema, type StoredSettings } from '../settings/settings-schema';
import { applySettingsChange } from '../settings/settings-store';
import { knownEnvironments } from '../settings/environments';
import { nearestName } from './nearest-name';
import { usage } from './usage';
import { defaultUserDataDir } from './user-data-dir';

export interface CliEnvironment {
  readonly print: (line: string) => void;
  readonly warn: (line: string) => void;
  readonly readSecret: () => Promise<string>;
  readonly stdinIsTerminal: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly secretsFor: (env: NodeJS.ProcessEnv) => SecretStore;
  readonly send: HttpSend;
  readonly clock: Clock;
}

const optionSpec = {
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
  help: { type: 'boolean', short: 'h' },
} as const;
type OptionName = keyof typeof optionSpec;
type Options = Partial<Record<OptionName, string | boolean>>;

const connectionOptions: readonly OptionName[] = ['env', 'url', 'token-url', 'login', 'client-id', 'timeout', 'ca-file', 'proxy'];
const commands: Readonly<Record<string, readonly OptionName[]>> = {
  configure: [...connectionOptions, 'alert-delay'],
  status: [],
  test: connectionOptions,
  structures: connectionOptions,
  'set-client-secret': ['client-secret-stdin'],
  'set-password': ['password-stdin', 'no-verify', 'confirm-spaces'],
  'set-proxy-password': ['password-stdin'],
  'export-profile': [],
  'import-profile': [],
};
/** Commands that take a file name after them. */
const withFile: ReadonlySet<string> = new Set(['export-profile', 'import-profile']);

/** Bad usage and refused input end with status 2; an operation that failed, with 1. */
const usageCodes: ReadonlySet<FailureCode> = new Set(['INVALID_INPUT', 'INSECURE_URL', 'PASSWORD_REFUSED', 'CONFIRMATION_REQUIRED', 'PROFILE_REFUSED']);

const environmentOption = z.enum(environmentNames, {
  error: '--env : environnement inconnu ; valeurs possibles : production, qualification, custom (Production, Qualification, Personnalisé)',
});
/** The option that sets each setting, to name it in a refusal. */
const optionOfSetting: Readonly<Record<string, string>> = {
  environment: '--env',
  apiBaseUrl: '--url',
  tokenUrl: '--token-url',
  login: '--login',
  clientId: '--client-id',
  timeoutSeconds: '--timeout',
  alertDelayMonths: '--alert-delay',
  caCertificatePath: '--ca-file',
  proxyUrl: '--proxy',
};
const wholeNumber = (field: string, min: number, max: number) =>
  z.string().regex(/^\d+$/, `${field} : un nombre entier est attendu`).transform(Number).pipe(z.number().min(min, `${field} : ${min} au minimum`).max(max, `${field} : ${max} au maximum`));

function text(options: Options, name: OptionName): string | undefined {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
}

function parseOr<T>(schema: z.ZodType<T>, value: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError('INVALID_INPUT', parsed.error.issues[0]?.message ?? 'valeur invalide');
  return parsed.data;
}

/** The settings the command line options describe, as one change checked by the contract's schema. */
function changeFromOptions(options: Options): SettingsChange {
  const env = text(options, 'env');
  const url = text(options, 'url');
  const tokenUrl = text(options, 'token-url');
  const timeout = text(options, 'timeout');
  const alertDelay = text(options, 'alert-delay');
  const caFile = text(options, 'ca-file');
  if (caFile !== undefined && caFile !== '' && !existsSync(caFile)) {
    throw new AppError('INVALID_INPUT', `--ca-file : fichier introuvable (${caFile})`);
  }
  const change: Record<string, unknown> = {
    // An address given without an environment is a custom one.
    environment: env !== undefined ? parseOr(environmentOption, env) : url !== undefined || tokenUrl !== undefined ? 'custom' : undefined,
    apiBaseUrl: url,
    tokenUrl,
    login: text(options, 'login'),
    clientId: text(options, 'client-id'),
    timeoutSeconds: timeout === undefined ? undefined : parseOr(wholeNumber('--timeout', 5, 120), timeout),
    alertDelayMonths: alertDelay === undefined ? undefined : parseOr(wholeNumber('--alert-delay', 1, 13), alertDelay),
    caCertificatePath: caFile === undefined || caFile === '' ? caFile : resolve(caFile),
    proxyUrl: text(options, 'proxy'),
  };
  const parsed = settingsChangeSchema.safeParse(Object.fromEntries(Object.entries(change).filter((entry) => entry[1] !== undefined)));
  if (!parsed.success) {
    throw new AppError(
      'INVALID_INPUT',
      parsed.error.issues
        .map((issue) => `${optionOfSetting[String(issue.path[0])] ?? String(issue.path[0])} : ${issue.code === 'too_big' ? `valeur trop longue (${String(issue.maximum)} caractères au plus)` : 'valeur refusée'}`)
        .join(' ; '),
    );
  }
  return parsed.data;
}

/** Every settings key, absent ones as null, so that scripts can rely on the shape. */
function settingsForJson(settings: StoredSettings): Record<string, unknown> {
  const keys = Object.keys(storedSettingsSchema.shape).filter((key) => key !== 'schemaVersion');
  return Object.fromEntries(keys.map((key) => [key, (settings as Record<string, unknown>)[key] ?? null]));
}

interface CommandContext {
  readonly services: CoreServices;
  readonly options: Options;
  readonly environment: CliEnvironment;
  readonly file: string | undefined;
  readonly userDataDir: string;
}

async function secretFromStdin(context: CommandContext, flag: OptionName): Promise<string> {
  if (context.options[flag] !== true) throw new AppError('INVALID_INPUT', `--${flag} est obligatoire : le secret se lit sur l'entrée standard, jamais en argument`);
  if (context.environment.stdinIsTerminal) context.environment.warn('Saisissez le secret puis validez par Ctrl+D (Ctrl+Z puis Entrée sous Windows) :');
  return context.environment.readSecret();
}

type Result = { readonly json: Record<string, unknown>; readonly lines: readonly string[] };

const environmentLabels: Readonly<Record<StoredSettings['environment'], string>> = {
  production: 'Production',
  qualification: 'Qualification',
  custom: 'Personnalisé',
};
/** A day as a French reader writes it; --json keeps ISO dates. */
const frenchDay = (isoDayOrInstant: string): string => format(parseISO(isoDayOrInstant), 'dd/MM/yyyy');

async function status({ services, environment }: CommandContext): Promise<Result> {
  const snapshot = await settingsSnapshot(services.settings, services.secrets, environment.clock);
  const settings = services.settings.read();
  // The update date and the expiry are those of a password; with none stored for this address
  // and login (a login changed since), they belong to another account and are not shown.
  const passwordStored = snapshot.secrets.password;
  const reminder = passwordStored ? snapshot.reminder : ({ known: false, due: false } as const);
  const missingSecret = !snapshot.secrets.password || !snapshot.secrets.clientSecret;
  return {
    json: {
      settings: settingsForJson(settings),
      secrets: { password: snapshot.secrets.password, clientSecret: snapshot.secrets.clientSecret },
      reminder: reminder.known
        ? { due: reminder.due, dueOn: reminder.dueOn, expiresOn: reminder.expiresOn, source: reminder.source }
        : { due: false, dueOn: null, expiresOn: null, source: null },
      ...(snapshot.recoveredFrom ? { recoveredFrom: snapshot.recoveredFrom } : {}),
    },
    lines: [
      ...(snapshot.recoveredFrom ? [`Attention : le fichier de paramètres était illisible ; il a été conservé sous ${snapshot.recoveredFrom} et les valeurs par défaut ont été reprises.`] : []),
      `Environnement : ${environmentLabels[settings.environment]}`,
      `Lien URL : ${settings.apiBaseUrl}`,
      `URL du jeton : ${settings.tokenUrl}`,
      `Identifiant utilisateur : ${settings.login ?? '(non renseigné)'}`,
      `Identifiant client PISTE : ${settings.clientId ?? '(non renseigné)'}`,
      `Mot de passe : ${passwordStored ? 'enregistré dans le coffre-fort' : 'non enregistré pour ce Lien URL et cet identifiant'}`,
      `Secret client PISTE : ${snapshot.secrets.clientSecret ? 'enregistré dans le coffre-fort' : "non enregistré pour cette URL du jeton et cet identifiant client"}`,
      ...(missingSecret
        ? [
            "  Les secrets sont rangés dans le coffre-fort sous l'adresse et l'identifiant auxquels ils servent : après un changement de Lien URL, d'URL du jeton ou d'identifiant, ceux d'avant ne s'appliquent plus. Enregistrez-les pour les paramètres actuels avec set-password --password-stdin et set-client-secret --client-secret-stdin.",
          ]
        : []),
      `Alerte actualisation : ${settings.alertDelayMonths} mois`,
      `Date de dernière mise à jour : ${passwordStored && settings.passwordUpdatedAt ? frenchDay(settings.passwordUpdatedAt) : '(inconnue)'}`,
      !passwordStored
        ? 'Expiration du mot de passe : sans objet (aucun mot de passe enregistré)'
        : reminder.known
          ? `Expiration du mot de passe : ${frenchDay(reminder.expiresOn)} (${reminder.source === 'chorus-pro' ? 'date communiquée par Chorus Pro' : 'estimation : dernière mise à jour + 424 jours'})${reminder.due ? ' — renouvellement à prévoir dès maintenant' : `, rappel le ${frenchDay(reminder.dueOn)}`}`
          : 'Expiration du mot de passe : inconnue (enregistrez le prochain renouvellement avec set-password)',
      `Délai d'attente : ${settings.timeoutSeconds} s`,
      ...(settings.proxyUrl ? [`Proxy : ${settings.proxyUrl}`] : []),
      ...(settings.caCertificatePath ? [`Certificat d'autorité : ${settings.caCertificatePath}`] : []),
    ],
  };
}

/** A Lien URL of one known environment with the token URL of another: never what the user meant. */
function refuseMixedEndpoints(settings: StoredSettings): void {
  const apiOf = Object.entries(knownEnvironments).find(([, endpoints]) => endpoints.apiBaseUrl === settings.apiBaseUrl)?.[0];
  const tokenOf = Object.entries(knownEnvironments).find(([, endpoints]) => endpoints.tokenUrl === settings.tokenUrl)?.[0];
  if (apiOf === undefined || tokenOf === undefined || apiOf === tokenOf) return;
  const label = (name: string) => environmentLabels[name as StoredSettings['environment']];
  throw new AppError(
    'INVALID_INPUT',
    `le Lien URL serait celui de ${label(apiOf)} et l'URL du jeton celle de ${label(tokenOf)} ; pour ${label(apiOf)}, indiquez --env ${apiOf} (ses deux adresses), ou donnez aussi --token-url`,
  );
}

function withOverrides(context: CommandContext): StoredSettings {
  const settings = applySettingsChange(context.services.settings.read(), changeFromOptions(context.options));
  refuseMixedEndpoints(settings);
  return settings;
}
const hasOverrides = (context: CommandContext): boolean => connectionOptions.some((name) => context.options[name] !== undefined);

const run: Readonly<Record<string, (context: CommandContext) => Promise<Result>>> = {
  status,
  configure: async (context) => {
    if (!(commands.configure ?? []).some((name) => context.options[name] !== undefined)) {
      throw new AppError('INVALID_INPUT', 'configure : aucun paramètre indiqué, rien à enregistrer ; indiquez par exemple --env, --url, --login ou --client-id');
    }
    const change = changeFromOptions(context.options);
    // A file that is not a certificate is refused now, not at the next connection test.
    if (change.caCertificatePath) await readCaCertificate(change.caCertificatePath);
    const before = context.services.settings.read();
    refuseMixedEndpoints(applySettingsChange(before, change));
    const after = context.services.settings.update(change);
    const result = await status(context);
    const nowCustom = before.environment !== 'custom' && after.environment === 'custom';
    return {
      json: result.json,
      lines: [
        'Paramètres enregistrés.',
        ...(nowCustom ? [`L'environnement passe de ${environmentLabels[before.environment]} à Personnalisé : Lien URL ${after.apiBaseUrl} et URL du jeton ${after.tokenUrl} sont désormais en vigueur.`] : []),
        ...result.lines,
      ],
    };
  },
  test: async (context) => {
    const result = await context.services.connection.testConnection(withOverrides(context), { recordExpiry: !hasOverrides(context) });
    return {
      json: { ...result },
      lines: [`La connexion a été établie : les paramètres de connexion sont corrects. (${result.structureCount} structure(s), ${result.durationMs} ms)`],
    };
  },
  structures: async (context) => {
    const structures = await context.services.connection.listStructures(withOverrides(context));
    return {
      json: { structures },
      lines: [
        `${structures.length} structure(s) définie(s) dans Chorus Pro :`,
        ...structures.map((structure) => `${structure.identifierType} ${structure.identifier}  ${structure.designation}  [${structure.status || '—'}, ${structure.role || '—'}, ${structure.services.length} service(s)]`),
      ],
    };
  },
  'set-client-secret': async (context) => {
    const { tokenUrl, clientId } = context.services.settings.read();
    if (!clientId) throw new AppError('INVALID_INPUT', "Identifiant client PISTE : à renseigner d'abord (configure --client-id)");
    const secret = await secretFromStdin(context, 'client-secret-stdin');
    if (secret === '') throw new AppError('INVALID_INPUT', 'le secret client est vide');
    await context.services.secrets.set(secretAccounts.clientSecret(tokenUrl, clientId), secret);
    return { json: { stored: true }, lines: ['Secret client PISTE enregistré dans le coffre-fort.'] };
  },
  'set-password': async (context) => {
    const password = await secretFromStdin(context, 'password-stdin');
    const renewal = await context.services.renewPassword({
      password,
      verify: context.options['no-verify'] !== true,
      surroundingSpacesConfirmed: context.options['confirm-spaces'] === true,
    });
    return {
      json: { ...renewal },
      lines: [
        context.options['no-verify'] === true
          ? 'Mot de passe enregistré sans vérification auprès de Chorus Pro.'
          : 'Mot de passe vérifié auprès de Chorus Pro et enregistré.',
        `Date de dernière mise à jour : ${renewal.updatedAt}`,
      ],
    };
  },
  'export-profile': ({ services, file }) => {
    const target = resolve(file ?? '');
    const folder = dirname(target);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
      throw new AppError('INVALID_INPUT', `export-profile : le dossier ${folder} n'existe pas ; créez-le ou indiquez un fichier dans un dossier existant`);
    }
    writeFileSync(target, `${JSON.stringify(exportProfile(services.settings.read()), null, 2)}\n`);
    return Promise.resolve({ json: { file: target }, lines: [`Profil de déploiement exporté (sans aucun secret) : ${target}`] });
  },
  'import-profile': ({ services, file, userDataDir }) => {
    const profile = readProfile(resolve(file ?? ''));
    const changes = describeProfileChanges(services.settings.read(), profile);
    applyProfile(services.settings, profile, userDataDir);
    return Promise.resolve({
      json: { changes },
      lines: changes.length === 0
        ? ['Profil importé : les paramètres étaient déjà ceux du profil.']
        : ['Profil importé. Paramètres modifiés :', ...changes.map((change) => `  ${change.setting} : ${change.before} → ${change.after}`)],
    });
  },
  'set-proxy-password': async (context) => {
    const { proxyUrl } = context.services.settings.read();
    const proxy = proxyUrl ? new URL(proxyUrl) : undefined;
    if (!proxy?.username) throw new AppError('INVALID_INPUT', "Proxy : configurez d'abord une adresse avec l'identifiant (http://identifiant@proxy:port)");
    const password = await secretFromStdin(context, 'password-stdin');
    await context.services.secrets.set(proxyAccount(proxy), password);
    return { json: { stored: true }, lines: ['Mot de passe du proxy enregistré dans le coffre-fort.'] };
  },
};

/** What each option's value stands for, in the usage's words. */
const valueNames: Partial<Record<OptionName, string>> = {
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
};
const optionNames = Object.keys(optionSpec) as OptionName[];
const isOptionName = (name: string): name is OptionName => (optionNames as string[]).includes(name);

/** Bad usage, said in French: what is wrong first, and the nearest known word for a typo. */
function usageError(what: string): AppError {
  return new AppError('INVALID_INPUT', what);
}

function checkOptionTokens(argv: readonly string[]): void {
  const { tokens } = parseArgs({ args: [...argv], options: optionSpec, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    if (!isOptionName(token.name)) {
      const nearest = nearestName(token.name, optionNames);
      throw usageError(`option inconnue : ${token.rawName}${nearest ? ` ; vouliez-vous dire --${nearest} ?` : ''}`);
    }
    const spec = optionSpec[token.name];
    // `--user-data-dir --json`: the next option was taken for the missing value.
    const missing = token.value === undefined || (!token.inlineValue && token.value.startsWith('--'));
    if (spec.type === 'string' && missing) throw usageError(`l'option --${token.name} attend une valeur (--${token.name} ${valueNames[token.name] ?? 'VALEUR'})`);
    if (spec.type === 'boolean' && token.value !== undefined) throw usageError(`l'option --${token.name} ne prend pas de valeur`);
  }
}

function parse(argv: readonly string[]): { command: string; options: Options; file: string | undefined } {
  checkOptionTokens(argv);
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: optionSpec, allowPositionals: true, strict: true });
  } catch {
    // checkOptionTokens said what was wrong for every case known; never show parseArgs' English.
    throw usageError('options mal formées');
  }
  const [command, ...extra] = parsed.positionals;
  const options = parsed.values as Options;
  if (options.help === true) return { command: 'help', options, file: undefined };
  if (command === undefined) throw usageError('aucune commande indiquée ; les commandes sont : ' + Object.keys(commands).join(', '));
  const allowed = commands[command];
  if (!allowed) {
    const nearest = nearestName(command, Object.keys(commands));
    throw usageError(`commande inconnue : ${command}${nearest ? ` ; vouliez-vous dire ${nearest} ?` : ''}`);
  }
  const file = withFile.has(command) ? extra.shift() : undefined;
  if (withFile.has(command) && !file) throw usageError(`${command} attend un nom de fichier`);
  if (extra.length > 0) throw usageError(`argument inattendu : ${extra[0] ?? ''}`);
  const general: readonly OptionName[] = ['user-data-dir', 'json', 'help'];
  const misplaced = Object.keys(options).find((name) => !general.includes(name as OptionName) && !allowed.includes(name as OptionName));
  if (misplaced) throw usageError(`l'option --${misplaced} ne s'emploie pas avec ${command}`);
  return { command, options, file };
}

/** Failures that mean Chorus Pro could not be reached, not that it refused the password. */
const unreachable: ReadonlySet<FailureCode> = new Set(['DNS_FAILED', 'CONNECTION_FAILED', 'TIMEOUT', 'PROXY_FAILED', 'SERVER_ERROR']);

/** set-password checks with Chorus Pro first: when it cannot be reached, say how to save without checking. */
function withCommandAdvice(failure: Failure, argv: readonly string[]): Failure {
  if (!argv.includes('set-password') || argv.includes('--no-verify') || !unreachable.has(failure.code)) return failure;
  return {
    ...failure,
    message: `${failure.message} Si vous êtes sûr du mot de passe, enregistrez-le sans vérification en ajoutant --no-verify (il sera vérifié au prochain test).`,
  };
}

/**
 * The command line over the app's own services: same settings file, keychain and Chorus Pro
 * client. With --json it prints exactly one line. Returns the exit status.
 */
export async function runCli(argv: readonly string[], environment: CliEnvironment): Promise<number> {
  const json = argv.includes('--json');
  try {
    // Without a command there is nothing to do: that is bad usage, with the usage on standard error.
    if (argv.filter((argument) => argument !== '--json').length === 0) {
      if (!json) for (const line of usage) environment.warn(line);
      throw new AppError('INVALID_INPUT', 'aucune commande indiquée');
    }
    const { command, options, file } = parse(argv);
    if (command === 'help') {
      for (const line of usage) environment.print(line);
      return 0;
    }
    const userDataDir = text(options, 'user-data-dir') ?? defaultUserDataDir(environment.env);
    const services = createCoreServices({
      userDataDir,
      machineProfilePath: machineProfilePath(environment.env),
      openSettingsBackend: openConfBackend,
      secrets: environment.secretsFor(environment.env),
      send: environment.send,
      clock: environment.clock,
      // What the command line did goes to the same support log as the app's.
      logger: createLogger(createLogFileSink(userDataDir, environment.clock)),
    });
    const handler = run[command];
    if (!handler) throw new AppError('INVALID_INPUT', `commande inconnue : ${command}`);
    const result = await handler({ services, options, environment, file, userDataDir });
    if (json) environment.print(JSON.stringify({ ok: true, ...result.json }));
    else for (const line of result.lines) environment.print(line);
    return 0;
  } catch (error) {
    const failure = withCommandAdvice(toFailure(error, 'command-line'), argv);
    if (json) environment.print(JSON.stringify(failure));
    else environment.warn(`Erreur (${failure.code}) : ${failure.message}`);
    return usageCodes.has(failure.code) ? 2 : 1;
  }
}
