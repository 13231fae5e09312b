import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseISO } from 'date-fns';
import { frenchDay as plainFrenchDay } from '../dates/plain-day';
import { z } from 'zod';
import { environmentNames, settingsChangeSchema, type Failure, type FailureCode, type SettingsChange } from '../../preload/contract';
import type { HttpSend } from '../chorus/http-transport';
import { proxyAccount, readCaCertificate } from '../chorus/connection-service';
import { keepCaCopy } from '../net/ca-file-copy';
import { confirmedBy } from '../hosts/host-confirmation';
import { replacePrivateFile } from '../files/private-replace';
import type { Clock } from '../dates/clock';
import { AppError, toFailure } from '../failures/errors';
import { secretsPresence, settingsSnapshot } from '../accounts/settings-snapshot';
import { createLogFileSink } from '../logging/log-file';
import { createLogger } from '../logging/logger';
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
import { applySettingsChange } from '../settings/settings-change';
import { storedProxy } from '../net/url-policy';
import { accountsCommand, servicesForCommand, testAllAccounts, type CommandResult } from './accounts-commands';
import { knownEnvironments } from '../settings/environments';
import { environmentLabels } from '../settings/environment-labels';
import { environmentFromWord } from './environment-word';
import { lastCheckText } from '../chorus/last-check-text';
import { withNotifications, type Notifier } from './daily-check';
import { nearestName } from './nearest-name';
import { scheduleCommand } from './schedule-command';
import type { SchtasksRunner } from '../schedule/daily-check-schedule';
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
  /** The desktop's notifications (`test --all --notify`): only the installed app has them. */
  readonly notifier?: Notifier;
  /** `schedule`: the system, the schtasks runner and the installed executable (defaults: this process's). */
  readonly platform?: NodeJS.Platform;
  readonly runSchtasks?: SchtasksRunner;
  readonly executablePath?: string;
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
  notify: { type: 'boolean' },
  at: { type: 'string' },
  executable: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;
type OptionName = keyof typeof optionSpec;
type Options = Partial<Record<OptionName, string | boolean>>;

const connectionOptions: readonly OptionName[] = ['env', 'url', 'token-url', 'login', 'client-id', 'timeout', 'ca-file', 'proxy'];
const commands: Readonly<Record<string, readonly OptionName[]>> = {
  configure: [...connectionOptions, 'alert-delay', 'password-updated-on'],
  status: [],
  test: [...connectionOptions, 'all', 'notify'],
  accounts: [],
  structures: connectionOptions,
  'set-client-secret': ['client-secret-stdin'],
  'set-password': ['password-stdin', 'no-verify', 'confirm-spaces', 'password-updated-on'],
  'set-proxy-password': ['password-stdin'],
  'export-profile': ['with-secrets', 'passphrase-stdin', 'all'],
  'import-profile': ['passphrase-stdin'],
  schedule: ['at', 'executable'],
};
/** Commands that take a file name after them. */
const withFile: ReadonlySet<string> = new Set(['export-profile', 'import-profile']);

/** Bad usage and refused input end with status 2; an operation that failed, with 1. */
const usageCodes: ReadonlySet<FailureCode> = new Set(['INVALID_INPUT', 'INSECURE_URL', 'PASSWORD_REFUSED', 'CONFIRMATION_REQUIRED', 'PROFILE_REFUSED']);

const environmentOption = z
  .string()
  .transform(environmentFromWord)
  .pipe(z.enum(environmentNames, { error: '--env : environnement inconnu ; valeurs possibles : production, qualification, custom (Production, Qualification, Personnalisé)' }));
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
  // The expiry's structure is told with the reminder (reminder.expiryStructure), where it means something; the last check has its own place.
  const keys = Object.keys(storedSettingsSchema.shape).filter((key) => key !== 'schemaVersion' && key !== 'machineProfileSecretsPending' && key !== 'chorusPasswordExpiryStructure' && key !== 'lastCheck');
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
        ? { due: reminder.due, dueOn: reminder.dueOn, expiresOn: reminder.expiresOn, source: reminder.source, ...(reminder.expiryStructure ? { expiryStructure: reminder.expiryStructure } : {}) }
        : { due: false, dueOn: null, expiresOn: null, source: null },
      ...(snapshot.recoveredFrom ? { recoveredFrom: snapshot.recoveredFrom } : {}),
      lastCheck: settings.lastCheck ?? null,
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
      `Date de dernière mise à jour : ${settings.passwordUpdatedAt && (passwordStored || settings.passwordVerified === false) ? `${frenchDay(settings.passwordUpdatedAt)}${passwordStored ? '' : ' (provisoire : aucun mot de passe enregistré pour ce Lien URL et cet identifiant)'}` : '(inconnue)'}`,
      reminder.known
        ? `Expiration du mot de passe : ${frenchDay(reminder.expiresOn)} (${reminder.source === 'chorus-pro' ? 'date communiquée par Chorus Pro' : 'estimation : dernière mise à jour + 424 jours'})${reminder.due ? ' — renouvellement à prévoir dès maintenant' : `, rappel le ${frenchDay(reminder.dueOn)}`}`
        : passwordStored
          ? 'Expiration du mot de passe : inconnue (donnez la date où Chorus Pro a communiqué le mot de passe : configure --password-updated-on AAAA-MM-JJ)'
          : 'Expiration du mot de passe : sans objet (aucun mot de passe enregistré)',
      ...(reminder.known && reminder.expiryStructure ? [`  Date lue sur la structure « ${reminder.expiryStructure} » : la plus proche parmi les structures rattachées.`] : []),
      lastCheckText(settings.lastCheck),
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
    const caSource = change.caCertificatePath;
    refuseMixedEndpoints(next);
    const dayText = text(context.options, 'password-updated-on');
    // Everything is checked before the first write: a refused date leaves the settings as they were.
    const day = dayText === undefined ? undefined : parseCommunicatedDay(dayText, context.environment.clock());
    const passwordStored = day === undefined ? null : ((await secretsPresence(next, context.services.secrets))?.password ?? null);
    if (day !== undefined) assertCanEnterPasswordDay(next, passwordStored);
    // Connections read the private copy from now on, never the given file again.
    const after = settings.update(caSource ? { ...change, caCertificatePath: await keepCaCopy(caSource, context.userDataDir) } : change);
    // Typed ahead of any password, the date stays provisional (not verified): it can be corrected.
    if (day !== undefined) {
      if (passwordStored === false) settings.recordPasswordUpdate(day, false);
      else settings.recordPasswordCommunicatedOn(day);
    }
    // Typed by the user: the screen does not ask about these hosts again.
    settings.addConfirmedHosts(confirmedBy([after]));
    const result = await status(context);
    const nowCustom = before.environment !== 'custom' && after.environment === 'custom';
    return {
      json: result.json,
      lines: [
        'Paramètres enregistrés.',
        ...(caSource ? [`Certificat d'autorité copié dans le dossier de l'application : ${after.caCertificatePath ?? ''} (le fichier ${caSource} n'est plus lu).`] : []),
        ...(nowCustom ? [`L'environnement passe de ${environmentLabels[before.environment]} à Personnalisé : Lien URL ${after.apiBaseUrl} et URL du jeton ${after.tokenUrl} sont désormais en vigueur.`] : []),
        ...result.lines,
      ],
    };
  },
  test: async (context) => {
    if (context.options.all === true) {
      if (hasOverrides(context) || context.options.account !== undefined) throw new AppError('INVALID_INPUT', "--all teste chaque compte tel qu'il est enregistré : il ne se combine ni avec --account ni avec des options de connexion");
      const result = await testAllAccounts(context.services);
      return context.options.notify === true ? withNotifications(result, context.services.settings.accounts.list(), context.environment.clock, context.environment.notifier) : result;
    }
    if (context.options.notify === true) throw new AppError('INVALID_INPUT', '--notify accompagne la vérification de tous les comptes : test --all --notify');
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
        `Date de dernière mise à jour : ${frenchDay(renewal.updatedAt)}`,
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
    await replacePrivateFile(target, `${JSON.stringify(profile, null, 2)}\n`);
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
    services.settings.addConfirmedHosts(confirmedBy(profile.profileVersion === 3 ? services.settings.accounts.list().filter((account) => profile.accounts.some((imported) => imported.name === account.name)) : [services.settings.read()]));
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
  schedule: (context) => {
    const at = text(context.options, 'at');
    const executable = text(context.options, 'executable');
    const userDataDir = text(context.options, 'user-data-dir');
    return scheduleCommand(context.positionals[0], { ...(at === undefined ? {} : { at }), ...(executable === undefined ? {} : { executable }), ...(userDataDir === undefined ? {} : { userDataDir: resolve(userDataDir) }) }, context.environment);
  },
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
  at: 'HH:MM',
  executable: 'CHEMIN',
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
      // `--password secret`: a secret typed as an argument; its value is never repeated.
      const fromStdin = `${token.name}-stdin`;
      if (isOptionName(fromStdin)) throw usageError(`option inconnue : ${token.rawName} ; un secret ne se donne jamais en argument, il se lit sur l'entrée standard : --${fromStdin} (par exemple printf '%s' "$SECRET" | … --${fromStdin})`);
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

export function parse(argv: readonly string[]): { command: string; options: Options; file: string | undefined; positionals: readonly string[] } {
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
  const positionals = command === 'accounts' ? extra.splice(0, 3) : command === 'schedule' ? extra.splice(0, 1) : [];
  const file = withFile.has(command) ? extra.shift() : undefined;
  if (withFile.has(command) && !file) throw usageError(`${command} attend un nom de fichier`);
  // Its value is never repeated: it may be a secret typed where it does not belong.
  if (extra.length > 0) throw usageError(`argument inattendu après « ${command} » (sa valeur n'est pas répétée ; un secret se donne sur l'entrée standard)`);
  const general: readonly OptionName[] = ['user-data-dir', 'json', 'help', ...(command === 'accounts' || command === 'schedule' ? [] : ['account' as const])];
  const misplaced = Object.keys(options).find((name) => !general.includes(name as OptionName) && !allowed.includes(name as OptionName));
  if (misplaced) throw usageError(`l'option --${misplaced} ne s'emploie pas avec ${command}`);
  return { command, options, file, positionals };
}

/** Commands that change nothing a user typed: they need settings that exist. */
const readsOnly = (command: string, positionals: readonly string[]): boolean =>
  ['status', 'test', 'structures', 'export-profile'].includes(command) || (command === 'accounts' && positionals.length === 0);

/** Failures that mean Chorus Pro could not check the password (unreachable, PISTE down or throttling), not that it refused it. */
const unreachable: ReadonlySet<FailureCode> = new Set(['DNS_FAILED', 'CONNECTION_FAILED', 'TIMEOUT', 'PROXY_FAILED', 'SERVER_ERROR', 'OAUTH_UNAVAILABLE', 'RATE_LIMITED']);

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
    const givenFolder = text(options, 'user-data-dir');
    // A mistyped folder for a command that only reads would show the defaults as if they were the
    // settings, and create the folder: refused, nothing created.
    if (givenFolder !== undefined && readsOnly(command, positionals) && !existsSync(givenFolder)) {
      throw new AppError('INVALID_INPUT', "--user-data-dir : ce dossier n'existe pas (rien n'a été créé) ; vérifiez le chemin, ou créez le dossier en configurant d'abord le poste avec configure");
    }
    const userDataDir = givenFolder ?? defaultUserDataDir(environment.env);
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
    await opened.secretsMigrated;
    const handler = run[command];
    if (!handler) throw new AppError('INVALID_INPUT', `commande inconnue : ${command}`);
    // These choose their account themselves (or act on all): the others act on one, named or only.
    const acrossAccounts = command === 'accounts' || command === 'schedule' || command === 'export-profile' || command === 'import-profile' || (command === 'test' && options.all === true);
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
