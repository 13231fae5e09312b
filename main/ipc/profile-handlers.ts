// Deployment profiles: export (with passwords when a passphrase is given), preview, import, and
// the machine profile's passwords waiting for their passphrase.
import { settingsSnapshot } from '../accounts/settings-snapshot';
import { AppError } from '../failures/errors';
import { replacePrivateFile } from '../files/private-replace';
import { confirmedBy } from '../hosts/host-confirmation';
import {
  buildAccountsProfile,
  checkNewAccountNames,
  describeAccountsProfileChanges,
  importAccountsProfile,
} from '../profiles/accounts-profile';
import { describeProfileChanges } from '../profiles/profile-changes';
import { importAccountsProfileSecrets } from '../profiles/machine-accounts-profile';
import { readProfileFile } from '../profiles/profile-file';
import type { DailyCheckSchedule } from '../schedule/daily-check-schedule';
import type { SettingsStore } from '../settings/settings-store';
import { registerMachineDailyCheck } from '../schedule/machine-daily-check';
import { buildProfile, importProfile, importProfileSecrets } from '../profiles/profile-transfer';
import type { HandlerDependencies, Handlers } from './channel-handlers';
import type { PendingImportSlot } from './pending-import';

/** The preview's line for a profile's `dailyCheckAt`: what the Task Scheduler holds now, and the time asked for. */
async function dailyCheckChange(dailyCheck: DailyCheckSchedule | undefined, at: string) {
  const state = await dailyCheck?.status().catch(() => undefined);
  const before =
    state === undefined
      ? '(inconnue)'
      : !state.supported
        ? '(Windows seulement)'
        : state.installed
          ? (state.at ?? '(heure illisible)')
          : '(non programmée)';
  return {
    setting: 'Vérification quotidienne (dailyCheckAt)',
    before,
    after: state?.supported === false ? `${at} (rien ne sera programmé sur ce système)` : at,
  };
}

type ProfileChannels =
  | 'exportProfile'
  | 'previewProfileImport'
  | 'importProfile'
  | 'importMachineProfileSecrets'
  | 'dismissMachineProfileSecrets';

export function profileHandlers(
  {
    workstation,
    shownAccount,
    secrets,
    desktop,
    userDataDir,
    machineProfilePath,
    clock,
    logger,
    dailyCheck,
  }: HandlerDependencies,
  pendingImport: PendingImportSlot,
): Pick<Handlers, ProfileChannels> {
  const transferFor = (settings: SettingsStore) => ({ workstation, settings, secrets, userDataDir, logger });
  return {
    exportProfile: async (options) => {
      const { settings } = shownAccount();
      // Built (and the keychain read) before the dialog: a refusal comes before choosing a file.
      const profile = options?.allAccounts
        ? await buildAccountsProfile(workstation.accounts.list(), secrets, options.passphrase)
        : await buildProfile(settings.read(), secrets, options?.passphrase);
      const file = await desktop.chooseSaveFile(
        options?.allAccounts ? 'profil-chorus-pro-tous-les-comptes.json' : 'profil-chorus-pro.json',
      );
      if (file === undefined) return { saved: false };
      await replacePrivateFile(file, `${JSON.stringify(profile, null, 2)}\n`);
      const withSecrets =
        profile.profileVersion === 2 || (profile.profileVersion === 3 && profile.secrets !== undefined);
      logger.info('profile.exported', {
        ...(options?.allAccounts
          ? { accounts: workstation.accounts.list().length }
          : { account: settings.accountName() }),
        withSecrets,
      });
      return { saved: true, file, withSecrets };
    },
    previewProfileImport: async () => {
      const { settings } = shownAccount();
      pendingImport.forget();
      const file = await desktop.chooseFile('profile');
      if (file === undefined) return { chosen: false };
      const { profile, dailyCheckAt } = readProfileFile(file);
      // Before anything is kept: a name that could pass for a switch refuses the whole profile (issue 29).
      if (profile.profileVersion === 3) checkNewAccountNames(workstation.accounts.list(), profile);
      pendingImport.keep({
        profile,
        account: settings.accountName(),
        ...(dailyCheckAt === undefined ? {} : { dailyCheckAt }),
      });
      const scheduleChange = dailyCheckAt === undefined ? [] : [await dailyCheckChange(dailyCheck, dailyCheckAt)];
      if (profile.profileVersion === 3) {
        return {
          chosen: true,
          file,
          changes: [...describeAccountsProfileChanges(workstation.accounts.list(), profile), ...scheduleChange],
          withSecrets: profile.secrets !== undefined,
        };
      }
      return {
        chosen: true,
        file,
        changes: [...describeProfileChanges(settings.read(), profile), ...scheduleChange],
        withSecrets: profile.profileVersion === 2,
      };
    },
    importProfile: async (options) => {
      const { settings } = shownAccount();
      const pending = pendingImport.get();
      if (pending === undefined) throw new AppError('INVALID_INPUT', 'aucun profil choisi');
      const { profile } = pending;
      if (profile.profileVersion !== 3 && settings.accountName() !== pending.account) {
        pendingImport.forget();
        throw new AppError(
          'INVALID_INPUT',
          "le compte affiché a changé depuis l'aperçu du profil : rien n'a été importé ; rouvrez le profil pour voir ce qu'il changerait sur ce compte",
        );
      }
      await (profile.profileVersion === 3
        ? importAccountsProfile(transferFor(settings), profile, options?.passphrase)
        : importProfile(transferFor(settings), profile, options?.passphrase));
      // Kept until it succeeds: a wrong passphrase may be typed again.
      pendingImport.forget();
      // A profile is in place: the machine profile's refusal has been dealt with.
      if (workstation.machineProfileRefusal() !== undefined) workstation.recordMachineProfileRefusal(undefined);
      // Chosen in a main-process dialog and previewed whole: its hosts are the user's choice.
      const importedAccounts =
        profile.profileVersion === 3
          ? workstation.accounts
              .list()
              .filter((account) => profile.accounts.some((imported) => imported.name === account.name))
          : [settings.read()];
      workstation.addConfirmedHosts(confirmedBy(importedAccounts));
      // The daily check the profile asks for, as the screen's own section registers it; what the Task Scheduler says is logged.
      if (pending.dailyCheckAt !== undefined && dailyCheck !== undefined)
        await registerMachineDailyCheck(dailyCheck, pending.dailyCheckAt, logger);
      logger.info(
        'profile.imported',
        profile.profileVersion === 3 ? { accounts: profile.accounts.length } : { account: settings.accountName() },
      );
      return settingsSnapshot(workstation, shownAccount().settings, secrets, clock);
    },
    importMachineProfileSecrets: async ({ passphrase }) => {
      const { settings } = shownAccount();
      if (!workstation.machineProfileSecretsPending() || machineProfilePath === undefined) {
        throw new AppError('INVALID_INPUT', "aucun profil de poste n'attend ses mots de passe");
      }
      const { profile } = readProfileFile(machineProfilePath);
      if (profile.profileVersion === 3) {
        if (profile.secrets === undefined)
          throw new AppError('PROFILE_REFUSED', 'le profil du poste ne contient plus de mots de passe chiffrés');
        await importAccountsProfileSecrets(transferFor(settings), { ...profile, secrets: profile.secrets }, passphrase);
      } else {
        await importProfileSecrets(transferFor(settings), profile, passphrase);
      }
      return settingsSnapshot(workstation, settings, secrets, clock);
    },
    dismissMachineProfileSecrets: async () => {
      workstation.markMachineProfileSecrets(false);
      logger.info('profile.machine-secrets-dismissed', {});
      return settingsSnapshot(workstation, shownAccount().settings, secrets, clock);
    },
  };
}
