import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import type { ProfileChange } from '../../common/profiles';
import { AppError } from '../failures/errors';
import type { SecretStore } from '../secrets/secret-store';
import { accountsOf } from '../secrets/settings-accounts';
import { accountNameSchema, defaultSettings, type StoredSettings } from '../settings/settings-schema';
import { checkAccountName } from '../settings/account-rules';
import type { ImportedAccount } from '../settings/imported-accounts';
import { applySettingsChange } from '../settings/settings-change';
import {
  exportProfile,
  profileChange,
  profileSettingsSchema,
  refuseDecommissionedHosts,
  trustForOfficialHostsField,
  withCertificatesOnly,
  writeProfileCertificate,
} from './deployment-profile';
import { describeNewAccount, describeProfileChanges } from './profile-changes';
import { printable } from '../text/printable';
import { checkPassphraseForExport, decryptJson, encryptJson } from './profile-secrets';
import { holdsPassword, writeSecretsThen, type SecretWrite, type TransferDependencies } from './profile-transfer';

/**
 * Version 3: several named accounts in one profile (a centre de gestion's communes), and, with a
 * passphrase, each one's secrets in one age block bound to all of their settings.
 */
export const accountsProfileSchema = z
  .object({
    profileVersion: z.literal(3),
    accounts: z
      .array(profileSettingsSchema.extend({ name: accountNameSchema }).strict())
      .min(1)
      .max(2000),
    ...trustForOfficialHostsField,
    secrets: z
      .string()
      .min(1)
      .max(4 * 1024 * 1024)
      .optional(),
  })
  .strict();
export type AccountsProfile = z.infer<typeof accountsProfileSchema>;

const accountSecretsSchema = z
  .object({
    name: z.string(),
    password: z.string().min(1).max(10_000).optional(),
    passwordUpdatedAt: z.iso.datetime({ offset: true }).optional(),
    clientSecret: z.string().min(1).max(2048).optional(),
    proxyPassword: z.string().min(1).max(2048).optional(),
  })
  .strict();
const carriedAccountsSchema = z
  .object({ boundTo: z.array(z.record(z.string(), z.unknown())), accounts: z.array(accountSecretsSchema) })
  .strict();
type CarriedAccountSecrets = z.infer<typeof accountSecretsSchema>;

export function parseAccountsProfile(data: unknown): AccountsProfile {
  const parsed = accountsProfileSchema.safeParse(data);
  if (!parsed.success) {
    throw new AppError(
      'PROFILE_REFUSED',
      `champ invalide : ${parsed.error.issues.map((issue) => issue.path.join('.') || 'racine').join(', ')}`,
    );
  }
  for (const account of parsed.data.accounts) refuseDecommissionedHosts(account);
  return { ...parsed.data, accounts: parsed.data.accounts.map((account) => withCertificatesOnly(account)) };
}

/**
 * What the secrets are bound to: every account's settings, as plain JSON, and, when the profile
 * says it, `trustForOfficialHosts` with each (a file of 0.2.0 has none: its binding is unchanged).
 */
const boundSettings = (profile: AccountsProfile): Record<string, unknown>[] =>
  JSON.parse(
    JSON.stringify(
      profile.trustForOfficialHosts === undefined
        ? profile.accounts
        : profile.accounts.map((account) => ({ ...account, trustForOfficialHosts: profile.trustForOfficialHosts })),
    ),
  ) as Record<string, unknown>[];

/** Every account of this workstation, and with a passphrase their secrets, encrypted. */
export async function buildAccountsProfile(
  accounts: readonly (StoredSettings & { readonly name: string })[],
  secrets: SecretStore,
  passphrase?: string,
): Promise<AccountsProfile> {
  if (passphrase !== undefined) checkPassphraseForExport(passphrase);
  const withAuthority = accounts.filter((account) => account.caCertificatePath !== undefined);
  const clear: AccountsProfile = {
    profileVersion: 3,
    accounts: accounts.map((account) => {
      const { profileVersion: _version, trustForOfficialHosts: _trust, ...settings } = exportProfile(account);
      return { name: account.name, ...settings };
    }),
    // One word for the whole profile: said only when every authority it carries serves every host.
    ...(withAuthority.length > 0 && withAuthority.every((account) => account.caForCustomHostsOnly !== true)
      ? { trustForOfficialHosts: true }
      : {}),
  };
  if (passphrase === undefined) return clear;
  const carried: CarriedAccountSecrets[] = [];
  for (const account of accounts) {
    const entries = accountsOf(account);
    const [password, clientSecret, proxyPassword] = await Promise.all(
      [entries.password, entries.clientSecret, entries.proxyPassword].map(async (entry) =>
        entry ? secrets.get(entry) : undefined,
      ),
    );
    carried.push({
      name: account.name,
      ...(password !== undefined
        ? { password, ...(account.passwordUpdatedAt ? { passwordUpdatedAt: account.passwordUpdatedAt } : {}) }
        : {}),
      ...(clientSecret !== undefined ? { clientSecret } : {}),
      ...(proxyPassword !== undefined ? { proxyPassword } : {}),
    });
  }
  return { ...clear, secrets: await encryptJson({ boundTo: boundSettings(clear), accounts: carried }, passphrase) };
}

/**
 * The names of the accounts a profile would add, checked as typed names are (account-rules.ts), in
 * the preview already: a name that could pass for a switch is refused, not listed as a new account.
 * An account that exists keeps its name, whatever an older version let it be.
 */
export function checkNewAccountNames(current: readonly { readonly name: string }[], profile: AccountsProfile): void {
  for (const account of profile.accounts) {
    if (current.some((existing) => existing.name === account.name)) continue;
    try {
      checkAccountName(account.name);
    } catch (error) {
      const reason = error instanceof AppError && error.detail !== undefined ? error.detail : 'nom refusé';
      throw new AppError(
        'PROFILE_REFUSED',
        `compte « ${printable(account.name)} » : ${reason} ; rien n'a été importé, renommez ce compte dans le profil (ou sur le poste qui l'a exporté)`,
      );
    }
  }
}

/** Each account's changes, by name: "« Commune » — Lien URL", or a new account. */
export function describeAccountsProfileChanges(
  current: readonly (StoredSettings & { readonly name: string })[],
  profile: AccountsProfile,
): ProfileChange[] {
  return profile.accounts.flatMap((account) => {
    const existing = current.find((candidate) => candidate.name === account.name);
    if (!existing) {
      return [
        {
          setting: `« ${account.name} »`,
          before: '(nouveau compte)',
          after: printable(account.login ?? '(identifiant non renseigné)'),
        },
        ...describeNewAccount(account, `« ${account.name} » — `, profile.trustForOfficialHosts),
      ];
    }
    return describeProfileChanges(existing, account, `« ${account.name} » — `, profile.trustForOfficialHosts === true);
  });
}

/**
 * Imports every account of the profile by name, all or nothing: accounts that exist are updated,
 * the others added; with a passphrase, their secrets go into this workstation's keychain, marked
 * not yet verified unless already stored here as they are, and a failure half-way gives every
 * keychain entry its previous value back.
 */
export async function importAccountsProfile(
  { workstation, secrets, userDataDir, logger }: TransferDependencies,
  profile: AccountsProfile,
  passphrase?: string,
): Promise<void> {
  checkNewAccountNames(workstation.accounts.list(), profile);
  if (profile.secrets !== undefined && passphrase === undefined) {
    throw new AppError(
      'PROFILE_REFUSED',
      'ce profil contient des mots de passe chiffrés : donnez sa phrase secrète pour les importer',
    );
  }
  const carried =
    profile.secrets === undefined || passphrase === undefined
      ? undefined
      : await decryptJson(profile.secrets, passphrase, carriedAccountsSchema, (opened) =>
          isDeepStrictEqual(opened.boundTo, boundSettings(profile)),
        );
  const entries: ImportedAccount[] = await Promise.all(
    profile.accounts.map(async (account) => {
      const secretsOf = carried?.accounts.find((candidate) => candidate.name === account.name);
      const change = profileChange(account, userDataDir, profile.trustForOfficialHosts);
      if (secretsOf?.password === undefined) return { name: account.name, change };
      const sameAsStored = await holdsPassword(
        secrets,
        applySettingsChange(settingsOf(workstation, account.name), change),
        secretsOf.password,
      );
      return { name: account.name, change, importedPassword: { updatedAt: secretsOf.passwordUpdatedAt, sameAsStored } };
    }),
  );
  const writes: SecretWrite[] = profile.accounts.flatMap((account) => {
    const secretsOf = carried?.accounts.find((candidate) => candidate.name === account.name);
    if (!secretsOf) return [];
    const target = accountsOf(
      applySettingsChange(
        settingsOf(workstation, account.name),
        profileChange(account, userDataDir, profile.trustForOfficialHosts),
      ),
    );
    const pairs: [string | undefined, string | undefined][] = [
      [target.password, secretsOf.password],
      [target.clientSecret, secretsOf.clientSecret],
      [target.proxyPassword, secretsOf.proxyPassword],
    ];
    return pairs.flatMap(([entry, value]) =>
      entry !== undefined && value !== undefined ? [{ account: entry, value }] : [],
    );
  });
  // Checked whole before anything is written, then the certificates (named after their content, so
  // they replace nothing), the secrets, and the settings last, in one write.
  workstation.accounts.checkImport(entries);
  for (const account of profile.accounts) writeProfileCertificate(account, userDataDir);
  await writeSecretsThen(secrets, writes, logger, () => workstation.accounts.importAccounts(entries));
  // One line for the whole import, then one per account it changed, naming it.
  logger.info('profile.accounts-imported', { accounts: profile.accounts.length, withSecrets: carried !== undefined });
  for (const account of profile.accounts)
    logger.info('profile.account-imported', {
      account: account.name,
      withSecrets: carried?.accounts.some((candidate) => candidate.name === account.name) ?? false,
    });
}

/** The settings an account has now, or the defaults a new one starts from. */
function settingsOf(workstation: TransferDependencies['workstation'], name: string): StoredSettings {
  const existing = workstation.accounts.list().find((account) => account.name === name);
  if (existing) {
    const { name: _name, ...rest } = existing;
    return rest;
  }
  return defaultSettings;
}

/** The secrets a profile of several accounts carries, opened with its passphrase and checked against its settings. */
export const openAccountsProfileSecrets = (
  profile: AccountsProfile & { readonly secrets: string },
  passphrase: string,
): Promise<{ readonly accounts: readonly CarriedAccountSecrets[] }> =>
  decryptJson(profile.secrets, passphrase, carriedAccountsSchema, (opened) =>
    isDeepStrictEqual(opened.boundTo, boundSettings(profile)),
  );
