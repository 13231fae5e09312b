import { isIP } from 'node:net';
import { AppError } from '../failures/errors';
import { hasLookAlikeCharacter, lookAlikeRefusal } from '../text/look-alike';

/**
 * Loopback is the only place plain http may go: the local simulator, never another machine. Only
 * literal `localhost`, 127.0.0.0/8 and ::1: a name under `.localhost` is resolved through DNS and
 * may point anywhere on the network.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1';
  return false;
}

function parse(field: string, text: string): URL {
  // The URL parser drops tabs and line breaks silently: the text as typed would be kept, and
  // printed, with them. Refused as typed, from the screen, the command line or a profile.
  if (hasControlCharacter(text)) throw new AppError('INVALID_INPUT', `${field} : ${controlCharacterRefusal}`);
  try {
    return new URL(text);
  } catch {
    throw new AppError('INVALID_INPUT', `${field} : adresse mal formée`);
  }
}

/**
 * The pre-PISTE hosts, shut down in 2023 without a redirect (docs/chorus-pro-api.md,
 * "Decommissioned hosts"): an address there can only fail, later and as a network error.
 */
export const isDecommissionedHost = (hostname: string): boolean => /(^|\.)aife\.economie\.gouv\.fr\.?$/i.test(hostname);

/** What to type instead of an old host: PISTE's pair for each environment. */
export const decommissionedHostAdvice = (field: string, hostname: string): string =>
  `${field} : ${hostname} est une ancienne adresse de Chorus Pro (*.aife.economie.gouv.fr), fermée depuis 2023 ; utilisez celles de PISTE : ` +
  `Lien URL https://api.piste.gouv.fr et URL du jeton https://oauth.piste.gouv.fr/api/oauth/token en production, ` +
  `https://sandbox-api.piste.gouv.fr et https://sandbox-oauth.piste.gouv.fr/api/oauth/token en qualification (ou choisissez l'environnement Production ou Qualification)`;

/**
 * An address credentials will be sent to: https, or http to loopback only; never user:password@
 * in the address, where it would end up in logs and histories; never a decommissioned host.
 */
export function checkEndpointUrl(field: string, text: string): URL {
  const url = parse(field, text);
  if (url.username || url.password) {
    throw new AppError('INVALID_INPUT', `${field} : l'adresse ne doit pas contenir d'identifiant`);
  }
  if (isDecommissionedHost(url.hostname))
    throw new AppError('INVALID_INPUT', decommissionedHostAdvice(field, url.hostname));
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:') {
    if (isLoopbackHost(url.hostname)) return url;
    throw new AppError('INSECURE_URL', field);
  }
  throw new AppError('INVALID_INPUT', `${field} : seules les adresses https:// sont acceptées`);
}

/**
 * A proxy may be reached over http (the API traffic is tunnelled through it, still in TLS). Its
 * user name may be written in the address; its password lives in the keychain, never there.
 */
export function checkProxyUrl(field: string, text: string): URL {
  const url = parse(field, text);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('INVALID_INPUT', `${field} : un proxy s'écrit http://hôte:port ou https://hôte:port`);
  }
  if (url.password) {
    throw new AppError(
      'INVALID_INPUT',
      `${field} : le mot de passe du proxy ne s'écrit pas dans l'adresse (il est gardé dans le coffre-fort)`,
    );
  }
  let user: string;
  try {
    user = decodeURIComponent(url.username);
  } catch {
    throw new AppError(
      'INVALID_INPUT',
      `${field} : l'identifiant contient un « % » qui n'est pas suivi de deux chiffres hexadécimaux (écrivez %25 pour un %)`,
    );
  }
  if (hasControlCharacter(user)) throw new AppError('INVALID_INPUT', `${field} : ${controlCharacterRefusal}`);
  if (hasLookAlikeCharacter(user))
    throw new AppError('INVALID_INPUT', `${field} : identifiant du proxy : ${lookAlikeRefusal}`);
  return url;
}

// C0 controls, DEL and C1 controls: a NUL would make two names share a keychain entry, a line
// break or an escape sequence would forge lines of `status` or of the log.
const controlCharacter = /\p{Cc}/u;
export const hasControlCharacter = (text: string): boolean => controlCharacter.test(text);
export const controlCharacterRefusal =
  'caractère de contrôle interdit (saut de ligne, tabulation, caractère nul, échappement…) ; retapez la valeur sans copier-coller';

/**
 * A proxy address as stored: undefined when there is none or when it cannot be read. A value
 * stored by an older version or a hand-edited file must never make the settings unreadable.
 */
export function storedProxy(text: string | undefined): URL | undefined {
  if (!text) return undefined;
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** The proxy's user name as typed; an undecodable one (stored before it was refused) as written. */
export function proxyUserName(proxy: URL): string {
  try {
    return decodeURIComponent(proxy.username);
  } catch {
    return proxy.username;
  }
}
