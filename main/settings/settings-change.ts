import type { SettingsChange } from '../../common/settings';
import { AppError } from '../failures/errors';
import { checkEndpointUrl, checkProxyUrl, controlCharacterRefusal, hasControlCharacter } from '../net/url-policy';
import { hasLookAlikeCharacter, lookAlikeRefusal } from '../text/look-alike';
import { knownEnvironments } from './environments';
import { storedSettingsSchema, type StoredSettings } from './settings-schema';

const optionalTextKeys = ['clientId', 'proxyUrl', 'caCertificatePath'] as const;

/** Applies a change from the screen or the command line; throws on any value it cannot keep. */
export function applySettingsChange(current: StoredSettings, change: SettingsChange): StoredSettings {
  const cleared = new Set<string>(optionalTextKeys.filter((key) => change[key] === ''));
  // Structured clone carries `{ login: undefined }` from the renderer: an absent value changes nothing.
  const given = Object.entries(change).filter((entry: [string, unknown]) => entry[1] !== undefined);
  const next: Record<string, unknown> = Object.fromEntries(
    [...Object.entries(current), ...given].filter(([key]) => !cleared.has(key)),
  );
  if (change.login !== undefined && change.login.trim() === '') {
    throw new AppError('INVALID_INPUT', "Identifiant utilisateur : l'identifiant est obligatoire");
  }
  // One check for the screen, the command line and a profile: they all come through here.
  for (const [key, label] of [
    ['login', 'Identifiant utilisateur'],
    ['clientId', 'Identifiant client PISTE'],
  ] as const) {
    const given = change[key];
    if (given !== undefined && hasControlCharacter(given))
      throw new AppError('INVALID_INPUT', `${label} : ${controlCharacterRefusal}`);
    if (given !== undefined && hasLookAlikeCharacter(given))
      throw new AppError('INVALID_INPUT', `${label} : ${lookAlikeRefusal}`);
  }
  if (change.login !== undefined && /\s/.test(change.login.trim())) {
    throw new AppError(
      'INVALID_INPUT',
      "Identifiant utilisateur : un identifiant Chorus Pro ne contient pas d'espace (il s'écrit par exemple TECH_1_xxx@cpro.fr)",
    );
  }
  const environment = (next.environment ?? current.environment) as StoredSettings['environment'];
  if (environment !== 'custom') {
    const endpoints = knownEnvironments[environment];
    for (const key of ['apiBaseUrl', 'tokenUrl'] as const) {
      const given = change[key];
      if (given !== undefined && given !== endpoints[key]) {
        const field = key === 'apiBaseUrl' ? 'Lien URL' : 'URL du jeton';
        throw new AppError(
          'INVALID_INPUT',
          `${field} : choisissez l'environnement « Personnalisé » pour saisir une autre adresse`,
        );
      }
    }
    Object.assign(next, endpoints);
  }
  // An authority chosen by the user serves every host; one a profile brings, as the profile says.
  delete next.caForOfficialHosts;
  if (change.caCertificatePath !== undefined || change.caForOfficialHosts !== undefined) {
    delete next.caForCustomHostsOnly;
    if (change.caForOfficialHosts === false && typeof next.caCertificatePath === 'string')
      next.caForCustomHostsOnly = true;
  }
  checkEndpointUrl('Lien URL', String(next.apiBaseUrl));
  checkEndpointUrl('URL du jeton', String(next.tokenUrl));
  if (typeof next.proxyUrl === 'string') checkProxyUrl('Proxy', next.proxyUrl);
  const parsed = storedSettingsSchema.safeParse(next);
  if (!parsed.success) {
    throw new AppError('INVALID_INPUT', parsed.error.issues.map((issue) => issue.path.join('.')).join(', '));
  }
  return parsed.data;
}
