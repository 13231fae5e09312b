// What importing a profile would change, setting by setting, in French: shown for the user to confirm.
import type { ProfileChange } from '../../common/profiles';
import { summarizeCertificates } from '../net/certificate-summary';
import { environmentLabels } from '../settings/environment-labels';
import type { StoredSettings } from '../settings/settings-schema';
import { printable } from '../text/printable';
import { exportProfile, type ProfileSettings } from './deployment-profile';

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
  trustForOfficialHosts: "Certificat d'autorité pour les adresses officielles de PISTE (trustForOfficialHosts)",
};

const shownValue = (key: string, value: unknown): string => {
  if (key === 'trustForOfficialHosts')
    return value === undefined ? '(aucun certificat)' : value === true ? 'utilisé' : 'non utilisé';
  if (value === undefined) return '(aucun)';
  if (key === 'caCertificatePem' && typeof value === 'string') return summarizeCertificates(value);
  if (key === 'environment') return environmentLabels[value as StoredSettings['environment']];
  return printable(typeof value === 'number' ? String(value) : JSON.stringify(value).replace(/^"|"$/g, ''));
};

/** The profile's word on its authority and PISTE's hosts: only beside an authority. */
const withAuthorityScope = (
  profile: ProfileSettings,
  trustForOfficialHosts: boolean | undefined,
): Record<string, unknown> =>
  profile.caCertificatePem === undefined
    ? { ...profile }
    : { ...profile, trustForOfficialHosts: trustForOfficialHosts === true };

/** What importing this profile would change, setting by setting, for the user to confirm. */
export function describeProfileChanges(
  current: StoredSettings,
  profile: ProfileSettings,
  account = '',
  trustForOfficialHosts?: boolean,
): ProfileChange[] {
  const now = exportProfile(current);
  const nowScope = now.caCertificatePem === undefined ? undefined : now.trustForOfficialHosts === true;
  const incoming = withAuthorityScope(
    profile,
    trustForOfficialHosts ?? (profile as { trustForOfficialHosts?: boolean }).trustForOfficialHosts,
  );
  return Object.keys(labels).flatMap((key) => {
    const before = key === 'trustForOfficialHosts' ? nowScope : (now as Record<string, unknown>)[key];
    const after = incoming[key];
    if (before === after) return [];
    return [
      { setting: `${account}${labels[key] ?? key}`, before: shownValue(key, before), after: shownValue(key, after) },
    ];
  });
}

/**
 * Every setting of an account a profile adds, the proxy and the authority included: the user
 * sees the whole route its connections would take before confirming.
 */
export function describeNewAccount(
  profile: ProfileSettings,
  account: string,
  trustForOfficialHosts?: boolean,
): ProfileChange[] {
  const incoming = withAuthorityScope(profile, trustForOfficialHosts);
  return Object.keys(labels).flatMap((key) => {
    const value = incoming[key];
    return value === undefined
      ? []
      : [{ setting: `${account}${labels[key] ?? key}`, before: '(nouveau compte)', after: shownValue(key, value) }];
  });
}
