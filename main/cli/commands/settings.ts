// `status` and `configure`: the account's settings, shown and saved.
import { readCaCertificate } from '../../chorus/connection-service';
import { lastCheckText } from '../../chorus/last-check-text';
import { assertCanEnterPasswordDay, parseCommunicatedDay } from '../../credentials/password-date';
import { AppError } from '../../failures/errors';
import { confirmedBy } from '../../hosts/host-confirmation';
import { secretsPresence, settingsSnapshot } from '../../accounts/settings-snapshot';
import { keepCaCopy } from '../../net/ca-file-copy';
import { environmentLabels } from '../../settings/environment-labels';
import { storedSettingsSchema, type StoredSettings } from '../../settings/settings-schema';
import { applySettingsChange } from '../../settings/settings-change';
import type { Command, CommandContext } from '../command';
import type { CommandResult } from '../command-result';
import {
  changeFromOptions,
  connectionOptions,
  refuseCustomApiWithKnownToken,
  refuseMixedEndpoints,
} from '../connection-options';
import { text, type OptionName } from '../options';
import { frenchDay } from '../output';
import { withFleetStatus } from '../fleet-status-lines';
import { withMachineProfileStatus } from '../machine-profile-status-lines';
import { exchangeLines, programsLine } from '../exchange-lines';
import { programsForbiddenBy } from '../../destinations/exchange-view';

/** Every settings key, absent ones as null, so that scripts can rely on the shape. */
function settingsForJson(settings: StoredSettings): Record<string, unknown> {
  // The expiry's structure is told with the reminder (reminder.expiryStructure), where it means
  // something; the last check has its own place;
  // the connections a test opens ahead (structuresReadForExpiry) are the app's own business.
  const keys = Object.keys(storedSettingsSchema.shape).filter(
    (key) =>
      ![
        'schemaVersion',
        'machineProfileSecretsPending',
        'chorusPasswordExpiryStructure',
        'lastCheck',
        'caForCustomHostsOnly',
        'exchange',
        'manualDestinations',
        'allowPrograms',
        'structuresReadForExpiry',
      ].includes(key),
  );
  return Object.fromEntries(keys.map((key) => [key, (settings as Record<string, unknown>)[key] ?? null]));
}

async function showStatus({ services, account, environment }: CommandContext): Promise<CommandResult> {
  const snapshot = await settingsSnapshot(services.workstation, account.settings, services.secrets, environment.clock);
  const settings = account.settings.read();
  const { secrets } = snapshot;
  const presence = (stored: boolean | null) =>
    stored === null
      ? 'inconnu (coffre-fort inaccessible)'
      : stored
        ? 'enregistré dans le coffre-fort'
        : 'non enregistré';
  // The update date and the expiry are those of a password; with none stored for this address
  // and login (a login changed since), they belong to another account and are not shown. A
  // keychain that cannot be read says nothing either way: they are shown.
  const passwordStored = secrets.password !== false;
  const reminder = passwordStored ? snapshot.reminder : ({ known: false, due: false } as const);
  const missingSecret = secrets.password === false || secrets.clientSecret === false;
  // The copies of the password (the exchange software) and the permission given to local programs.
  const exchange = await account.exchange.view();
  return {
    json: {
      account: { name: account.name },
      settings: settingsForJson(settings),
      secrets: {
        password: secrets.password,
        passwordVerified: secrets.passwordVerified,
        clientSecret: secrets.clientSecret,
      },
      ...(snapshot.keychainUnavailable ? { keychainUnavailable: true } : {}),
      reminder: reminder.known
        ? {
            due: reminder.due,
            dueOn: reminder.dueOn,
            expiresOn: reminder.expiresOn,
            source: reminder.source,
            ...(reminder.expiryStructure ? { expiryStructure: reminder.expiryStructure } : {}),
          }
        : { due: false, dueOn: null, expiresOn: null, source: null },
      ...(snapshot.recoveredFrom ? { recoveredFrom: snapshot.recoveredFrom } : {}),
      ...(snapshot.machineProfileRefusal === undefined
        ? {}
        : { machineProfileRefusal: snapshot.machineProfileRefusal }),
      ...(settings.caCertificatePath ? { authorityForOfficialHosts: settings.caForCustomHostsOnly !== true } : {}),
      lastCheck: settings.lastCheck ?? null,
      exchange,
    },
    lines: [
      ...(snapshot.recoveredFrom
        ? [
            `Attention : le fichier de paramètres était illisible ; il a été conservé sous ${snapshot.recoveredFrom} et les valeurs par défaut ont été reprises.`,
          ]
        : []),
      ...(snapshot.machineProfileRefusal === undefined ? [] : [`Attention : ${snapshot.machineProfileRefusal}`]),
      ...(snapshot.accountCount > 1 ? [`Compte technique : ${account.name}`] : []),
      ...(snapshot.keychainUnavailable
        ? [
            "Attention : le coffre-fort de mots de passe est inaccessible ; les paramètres ci-dessous sont à jour, mais la présence des secrets n'a pas pu être vérifiée.",
          ]
        : []),
      `Environnement : ${environmentLabels[settings.environment]}`,
      `Lien URL : ${settings.apiBaseUrl}`,
      `URL du jeton : ${settings.tokenUrl}`,
      `Identifiant utilisateur : ${settings.login ?? '(non renseigné)'}`,
      `Identifiant client PISTE : ${settings.clientId ?? '(non renseigné)'}`,
      'Mot de passe : ' +
        (secrets.password === false
          ? 'non enregistré pour ce Lien URL et cet identifiant'
          : presence(secrets.password)) +
        (secrets.passwordVerified === false
          ? ' — enregistré sans vérification : lancez « test » dès que le poste a accès à Chorus Pro'
          : ''),
      'Secret client PISTE : ' +
        (secrets.clientSecret === false
          ? 'non enregistré pour cette URL du jeton, ce Lien URL et cet identifiant client'
          : presence(secrets.clientSecret)),
      ...(missingSecret
        ? [
            "  Les secrets sont rangés dans le coffre-fort sous l'adresse et l'identifiant auxquels ils servent : après un changement de Lien URL, d'URL du jeton ou d'identifiant, ceux d'avant ne s'appliquent plus. Enregistrez-les pour les paramètres actuels avec set-password --password-stdin et set-client-secret --client-secret-stdin.",
          ]
        : []),
      `Alerte actualisation : ${settings.alertDelayMonths} mois`,
      'Date de dernière mise à jour : ' +
        (settings.passwordUpdatedAt && (passwordStored || settings.passwordVerified === false)
          ? frenchDay(settings.passwordUpdatedAt) +
            (passwordStored ? '' : ' (provisoire : aucun mot de passe enregistré pour ce Lien URL et cet identifiant)')
          : '(inconnue)'),
      reminder.known
        ? `Expiration du mot de passe : ${frenchDay(reminder.expiresOn)} (` +
          (reminder.source === 'chorus-pro'
            ? 'date communiquée par Chorus Pro'
            : 'estimation : dernière mise à jour + 424 jours') +
          ')' +
          (reminder.due ? ' — renouvellement à prévoir dès maintenant' : `, rappel le ${frenchDay(reminder.dueOn)}`)
        : passwordStored
          ? 'Expiration du mot de passe : inconnue (donnez la date où Chorus Pro a communiqué le mot de passe : configure --password-updated-on AAAA-MM-JJ)'
          : 'Expiration du mot de passe : sans objet (aucun mot de passe enregistré)',
      ...(reminder.known && reminder.expiryStructure
        ? [
            `  Date lue sur la structure « ${reminder.expiryStructure} » : la plus proche parmi les structures rattachées.`,
          ]
        : []),
      lastCheckText(settings.lastCheck),
      `Délai d'attente : ${settings.timeoutSeconds} s`,
      ...(settings.proxyUrl ? [`Proxy : ${settings.proxyUrl}`] : []),
      ...(settings.caCertificatePath
        ? [
            `Certificat d'autorité : ${settings.caCertificatePath}` +
              (settings.caForCustomHostsOnly === true
                ? ' — venu d’un profil de déploiement, il ne sert pas pour les adresses officielles de PISTE (il y servirait si le profil disait "trustForOfficialHosts": true)'
                : ''),
          ]
        : []),
      programsLine(exchange),
      ...exchangeLines(exchange),
    ],
  };
}

/** `--allow-programs oui|non`: what the account says of local programs. */
function allowProgramsOption(given: string | undefined): boolean | undefined {
  if (given === undefined) return undefined;
  const word = given.trim().toLowerCase();
  if (word === 'oui') return true;
  if (word === 'non') return false;
  throw new AppError('INVALID_INPUT', '--allow-programs : oui ou non');
}

export const status: Command = {
  options: [],
  readsOnly: true,
  run: async (context) => withMachineProfileStatus(await withFleetStatus(await showStatus(context), context), context),
};

const configureOptions: readonly OptionName[] = [
  ...connectionOptions,
  'alert-delay',
  'password-updated-on',
  'allow-programs',
];

export const configure: Command = {
  options: configureOptions,
  run: async (context) => {
    if (!configureOptions.some((name) => context.options[name] !== undefined)) {
      throw new AppError(
        'INVALID_INPUT',
        'configure : aucun paramètre indiqué, rien à enregistrer ; indiquez par exemple --env, --url, --login ou --client-id',
      );
    }
    const { settings } = context.account;
    const allowPrograms = allowProgramsOption(text(context.options, 'allow-programs'));
    // Refused before anything is written: the machine policy forbids it, nothing is half-saved.
    const forbidden = allowPrograms === true ? programsForbiddenBy(await context.account.exchange.policy()) : undefined;
    if (forbidden !== undefined) throw new AppError('PROGRAMS_NOT_ALLOWED', forbidden);
    const change = changeFromOptions(context.options);
    // A file that is not a certificate (or holds a private key) is refused now, not at the next test.
    if (change.caCertificatePath) await readCaCertificate(change.caCertificatePath);
    const before = settings.read();
    const next = applySettingsChange(before, change);
    const caSource = change.caCertificatePath;
    refuseMixedEndpoints(next);
    refuseCustomApiWithKnownToken(next, context.options);
    const dayText = text(context.options, 'password-updated-on');
    // Everything is checked before the first write: a refused date leaves the settings as they were.
    const day = dayText === undefined ? undefined : parseCommunicatedDay(dayText, context.environment.clock());
    const passwordStored =
      day === undefined ? null : ((await secretsPresence(next, context.services.secrets))?.password ?? null);
    if (day !== undefined) assertCanEnterPasswordDay(next, passwordStored);
    // Connections read the private copy from now on, never the given file again.
    const after = settings.update(
      caSource ? { ...change, caCertificatePath: await keepCaCopy(caSource, context.userDataDir) } : change,
    );
    // Typed ahead of any password, the date stays provisional (not verified): it can be corrected.
    if (day !== undefined) {
      if (passwordStored === false) settings.recordPasswordUpdate(day, false);
      else settings.recordPasswordCommunicatedOn(day);
      context.services.logger.info('password.date-entered', { account: settings.accountName() });
    }
    // Typed by the user: the screen does not ask about these hosts again.
    context.services.workstation.addConfirmedHosts(confirmedBy([after]));
    if (allowPrograms !== undefined) await context.account.exchange.setAllowPrograms(allowPrograms);
    const result = await showStatus(context);
    const nowCustom = before.environment !== 'custom' && after.environment === 'custom';
    return {
      json: result.json,
      lines: [
        'Paramètres enregistrés.',
        ...(caSource
          ? [
              "Certificat d'autorité copié dans le dossier de l'application : " +
                (after.caCertificatePath ?? '') +
                ` (le fichier ${caSource} n'est plus lu).`,
            ]
          : []),
        ...(nowCustom
          ? [
              `L'environnement passe de ${environmentLabels[before.environment]} à Personnalisé : Lien URL ${after.apiBaseUrl} et URL du jeton ${after.tokenUrl} sont désormais en vigueur.`,
            ]
          : []),
        ...result.lines,
      ],
    };
  },
};
