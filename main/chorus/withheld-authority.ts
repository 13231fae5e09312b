// A deployment profile's authority kept from PISTE's official hosts, and what a refused certificate
// then says.
import { AppError } from '../failures/errors';
import { isOfficialPisteAddress } from '../settings/environments';
import type { StoredSettings } from '../settings/settings-schema';

/**
 * An authority a deployment profile gave only custom addresses is not used towards PISTE's own
 * hosts (the profile did not say `"trustForOfficialHosts": true`): those are reached with the
 * system's authorities alone.
 */
export const authorityWithheld = (settings: StoredSettings): boolean =>
  settings.caForCustomHostsOnly === true &&
  (isOfficialPisteAddress(settings.apiBaseUrl) || isOfficialPisteAddress(settings.tokenUrl));

/** A certificate refused where the profile's authority was withheld: the setting that changes it is named. */
export const withheldAuthorityError = (error: AppError): AppError =>
  new AppError(
    'TLS_UNTRUSTED',
    (error.detail ?? 'PISTE') +
      " ; le certificat d'autorité de ce compte vient d'un profil de déploiement qui ne le destine pas aux adresses officielles de PISTE : si le réseau de votre organisation inspecte les connexions, l'administrateur ajoute \"trustForOfficialHosts\": true au profil, puis il est importé à nouveau ; ou choisissez à nouveau ce certificat (paramètres avancés, ou configure --ca-file)",
  );
