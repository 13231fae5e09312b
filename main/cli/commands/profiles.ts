// `export-profile FICHIER` and `import-profile FICHIER`: the deployment profile, the settings (and,
// encrypted by a passphrase, the passwords) carried from one workstation to others.
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppError } from '../../failures/errors';
import { replacePrivateFile } from '../../files/private-replace';
import { confirmedBy } from '../../hosts/host-confirmation';
import {
  buildAccountsProfile,
  checkNewAccountNames,
  describeAccountsProfileChanges,
  importAccountsProfile,
} from '../../profiles/accounts-profile';
import { readProfileData } from '../../profiles/deployment-profile';
import { describeProfileChanges } from '../../profiles/profile-changes';
import { isAccountsProfileData, parseProfileData } from '../../profiles/profile-file';
import { parseTimeOfDay, timeOfDayText } from '../../schedule/daily-check-task';
import { buildProfile, importProfile as importSingleProfile } from '../../profiles/profile-transfer';
import { accountForCommand } from '../account-choice';
import type { Command, CommandContext } from '../command';
import type { CommandResult } from '../command-result';
import { scheduleCommand } from './schedule';
import { text } from '../options';
import { secretFromStdin } from '../secret-option';
import { counted } from '../../text/plural';

/**
 * `"dailyCheckAt"` of an imported profile: the daily check registered for this user as `schedule
 * install --at` does; outside Windows, said and not a failure (nothing there to register).
 */
async function profileDailyCheck(at: string, context: CommandContext): Promise<CommandResult> {
  const userDataDir = text(context.options, 'user-data-dir');
  const result = await scheduleCommand(
    'install',
    { at, ...(userDataDir === undefined ? {} : { userDataDir: resolve(userDataDir) }) },
    context.environment,
  );
  if (result.json.supported === false) {
    return {
      json: { at, installed: false, supported: false },
      lines: [
        `Le profil demande une vérification quotidienne à ${at} : elle se programme dans le Planificateur de tâches de Windows, que ce système n'a pas ; rien n'a été programmé.`,
      ],
    };
  }
  return {
    ...result,
    lines: [`Le profil demande une vérification quotidienne à ${at} :`, ...result.lines.map((line) => `  ${line}`)],
  };
}

export const exportProfile: Command = {
  options: ['with-secrets', 'passphrase-stdin', 'all', 'daily-check-at'],
  file: true,
  // --all exports every account; otherwise the one --account names, or the only one.
  accounts: 'all',
  readsOnly: true,
  run: async (context) => {
    const { services, file, options } = context;
    const target = resolve(file ?? '');
    const folder = dirname(target);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
      throw new AppError(
        'INVALID_INPUT',
        `export-profile : le dossier ${folder} n'existe pas ; créez-le ou indiquez un fichier dans un dossier existant`,
      );
    }
    const withSecrets = options['with-secrets'] === true;
    if (!withSecrets && options['passphrase-stdin'] === true)
      throw new AppError('INVALID_INPUT', '--passphrase-stdin ne sert qu’avec --with-secrets');
    // Checked before the passphrase is asked: a mistyped time costs nothing typed.
    const typedTime = text(options, 'daily-check-at');
    const dailyCheckAt = typedTime === undefined ? undefined : timeOfDayText(parseTimeOfDay(typedTime));
    const passphrase = withSecrets
      ? await secretFromStdin(context, 'passphrase-stdin', 'Phrase secrète du profil (12 caractères au moins)')
      : undefined;
    const allAccounts = options.all === true;
    const single = allAccounts ? undefined : accountForCommand(services, text(options, 'account')).settings;
    const profile =
      single === undefined
        ? await buildAccountsProfile(services.workstation.accounts.list(), services.secrets, passphrase)
        : await buildProfile(single.read(), services.secrets, passphrase);
    // Readable by its owner only, even when it replaces a file: the secrets, though encrypted, can
    // be attacked offline by whoever reads them.
    // Beside the profile, not in it: the time is not a setting, and the secrets are bound to the settings only.
    await replacePrivateFile(
      target,
      `${JSON.stringify(dailyCheckAt === undefined ? profile : { ...profile, dailyCheckAt }, null, 2)}\n`,
    );
    services.logger.info('profile.exported', {
      ...(single === undefined
        ? { accounts: services.workstation.accounts.list().length }
        : { account: single.accountName() }),
      withSecrets,
    });
    return {
      json: {
        file: target,
        withSecrets,
        ...(dailyCheckAt === undefined ? {} : { dailyCheckAt }),
        ...(allAccounts ? { accounts: services.workstation.accounts.list().length } : {}),
      },
      lines: [
        ...(allAccounts
          ? [
              `${counted(services.workstation.accounts.list().length, 'compte technique', 'comptes techniques')} dans le profil.`,
            ]
          : []),
        withSecrets
          ? `Profil de déploiement exporté, mots de passe chiffrés par la phrase secrète : ${target}`
          : `Profil de déploiement exporté (sans aucun secret) : ${target}`,
        ...(withSecrets
          ? ['Transmettez la phrase secrète par un autre moyen que le fichier (de vive voix, par téléphone).']
          : []),
        ...(dailyCheckAt === undefined
          ? []
          : [
              `Vérification quotidienne demandée à ${dailyCheckAt} : l'import (ou le profil du poste) la programme pour l'utilisateur.`,
            ]),
      ],
    };
  },
};

export const importProfile: Command = {
  options: ['passphrase-stdin'],
  file: true,
  // It chooses the account itself, once it has read the profile.
  accounts: 'all',
  run: async (context) => {
    const { file, userDataDir, options } = context;
    const data = readProfileData(resolve(file ?? ''));
    const several = isAccountsProfileData(data);
    // A profile of several accounts names them; one of a single account goes to the chosen one.
    const { services } = context;
    // The account a one-account profile goes to, named once; a profile of several names its own.
    const account = several ? context.account : accountForCommand(services, text(options, 'account'));
    if (several && options.account !== undefined)
      throw new AppError(
        'INVALID_INPUT',
        'ce profil contient plusieurs comptes, chacun nommé : --account ne sert pas ici',
      );
    const { profile, dailyCheckAt } = parseProfileData(data);
    // Before the passphrase is asked for: a name that could pass for a switch refuses the whole profile.
    if (profile.profileVersion === 3) checkNewAccountNames(services.workstation.accounts.list(), profile);
    const encrypted = profile.profileVersion === 2 || (profile.profileVersion === 3 && profile.secrets !== undefined);
    if (encrypted && options['passphrase-stdin'] !== true) {
      throw new AppError(
        'PROFILE_REFUSED',
        'ce profil contient des mots de passe chiffrés : donnez sa phrase secrète avec --passphrase-stdin',
      );
    }
    const passphrase = encrypted
      ? await secretFromStdin(context, 'passphrase-stdin', 'Phrase secrète du profil')
      : undefined;
    const transfer = {
      workstation: services.workstation,
      settings: account.settings,
      secrets: services.secrets,
      userDataDir,
      logger: services.logger,
    };
    const changes =
      profile.profileVersion === 3
        ? describeAccountsProfileChanges(services.workstation.accounts.list(), profile)
        : describeProfileChanges(account.settings.read(), profile);
    await (profile.profileVersion === 3
      ? importAccountsProfile(transfer, profile, passphrase)
      : importSingleProfile(transfer, profile, passphrase));
    services.logger.info('profile.imported', {
      ...(profile.profileVersion === 3 ? { accounts: profile.accounts.length } : { account: account.name }),
      withSecrets: passphrase !== undefined,
    });
    // A profile is in place: the machine profile's refusal has been dealt with.
    if (services.workstation.machineProfileRefusal() !== undefined)
      services.workstation.recordMachineProfileRefusal(undefined);
    services.workstation.addConfirmedHosts(
      confirmedBy(
        profile.profileVersion === 3
          ? services.workstation.accounts
              .list()
              .filter((stored) => profile.accounts.some((imported) => imported.name === stored.name))
          : [account.settings.read()],
      ),
    );
    // The daily check the profile asks for, registered once the import is done (schedule install's own way).
    const scheduled = dailyCheckAt === undefined ? undefined : await profileDailyCheck(dailyCheckAt, context);
    return {
      json: { changes, withSecrets: passphrase !== undefined, ...(scheduled ? { dailyCheck: scheduled.json } : {}) },
      ...(scheduled?.failed === true ? { failed: true } : {}),
      lines: [
        ...(changes.length === 0
          ? ['Profil importé : les paramètres étaient déjà ceux du profil.']
          : [
              'Profil importé. Paramètres modifiés :',
              ...changes.map((change) => `  ${change.setting} : ${change.before} → ${change.after}`),
            ]),
        ...(passphrase !== undefined
          ? [
              'Mots de passe du profil enregistrés dans le coffre-fort de ce poste, sans vérification : lancez « test » dès que le poste a accès à Chorus Pro.',
            ]
          : []),
        ...(scheduled?.lines ?? []),
      ],
    };
  },
};
