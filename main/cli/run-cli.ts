import { chmodSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { privateFileMode } from '../private-files';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseISO } from 'date-fns';
import { frenchDay as plainFrenchDay } from '../dates/plain-day';
import { z } from 'zod';
import { environmentNames, settingsChangeSchema, type Failure, type FailureCode, type SettingsChange } from '../../preload/contract';
import type { HttpSend } from '../chorus/http-transport';
import { proxyAccount, readCaCertificate } from '../chorus/connection-service';
import type { Clock } from '../clock';
import { AppError, toFailure } from '../errors';
import { settingsSnapshot } from '../handlers';
import { createLogFileSink } from '../logging/log-file';
import { createLogger } from '../logger';
import { assertCanEnterPasswordDay, parseCommunicatedDay } from '../credentials/password-date';
import { describeProfileChanges, parseSingleProfile, readProfileData } from '../profiles/deployment-profile';
import { buildAccountsProfile, describeAccountsProfileChanges, importAccountsProfile, parseAccountsProfile } from '../profiles/accounts-profile';
import { buildProfile, importProfile } from '../profiles/profile-transfer';
import { machineProfilePath } from '../profiles/machine-profile';
import type { SecretStore } from '../secrets/secret-store';
import { secretAccounts } from '../secrets/secret-store';
import { createCoreServices, type CoreServices } from '../services';
import { openConfBackend } from '../settings/conf-backend';
import { storedSettingsSchema, type StoredSettings } from '../settings/settings-schema';
import { applySettingsChange } from '../settings/settings-store';
import { storedProxy } from '../net/url-policy';
import { accountsCommand, servicesForCommand, testAllAccounts, type CommandResult } from './accounts-commands';
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
  'password-updated-on': { type: 'string' },
  'with-secrets': { type: 'boolean' },
  'passphrase-stdin': { type: 'boolean' },
  account: { type: 'string' },
  all: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;
type OptionName = keyof typeof optionSpec;
type Options = Partial<Record<OptionName, string | boolean>>;

const connectionOptions: readonly OptionName[] = ['env', 'url', 'token-url', 'login', 'client-id', 'timeout', 'ca-file', 'proxy'];
const commands: Readonly<Record<string, readonly OptionName[]>> = {
  configure: [...connectionOptions, 'alert-delay', 'password-updated-on'],
  status: [],
  test: [...connectionOptions, 'all'],
  accounts: [],
  structures: connectionOptions,
  'set-client-secret': ['client-secret-stdin'],
  'set-password': ['password-stdin', 'no-verify', 'confirm-spaces', 'password-updated-on'],
  'set-proxy-password': ['password-stdin'],
  'export-profile': ['with-secrets', 'passphrase-stdin', 'all'],
  'import-profile': ['passphrase-stdin'],
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
  const keys = Object.keys(storedSettingsSchema.shape).filter((key) => key !== 'schemaVersion' && key !== 'machineProfileSecretsPending');
  return Object.fromEntries(keys.map((key) => [key, (settings as Record<string, unknown>)[key] ?? null]));
}

interface CommandContext {
  readonly services: CoreServices;
  /** What follows the command: `accounts add NOM`. */
  readonly positionals: readonly string[];
  readonly options: Options;
  readonly environment: CliEnvironment;
  readonly file: string | undefined;
  readonly userDataDir: string;
}

async function secretFromStdin(context: CommandContext, flag: OptionName): Promise<string> {
  if (context.options[flag] !== true) throw new AppError('INVALID_INPUT', `--${flag} est obligatoire : le secret se lit sur l'entrée standard, jamais en argument`);
  // Reading starts first: at a terminal, echo is off before the user is asked to type.
  const reading = context.environment.readSecret();
  if (context.environment.stdinIsTerminal) context.environment.warn('Saisissez le secret (il ne s’affiche pas) puis validez par Entrée :');
  return reading;
}

type Result = CommandResult;

const environmentLabels: Readonly<Record<StoredSettings['environment'], string>> = {
  production: 'Production',
  qualification: 'Qualification',
  custom: 'Personnalisé',
};
/** A day as a French reader writes it; --json keeps ISO dates. */
const frenchDay = (isoDayOrInstant: string): string => plainFrenchDay(parseISO(isoDayOrInstant));

async function status({ services, environment }: CommandContext): Promise<Result> {
  const snapshot = await settingsSnapshot(services.settings, services.secrets, environment.clock);
  const settings = services.settings.read();
  const { secrets } = snapshot;
  const presence = (stored: boolean | null) => (stored === null ? 'inconnu (coffre-fort inaccessible)' : stored ? 'enregistré dans le coffre-fort' : 'non enregistré');
  // The update date and the expiry are those of a password; with none stored for this address
  // and login (a login changed since), they belong to another account and are not shown. A
  // keychain that cannot be read says nothing either way: they are shown.
  const passwordStored = secrets.password !== false;
  const reminder = passwordStored ? snapshot.reminder : ({ known: false, due: false } as const);
  const missingSecret = secrets.password === false || secrets.clientSecret === false;
  return {
    json: {
      account: { name: services.settings.accountName() },
      settings: settingsForJson(settings),
      secrets: { password: secrets.password, passwordVerified: secrets.passwordVerified, clientSecret: secrets.clientSecret },
      ...(snapshot.keychainUnavailable ? { keychainUnavailable: true } : {}),
      reminder: reminder.known
        ? { due: reminder.due, dueOn: reminder.dueOn, expiresOn: reminder.expiresOn, source: reminder.source }
        : { due: false, dueOn: null, expiresOn: null, source: null },
      ...(snapshot.recoveredFrom ? { recoveredFrom: snapshot.recoveredFrom } : {}),
    },
    lines: [
      ...(snapshot.recoveredFrom ? [`Attention : le fichier de paramètres était illisible ; il a été conservé sous ${snapshot.recoveredFrom} et les valeurs par défaut ont été reprises.`] : []),
      ...(snapshot.accountCount > 1 ? [`Compte technique : ${services.settings.accountName()}`] : []),
      ...(snapshot.keychainUnavailable
        ? ["Attention : le coffre-fort de mots de passe est inaccessible ; les paramètres ci-dessous sont à jour, mais la présence des secrets n'a pas pu être vérifiée."]
        : []),
      `Environnement : ${environmentLabels[settings.environment]}`,
      `Lien URL : ${settings.apiBaseUrl}`,
      `URL du jeton : ${settings.tokenUrl}`,
      `Identifiant utilisateur : ${settings.login ?? '(non renseigné)'}`,
      `Identifiant client PISTE : ${settings.clientId ?? '(non renseigné)'}`,
      `Mot de passe : ${secrets.password === false ? 'non enregistré pour ce Lien URL et cet identifiant' : presence(secrets.password)}${secrets.passwordVerified === false ? ' — enregistré sans vérification : lancez « test » dès que le poste a accès à Chorus Pro' : ''}`,
      `Secret client PISTE : ${secrets.clientSecret === false ? 'non enregistré pour cette URL du jeton, ce Lien URL et cet identifiant client' : presence(secrets.clientSecret)}`,
      ...(missingSecret
        ? [
            "  Les secrets sont rangés dans le coffre-fort sous l'adresse et l'identifiant auxquels ils servent : après un changement de Lien URL, d'URL du jeton ou d'identifiant, ceux d'avant ne s'appliquent plus. Enregistrez-les pour les paramètres actuels avec set-password --password-stdin et set-client-secret --client-secret-stdin.",
          ]
        : []),
      `Alerte actualisation : ${settings.alertDelayMonths} mois`,
      `Date de dernière mise à jour : ${passwordStored && settings.passwordUpdatedAt ? frenchDay(settings.passwordUpdatedAt) : '(inconnue)'}`,
      reminder.known
        ? `Expiration du mot de passe : ${frenchDay(reminder.expiresOn)} (${reminder.source === 'chorus-pro' ? 'date communiquée par Chorus Pro' : 'estimation : dernière mise à jour + 424 jours'})${reminder.due ? ' — renouvellement à prévoir dès maintenant' : `, rappel le ${frenchDay(reminder.dueOn)}`}`
        : passwordStored
          ? 'Expiration du mot de passe : inconnue (donnez la date où Chorus Pro a communiqué le mot de passe : configure --password-updated-on AAAA-MM-JJ)'
          : 'Expiration du mot de passe : sans objet (aucun mot de passe enregistré)',
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
    const { settings } = context.services;
    const change = changeFromOptions(context.options);
    // A file that is not a certificate (or holds a private key) is refused now, not at the next test.
    if (change.caCertificatePath) await readCaCertificate(change.caCertificatePath);
    const before = settings.read();
    const next = applySettingsChange(before, change);
    refuseMixedEndpoints(next);
    const dayText = text(context.options, 'password-updated-on');
    // Everything is checked before the first write: a refused date leaves the settings as they were.
    const day = dayText === undefined ? undefined : parseCommunicatedDay(dayText, context.environment.clock());
    if (day !== undefined) assertCanEnterPasswordDay(next);
    const after = settings.update(change);
    if (day !== undefined) settings.recordPasswordCommunicatedOn(day);
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
    if (context.options.all === true) {
      if (hasOverrides(context) || context.options.account !== undefined) throw new AppError('INVALID_INPUT', "--all teste chaque compte tel qu'il est enregistré : il ne se combine ni avec --account ni avec des options de connexion");
      return testAllAccounts(context.services);
    }
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
    const current = context.services.settings.read();
    const { clientId } = current;
    if (!clientId) throw new AppError('INVALID_INPUT', "Identifiant client PISTE : à renseigner d'abord (configure --client-id)");
    const secret = await secretFromStdin(context, 'client-secret-stdin');
    if (secret === '') throw new AppError('INVALID_INPUT', 'le secret client est vide');
    await context.services.secrets.set(secretAccounts.clientSecret(current, clientId), secret);
    return { json: { stored: true }, lines: ['Secret client PISTE enregistré dans le coffre-fort.'] };
  },
  'set-password': async (context) => {
    const communicatedOn = text(context.options, 'password-updated-on');
    if (communicatedOn !== undefined && context.options['no-verify'] !== true) {
      throw new AppError('INVALID_INPUT', "--password-updated-on s'emploie avec --no-verify : un mot de passe vérifié par Chorus Pro est daté d'aujourd'hui");
    }
    const password = await secretFromStdin(context, 'password-stdin');
    const renewal = await context.services.renewPassword({
      password,
      verify: context.options['no-verify'] !== true,
      surroundingSpacesConfirmed: context.options['confirm-spaces'] === true,
      ...(communicatedOn !== undefined ? { communicatedOn } : {}),
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
  'export-profile': async (context) => {
    const { services, file, options } = context;
    const target = resolve(file ?? '');
    const folder = dirname(target);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
      throw new AppError('INVALID_INPUT', `export-profile : le dossier ${folder} n'existe pas ; créez-le ou indiquez un fichier dans un dossier existant`);
    }
    const withSecrets = options['with-secrets'] === true;
    if (!withSecrets && options['passphrase-stdin'] === true) throw new AppError('INVALID_INPUT', '--passphrase-stdin ne sert qu’avec --with-secrets');
    const passphrase = withSecrets ? await secretFromStdin(context, 'passphrase-stdin') : undefined;
    const allAccounts = options.all === true;
    const profile = allAccounts
      ? await buildAccountsProfile(services.settings.accounts.list(), services.secrets, passphrase)
      : await buildProfile(servicesForCommand(services, text(options, 'account')).settings.read(), services.secrets, passphrase);
    // Readable by its owner only, even when it replaces a file: the secrets, though encrypted, can
    // be attacked offline by whoever reads them.
    writeFileSync(target, `${JSON.stringify(profile, null, 2)}\n`, { mode: privateFileMode });
    chmodSync(target, privateFileMode);
    services.logger.info('profile.exported', { withSecrets });
    return {
      json: { file: target, withSecrets, ...(allAccounts ? { accounts: services.settings.accounts.list().length } : {}) },
      lines: [
        ...(allAccounts ? [`${services.settings.accounts.list().length} compte(s) technique(s) dans le profil.`] : []),
        withSecrets
          ? `Profil de déploiement exporté, mots de passe chiffrés par la phrase secrète : ${target}`
          : `Profil de déploiement exporté (sans aucun secret) : ${target}`,
        ...(withSecrets ? ['Transmettez la phrase secrète par un autre moyen que le fichier (de vive voix, par téléphone).'] : []),
      ],
    };
  },
  'import-profile': async (context) => {
    const { file, userDataDir, options } = context;
    const data = readProfileData(resolve(file ?? ''));
    const several = typeof data === 'object' && data !== null && 'profileVersion' in data && data.profileVersion === 3;
    // A profile of several accounts names them; one of a single account goes to the chosen one.
    const services = several ? context.services : servicesForCommand(context.services, text(options, 'account'));
    if (several && options.account !== undefined) throw new AppError('INVALID_INPUT', 'ce profil contient plusieurs comptes, chacun nommé : --account ne sert pas ici');
    const profile = several ? parseAccountsProfile(data) : parseSingleProfile(data);
    const encrypted = profile.profileVersion === 2 || (profile.profileVersion === 3 && profile.secrets !== undefined);
    if (encrypted && options['passphrase-stdin'] !== true) {
      throw new AppError('PROFILE_REFUSED', 'ce profil contient des mots de passe chiffrés : donnez sa phrase secrète avec --passphrase-stdin');
    }
    const passphrase = encrypted ? await secretFromStdin(context, 'passphrase-stdin') : undefined;
    const transfer = { settings: services.settings, secrets: services.secrets, userDataDir, logger: services.logger };
    const changes = profile.profileVersion === 3 ? describeAccountsProfileChanges(services.settings.accounts.list(), profile) : describeProfileChanges(services.settings.read(), profile);
    await (profile.profileVersion === 3 ? importAccountsProfile(transfer, profile, passphrase) : importProfile(transfer, profile, passphrase));
    services.logger.info('profile.imported', { withSecrets: passphrase !== undefined });
    return {
      json: { changes, withSecrets: passphrase !== undefined },
      lines: [
        ...(changes.length === 0
          ? ['Profil importé : les paramètres étaient déjà ceux du profil.']
          : ['Profil importé. Paramètres modifiés :', ...changes.map((change) => `  ${change.setting} : ${change.before} → ${change.after}`)]),
        ...(passphrase !== undefined
          ? ['Mots de passe du profil enregistrés dans le coffre-fort de ce poste, sans vérification : lancez « test » dès que le poste a accès à Chorus Pro.']
          : []),
      ],
    };
  },
  accounts: (context) => accountsCommand(context.services, context.environment.clock, context.positionals),
  'set-proxy-password': async (context) => {
    const { proxyUrl } = context.services.settings.read();
    const proxy = storedProxy(proxyUrl);
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

function parse(argv: readonly string[]): { command: string; options: Options; file: string | undefined; positionals: readonly string[] } {
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
  if (options.help === true) return { command: 'help', options, file: undefined, positionals: [] };
  if (command === undefined) throw usageError('aucune commande indiquée ; les commandes sont : ' + Object.keys(commands).join(', '));
  const allowed = commands[command];
  if (!allowed) {
    const nearest = nearestName(command, Object.keys(commands));
    throw usageError(`commande inconnue : ${command}${nearest ? ` ; vouliez-vous dire ${nearest} ?` : ''}`);
  }
  // Account names follow `accounts`: they are names, never secrets.
  const positionals = command === 'accounts' ? extra.splice(0, 3) : [];
  const file = withFile.has(command) ? extra.shift() : undefined;
  if (withFile.has(command) && !file) throw usageError(`${command} attend un nom de fichier`);
  // Its value is never repeated: it may be a secret typed where it does not belong.
  if (extra.length > 0) throw usageError(`argument inattendu après « ${command} » (sa valeur n'est pas répétée ; un secret se donne sur l'entrée standard)`);
  const general: readonly OptionName[] = ['user-data-dir', 'json', 'help', ...(command === 'accounts' ? [] : ['account' as const])];
  const misplaced = Object.keys(options).find((name) => !general.includes(name as OptionName) && !allowed.includes(name as OptionName));
  if (misplaced) throw usageError(`l'option --${misplaced} ne s'emploie pas avec ${command}`);
  return { command, options, file, positionals };
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
    const { command, options, file, positionals } = parse(argv);
    if (command === 'help') {
      for (const line of usage) environment.print(line);
      return 0;
    }
    const userDataDir = text(options, 'user-data-dir') ?? defaultUserDataDir(environment.env);
    const opened = createCoreServices({
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
    // These choose their account themselves (or act on all): the others act on one, named or only.
    const acrossAccounts = command === 'accounts' || command === 'export-profile' || command === 'import-profile' || (command === 'test' && options.all === true);
    const services = acrossAccounts ? opened : servicesForCommand(opened, text(options, 'account'));
    const result = await handler({ services, options, environment, file, userDataDir, positionals });
    if (json) environment.print(JSON.stringify({ ok: result.failed !== true, ...result.json }));
    else for (const line of result.lines) environment.print(line);
    return result.failed === true ? 1 : 0;
  } catch (error) {
    const failure = withCommandAdvice(toFailure(error, 'command-line'), argv);
    if (json) environment.print(JSON.stringify(failure));
    else environment.warn(`Erreur (${failure.code}) : ${failure.message}`);
    return usageCodes.has(failure.code) ? 2 : 1;
  }
}
