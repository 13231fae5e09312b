import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { ProfileChange } from '../../preload/contract';
import { AppError } from '../errors';
import { privateFileMode } from '../private-files';
import { certificatesOnly } from '../net/ca-certificates';
import { storedSettingsSchema, type StoredSettings } from '../settings/settings-schema';
import { applySettingsChange, type SettingsStore } from '../settings/settings-store';

export const currentProfileVersion = 1;
export const maxProfileBytes = 1024 * 1024;
/** Where an imported profile's authority certificate is written, in the user-data folder. */
export const importedCaFileName = 'autorite-profil-deploiement.pem';

/**
 * A deployment profile: what an administrator sets once and copies to every workstation. It
 * never holds a secret: passwords and the client secret stay in each workstation's keychain.
 */
export const profileSchema = storedSettingsSchema
  .pick({ environment: true, apiBaseUrl: true, tokenUrl: true, login: true, clientId: true, alertDelayMonths: true, timeoutSeconds: true, proxyUrl: true })
  .extend({
    profileVersion: z.literal(currentProfileVersion),
    caCertificatePem: z.string().min(1).max(256 * 1024).optional(),
  })
  .strict();
export type DeploymentProfile = z.infer<typeof profileSchema>;

/** Only the certificates, written again: a private key kept beside them never leaves the workstation. */
function readCaForExport(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new AppError('INVALID_INPUT', `Certificat d'autorité : fichier illisible (${path}) ; choisissez-le à nouveau ou retirez-le avant d'exporter le profil`);
  }
  const bundle = certificatesOnly(text);
  if (!bundle.ok) throw new AppError('INVALID_INPUT', `Certificat d'autorité : ${bundle.reason} (${path}) ; choisissez un fichier qui ne contient que des certificats avant d'exporter le profil`);
  return bundle.pem;
}

export function exportProfile(settings: StoredSettings): DeploymentProfile {
  const caCertificatePem = settings.caCertificatePath ? readCaForExport(settings.caCertificatePath) : undefined;
  return profileSchema.parse({
    profileVersion: currentProfileVersion,
    environment: settings.environment,
    apiBaseUrl: settings.apiBaseUrl,
    tokenUrl: settings.tokenUrl,
    login: settings.login,
    clientId: settings.clientId,
    alertDelayMonths: settings.alertDelayMonths,
    timeoutSeconds: settings.timeoutSeconds,
    proxyUrl: settings.proxyUrl,
    caCertificatePem,
  });
}

/** Reads a profile file; anything but a profile of this version, under 1 MB, is refused whole. */
export function readProfile(path: string): DeploymentProfile {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new AppError('PROFILE_REFUSED', `fichier introuvable ou illisible : ${path}`);
  }
  if (size > maxProfileBytes) throw new AppError('PROFILE_REFUSED', `fichier de ${size} octets, 1 Mo au plus`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new AppError('PROFILE_REFUSED', "ce n'est pas un fichier JSON valide");
  }
  const version = typeof data === 'object' && data !== null && 'profileVersion' in data ? data.profileVersion : undefined;
  if (version !== currentProfileVersion) {
    throw new AppError('PROFILE_REFUSED', `version de profil ${JSON.stringify(version ?? null)} inconnue, version ${currentProfileVersion} attendue`);
  }
  const parsed = profileSchema.safeParse(data);
  if (!parsed.success) {
    throw new AppError('PROFILE_REFUSED', `champ invalide : ${parsed.error.issues.map((issue) => issue.path.join('.') || 'racine').join(', ')}`);
  }
  if (parsed.data.caCertificatePem) {
    const bundle = certificatesOnly(parsed.data.caCertificatePem);
    if (!bundle.ok) throw new AppError('PROFILE_REFUSED', `certificat d'autorité : ${bundle.reason}`);
    return { ...parsed.data, caCertificatePem: bundle.pem };
  }
  return parsed.data;
}

export type { ProfileChange } from '../../preload/contract';

const labels: Readonly<Record<string, string>> = {
  environment: 'Environnement',
  apiBaseUrl: 'Lien URL',
  tokenUrl: 'URL du jeton',
  login: 'Identifiant utilisateur',
  clientId: 'Identifiant client PISTE',
  alertDelayMonths: 'Alerte actualisation (mois)',
  timeoutSeconds: "Délai d'attente (secondes)",
  proxyUrl: 'Proxy',
  caCertificatePem: "Certificat d'autorité",
};

/** What importing this profile would change, setting by setting, for the user to confirm. */
export function describeProfileChanges(current: StoredSettings, profile: DeploymentProfile): ProfileChange[] {
  const now = exportProfile(current);
  return Object.keys(labels).flatMap((key) => {
    const before = (now as Record<string, unknown>)[key];
    const after = (profile as Record<string, unknown>)[key];
    if (before === after) return [];
    const show = (value: unknown) =>
      value === undefined ? '(aucun)' : key === 'caCertificatePem' ? 'certificat fourni' : typeof value === 'number' ? String(value) : JSON.stringify(value).replace(/^"|"$/g, '');
    return [{ setting: labels[key] ?? key, before: show(before), after: show(after) }];
  });
}

/**
 * Applies a profile through the settings' own validation (an unsafe address is refused as when
 * typed): all of it or nothing. Never touches the keychain.
 */
export function applyProfile(settings: SettingsStore, profile: DeploymentProfile, userDataDir: string): StoredSettings {
  const caPath = join(userDataDir, importedCaFileName);
  const change = {
    environment: profile.environment,
    ...(profile.environment === 'custom' ? { apiBaseUrl: profile.apiBaseUrl, tokenUrl: profile.tokenUrl } : {}),
    ...(profile.login ? { login: profile.login } : {}),
    clientId: profile.clientId ?? '',
    alertDelayMonths: profile.alertDelayMonths,
    timeoutSeconds: profile.timeoutSeconds,
    proxyUrl: profile.proxyUrl ?? '',
    caCertificatePath: profile.caCertificatePem ? caPath : '',
  };
  // Checked whole before anything is written: a refused profile leaves no trace.
  applySettingsChange(settings.read(), change);
  if (profile.caCertificatePem) writeFileSync(caPath, profile.caCertificatePem, { mode: privateFileMode });
  return settings.update(change);
}
