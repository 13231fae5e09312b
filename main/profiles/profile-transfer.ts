import { AppError } from '../failures/errors';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import { accountsOf } from '../secrets/settings-accounts';
import type { StoredSettings } from '../settings/settings-schema';
import { applySettingsChange } from '../settings/settings-change';
import type { SettingsStore } from '../settings/settings-store';
import type { WorkstationStore } from '../settings/workstation-store';
import {
  applyProfile,
  exportProfile,
  profileChange,
  profileSettings,
  writeProfileCertificate,
  type DeploymentProfile,
} from './deployment-profile';
import { checkPassphraseForExport, decryptSecrets, encryptSecrets, type CarriedSecrets } from './profile-secrets';

export interface TransferDependencies {
  readonly workstation: WorkstationStore;
  /** The account a one-account profile (versions 1 and 2) goes to. */
  readonly settings: SettingsStore;
  readonly secrets: SecretStore;
  readonly userDataDir: string;
  readonly logger: Logger;
}

/**
 * The profile of these settings: version 1 without a passphrase; version 2 with one, carrying the
 * secrets of this workstation's keychain (those that exist), encrypted. The keychain is read only
 * when secrets are asked for, so a settings-only export works without it.
 */
export async function buildProfile(
  settings: StoredSettings,
  secrets: SecretStore,
  passphrase?: string,
): Promise<DeploymentProfile> {
  const clear = exportProfile(settings);
  if (passphrase === undefined) return clear;
  checkPassphraseForExport(passphrase);
  const accounts = accountsOf(settings);
  const [password, clientSecret, proxyPassword] = await Promise.all(
    [accounts.password, accounts.clientSecret, accounts.proxyPassword].map(async (account) =>
      account ? secrets.get(account) : undefined,
    ),
  );
  if (password === undefined && clientSecret === undefined && proxyPassword === undefined) {
    throw new AppError(
      'INVALID_INPUT',
      "aucun mot de passe n'est enregistré sur ce poste pour ces paramètres : il n'y a rien à chiffrer ; exportez le profil sans les mots de passe",
    );
  }
  const withSecrets = { ...clear, profileVersion: 2 as const, secrets: '' };
  const carried: CarriedSecrets = {
    boundTo: profileSettings(withSecrets),
    ...(password !== undefined
      ? { password, ...(settings.passwordUpdatedAt ? { passwordUpdatedAt: settings.passwordUpdatedAt } : {}) }
      : {}),
    ...(clientSecret !== undefined ? { clientSecret } : {}),
    ...(proxyPassword !== undefined ? { proxyPassword } : {}),
  };
  return { ...withSecrets, secrets: await encryptSecrets(carried, passphrase) };
}

export interface SecretWrite {
  readonly account: string;
  readonly value: string;
}

/** The keychain writes that carried secrets make for the given settings' accounts. */
function writesFor(settings: StoredSettings, carried: CarriedSecrets): SecretWrite[] {
  const accounts = accountsOf(settings);
  const pairs: [string | undefined, string | undefined][] = [
    [accounts.password, carried.password],
    [accounts.clientSecret, carried.clientSecret],
    [accounts.proxyPassword, carried.proxyPassword],
  ];
  return pairs.flatMap(([account, value]) =>
    account !== undefined && value !== undefined ? [{ account, value }] : [],
  );
}

/**
 * Writes secrets into this workstation's keychain, then runs `after`; if anything fails, every
 * entry gets its previous value back, so the keychain is never left half-imported.
 */
export async function writeSecretsThen<T>(
  secrets: SecretStore,
  writes: readonly SecretWrite[],
  logger: Logger,
  after: () => T,
): Promise<T> {
  // Read first: a keychain that cannot be read fails here, before anything changed.
  const previous = await Promise.all(writes.map((write) => secrets.get(write.account)));
  const written: number[] = [];
  try {
    for (const [index, write] of writes.entries()) {
      await secrets.set(write.account, write.value);
      written.push(index);
    }
    return after();
  } catch (error) {
    for (const index of written.reverse()) {
      const before = previous[index];
      const account = writes[index]?.account;
      if (account === undefined) continue;
      await (before === undefined ? secrets.delete(account) : secrets.set(account, before)).catch(() =>
        logger.error('profile.rollback-failed', {}),
      );
    }
    throw error;
  }
}

/** Whether the keychain already holds exactly this password for these settings' address and login. */
export async function holdsPassword(
  secrets: SecretStore,
  settings: StoredSettings,
  password: string | undefined,
): Promise<boolean> {
  const entry = accountsOf(settings).password;
  return password !== undefined && entry !== undefined && (await secrets.get(entry)) === password;
}

const passphraseNeeded = () =>
  new AppError(
    'PROFILE_REFUSED',
    'ce profil contient des mots de passe chiffrés : donnez sa phrase secrète pour les importer',
  );

/**
 * Imports a profile, all or nothing: its settings and, for version 2, its secrets into this
 * workstation's keychain once the passphrase opened them. An imported password is marked not yet
 * verified (the first connection test on this workstation checks it), unless it is the very one
 * already stored here.
 */
export async function importProfile(
  { settings, secrets, userDataDir, logger }: TransferDependencies,
  profile: DeploymentProfile,
  passphrase?: string,
): Promise<StoredSettings> {
  if (profile.profileVersion === 1) return applyProfile(settings, profile, userDataDir);
  if (passphrase === undefined) throw passphraseNeeded();
  const carried = await decryptSecrets(profile.secrets, passphrase, profileSettings(profile));
  const change = profileChange(profile, userDataDir, profile.trustForOfficialHosts);
  // Checked whole (the other accounts included) before anything is written: a refused profile
  // leaves no trace; the certificate is named after its content and replaces nothing.
  const next = settings.check(change);
  writeProfileCertificate(profile, userDataDir);
  const sameAsStored = await holdsPassword(secrets, next, carried.password);
  const imported = await writeSecretsThen(secrets, writesFor(next, carried), logger, () =>
    settings.applyImport(
      change,
      carried.password === undefined ? undefined : { updatedAt: carried.passwordUpdatedAt, sameAsStored },
    ),
  );
  logger.info('profile.secrets-imported', {
    account: settings.accountName(),
    password: carried.password !== undefined,
    passwordVerified: imported.passwordVerified !== false,
  });
  return imported;
}

/**
 * The secrets of a profile whose settings were applied already (the machine-wide profile at first
 * start): written for the profile's own accounts. The password's date and "not verified" mark
 * follow only if the workstation still uses the profile's address and login.
 */
export async function importProfileSecrets(
  { workstation, settings, secrets, userDataDir, logger }: TransferDependencies,
  profile: DeploymentProfile,
  passphrase: string,
): Promise<StoredSettings> {
  if (profile.profileVersion === 1) return settings.read();
  const carried = await decryptSecrets(profile.secrets, passphrase, profileSettings(profile));
  const current = settings.read();
  const profileTarget = applySettingsChange(
    current,
    profileChange(profile, userDataDir, profile.trustForOfficialHosts),
  );
  const sameAccount = profileTarget.apiBaseUrl === current.apiBaseUrl && profileTarget.login === current.login;
  const result = await writeSecretsThen(secrets, writesFor(profileTarget, carried), logger, () =>
    sameAccount && carried.password !== undefined
      ? settings.applyImport({}, { updatedAt: carried.passwordUpdatedAt })
      : current,
  );
  workstation.markMachineProfileSecrets(false);
  logger.info('profile.secrets-imported', {
    account: settings.accountName(),
    password: carried.password !== undefined,
    passwordVerified: false,
  });
  return result;
}
