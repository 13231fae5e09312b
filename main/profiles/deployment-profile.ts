import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { SettingsChange } from '../../common/settings';
import { machineDestinationsRefusal } from '../settings/machine-only-destinations';
import { AppError } from '../failures/errors';
import { privateFileMode } from '../files/private-files';
import { boundedReadReason, readBoundedFileSync } from '../files/bounded-read';
import { certificatesOnly } from '../net/ca-certificates';
import { decommissionedHostAdvice, isDecommissionedHost } from '../net/url-policy';
import { maxCaFileBytes } from '../net/ca-file-copy';
import { storedSettingsSchema, type StoredSettings } from '../settings/settings-schema';
import type { SettingsStore } from '../settings/settings-store';

/** Version 1: settings only. Version 2: the same, with the secrets encrypted by a passphrase. */
export const profileVersions = [1, 2] as const;
export const maxProfileBytes = 1024 * 1024;
/**
 * Where an imported profile's authority certificate is written, in the user-data folder: named
 * after its content, so that an import (even a refused one) never replaces a certificate another
 * account trusts; accounts that share a certificate share its file.
 */
export const importedCaFileName = (pem: string): string =>
  `autorite-profil-${createHash('sha256').update(pem).digest('hex').slice(0, 16)}.pem`;

/** What a profile sets on a workstation: every setting but the dates, which belong to each one. */
export const profileSettingsSchema = storedSettingsSchema
  .pick({
    environment: true,
    apiBaseUrl: true,
    tokenUrl: true,
    login: true,
    clientId: true,
    alertDelayMonths: true,
    timeoutSeconds: true,
    proxyUrl: true,
  })
  .extend({ caCertificatePem: z.string().min(1).max(maxCaFileBytes).optional() });
export type ProfileSettings = z.infer<typeof profileSettingsSchema>;

/**
 * A deployment profile: what an administrator sets once and copies to every workstation. Version 1
 * holds no secret; version 2 also carries the secrets, readable only with the passphrase
 * (profile-secrets.ts), never in clear.
 */
/**
 * `"trustForOfficialHosts": true`, at a profile's top level: its authority also serves PISTE's
 * official hosts (an organisation whose proxy inspects every connection). Without it, a profile's
 * authority serves only custom addresses: a file that travels never gets to vouch for PISTE itself.
 */
export const trustForOfficialHostsField = { trustForOfficialHosts: z.boolean().optional() };

export const profileSchema = z.discriminatedUnion('profileVersion', [
  profileSettingsSchema.extend({ profileVersion: z.literal(1), ...trustForOfficialHostsField }).strict(),
  profileSettingsSchema
    .extend({
      profileVersion: z.literal(2),
      ...trustForOfficialHostsField,
      secrets: z
        .string()
        .min(1)
        .max(64 * 1024),
    })
    .strict(),
]);
export type DeploymentProfile = z.infer<typeof profileSchema>;

/** The settings part of a profile, as plain JSON: what its encrypted secrets are bound to. */
export function profileSettings(profile: DeploymentProfile): Record<string, unknown> {
  const { profileVersion: _version, ...rest } = profile;
  const settings: Record<string, unknown> = { ...rest };
  delete settings.secrets;
  return JSON.parse(JSON.stringify(settings)) as Record<string, unknown>;
}

/** Only the certificates, written again: a private key kept beside them never leaves the workstation. */
function readCaForExport(path: string): string {
  const read = readBoundedFileSync(path, maxCaFileBytes);
  if (!read.ok) {
    const reason = read.kind === 'unreadable' ? 'fichier illisible' : boundedReadReason(read, maxCaFileBytes);
    throw new AppError(
      'INVALID_INPUT',
      `Certificat d'autorité : ${reason} (${path}) ; choisissez-le à nouveau ou retirez-le avant d'exporter le profil`,
    );
  }
  const bundle = certificatesOnly(read.text);
  if (!bundle.ok)
    throw new AppError(
      'INVALID_INPUT',
      `Certificat d'autorité : ${bundle.reason} (${path}) ; choisissez un fichier qui ne contient que des certificats avant d'exporter le profil`,
    );
  return bundle.pem;
}

/** The settings-only profile (version 1), which every version of the app imports. */
export function exportProfile(settings: StoredSettings): DeploymentProfile {
  const caCertificatePem = settings.caCertificatePath ? readCaForExport(settings.caCertificatePath) : undefined;
  return profileSchema.parse({
    profileVersion: 1,
    environment: settings.environment,
    apiBaseUrl: settings.apiBaseUrl,
    tokenUrl: settings.tokenUrl,
    login: settings.login,
    clientId: settings.clientId,
    alertDelayMonths: settings.alertDelayMonths,
    timeoutSeconds: settings.timeoutSeconds,
    proxyUrl: settings.proxyUrl,
    caCertificatePem,
    // An authority the user chose serves every host: the profile says so, or the next workstation would not.
    ...(caCertificatePem !== undefined && settings.caForCustomHostsOnly !== true
      ? { trustForOfficialHosts: true }
      : {}),
  });
}

/** Reads a profile file; anything but a profile of this version, under 1 MB, is refused whole. */
export function readProfile(path: string): DeploymentProfile {
  const data = readProfileData(path);
  if (typeof data === 'object' && data !== null && 'profileVersion' in data && data.profileVersion === 3) {
    throw new AppError(
      'PROFILE_REFUSED',
      'ce profil contient plusieurs comptes techniques : importez-le sans choisir de compte (import-profile FICHIER)',
    );
  }
  return parseSingleProfile(data);
}

/** A profile file's JSON, once its size is checked: the same limits for every version. */
export function readProfileData(path: string): unknown {
  // A regular file only, read without blocking and never past the limit (files/bounded-read.ts).
  const read = readBoundedFileSync(path, maxProfileBytes);
  if (!read.ok && read.kind === 'unreadable')
    throw new AppError('PROFILE_REFUSED', `fichier introuvable ou illisible : ${path}`);
  if (!read.ok && read.kind === 'not-a-file')
    throw new AppError('PROFILE_REFUSED', `${boundedReadReason(read, maxProfileBytes)} : ${path}`);
  if (!read.ok)
    throw new AppError('PROFILE_REFUSED', `fichier de ${read.size ?? maxProfileBytes + 1} octets, 1 Mo au plus`);
  let data: unknown;
  try {
    data = JSON.parse(read.text) as unknown;
  } catch {
    throw new AppError('PROFILE_REFUSED', "ce n'est pas un fichier JSON valide");
  }
  // Said for what it is, before any other check: a profile never chooses where the password goes.
  const destinations = machineDestinationsRefusal(data);
  if (destinations !== undefined) throw new AppError('PROFILE_REFUSED', destinations);
  return data;
}

/** A one-account profile (version 1 or 2), its certificate kept to its certificates. */
export function parseSingleProfile(data: unknown): DeploymentProfile {
  const version =
    typeof data === 'object' && data !== null && 'profileVersion' in data ? data.profileVersion : undefined;
  if (version === undefined)
    throw new AppError(
      'PROFILE_REFUSED',
      "ce fichier n'est pas un profil de Chorus Pro Echanges (il n'indique aucune « profileVersion »)",
    );
  if (!profileVersions.some((known) => known === version)) {
    throw new AppError(
      'PROFILE_REFUSED',
      `version de profil ${JSON.stringify(version)} inconnue (1, 2 ou 3 attendue) : ce profil vient sans doute d'une version plus récente de Chorus Pro Echanges ; mettez à jour l'application de ce poste`,
    );
  }
  const parsed = profileSchema.safeParse(data);
  if (!parsed.success) {
    throw new AppError(
      'PROFILE_REFUSED',
      `champ invalide : ${parsed.error.issues.map((issue) => issue.path.join('.') || 'racine').join(', ')}`,
    );
  }
  refuseDecommissionedHosts(parsed.data);
  return withCertificatesOnly(parsed.data);
}

/** A profile written for the decommissioned hosts is refused whole, naming PISTE's pair. */
export function refuseDecommissionedHosts(profile: {
  readonly apiBaseUrl?: string | undefined;
  readonly tokenUrl?: string | undefined;
}): void {
  for (const [field, address] of [
    ['Lien URL', profile.apiBaseUrl],
    ['URL du jeton', profile.tokenUrl],
  ] as const) {
    let hostname: string;
    try {
      hostname = new URL(address ?? '').hostname;
    } catch {
      continue;
    }
    if (isDecommissionedHost(hostname))
      throw new AppError('PROFILE_REFUSED', decommissionedHostAdvice(field, hostname));
  }
}

export function withCertificatesOnly<Profile extends { readonly caCertificatePem?: string | undefined }>(
  profile: Profile,
): Profile {
  if (!profile.caCertificatePem) return profile;
  const bundle = certificatesOnly(profile.caCertificatePem);
  if (!bundle.ok) throw new AppError('PROFILE_REFUSED', `certificat d'autorité : ${bundle.reason}`);
  return { ...profile, caCertificatePem: bundle.pem };
}

/**
 * Applies a profile through the settings' own validation (an unsafe address is refused as when
 * typed): all of it or nothing. Never touches the keychain.
 */
export function applyProfile(settings: SettingsStore, profile: DeploymentProfile, userDataDir: string): StoredSettings {
  const change = profileChange(profile, userDataDir, profile.trustForOfficialHosts);
  // Checked whole (the other accounts included) before anything is written: a refused profile
  // leaves no trace.
  settings.check(change);
  writeProfileCertificate(profile, userDataDir);
  return settings.update(change);
}

/** The settings change a profile makes on this workstation; its authority scoped as the profile says. */
export function profileChange(
  profile: ProfileSettings,
  userDataDir: string,
  trustForOfficialHosts: boolean | undefined,
): SettingsChange {
  return {
    ...(profile.caCertificatePem ? { caForOfficialHosts: trustForOfficialHosts === true } : {}),
    environment: profile.environment,
    ...(profile.environment === 'custom' ? { apiBaseUrl: profile.apiBaseUrl, tokenUrl: profile.tokenUrl } : {}),
    ...(profile.login ? { login: profile.login } : {}),
    clientId: profile.clientId ?? '',
    alertDelayMonths: profile.alertDelayMonths,
    timeoutSeconds: profile.timeoutSeconds,
    proxyUrl: profile.proxyUrl ?? '',
    caCertificatePath: profile.caCertificatePem ? join(userDataDir, importedCaFileName(profile.caCertificatePem)) : '',
  };
}

export function writeProfileCertificate(profile: ProfileSettings, userDataDir: string): void {
  if (profile.caCertificatePem)
    writeFileSync(join(userDataDir, importedCaFileName(profile.caCertificatePem)), profile.caCertificatePem, {
      mode: privateFileMode,
    });
}
