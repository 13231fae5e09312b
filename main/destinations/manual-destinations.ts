import type { Clock } from '../dates/clock';
import { AppError } from '../failures/errors';
import { secretAccounts, type SecretStore } from '../secrets/secret-store';
import { destinationNameSchema, maxManualDestinations, type ManualDestination } from '../settings/exchange-state';
import type { SettingsStore } from '../settings/settings-store';
import { hasLookAlikeCharacter, lookAlikeRefusal } from '../text/look-alike';
import { printable } from '../text/printable';
import type { PolicyReading } from './machine-policy';

/*
 * The manual checklist of an account: the places the accountant reports the new password into by
 * hand (a finance package's administration screen, per database). Each line is « à faire » after
 * a renewal until « Fait ».
 */

const sameName = (a: string, b: string): boolean =>
  a.normalize('NFC').toLocaleLowerCase('fr') === b.normalize('NFC').toLocaleLowerCase('fr');

function lineNamed(settings: SettingsStore, given: string): ManualDestination {
  const lines = settings.read().manualDestinations ?? [];
  const found = lines.find((line) => line.name === given.normalize('NFC'));
  if (!found) {
    const known = lines.map((line) => `« ${line.name} »`).join(', ') || 'aucune';
    throw new AppError(
      'INVALID_INPUT',
      `aucune destination manuelle « ${printable(given).slice(0, 80)} » pour ce compte (destinations manuelles : ${known})`,
    );
  }
  return found;
}

/** A new line of the checklist: a name of its own, not one of the machine policy's. */
export function addManualDestination(
  settings: SettingsStore,
  given: string,
  reading: PolicyReading,
): ManualDestination {
  const name = given.trim().normalize('NFC');
  if (hasLookAlikeCharacter(name)) throw new AppError('INVALID_INPUT', `Nom de la destination : ${lookAlikeRefusal}`);
  if (!destinationNameSchema.safeParse(name).success)
    throw new AppError(
      'INVALID_INPUT',
      'Nom de la destination : de 1 à 80 caractères, sans caractère invisible ou de contrôle',
    );
  const lines = settings.read().manualDestinations ?? [];
  const twin = [
    ...lines.map((line) => line.name),
    ...(reading.kind === 'policy' ? (reading.policy.destinations ?? []).map((destination) => destination.name) : []),
  ].find((other) => sameName(other, name));
  if (twin !== undefined)
    throw new AppError(
      'INVALID_INPUT',
      `Nom de la destination : « ${twin} » existe déjà pour ce compte ; choisissez un autre nom`,
    );
  if (lines.length >= maxManualDestinations)
    throw new AppError('INVALID_INPUT', `${maxManualDestinations} destinations manuelles au plus par compte`);
  const line = { name };
  settings.recordExchangeState({ manualDestinations: [...lines, line] });
  return line;
}

export function removeManualDestination(settings: SettingsStore, given: string): void {
  const { name } = lineNamed(settings, given);
  const remaining = (settings.read().manualDestinations ?? []).filter((line) => line.name !== name);
  settings.recordExchangeState({ manualDestinations: remaining.length > 0 ? remaining : null });
}

/** « Fait »: this place has the current password, which Chorus Pro accepted. */
export function confirmManualDestination(settings: SettingsStore, given: string, clock: Clock): void {
  const { name } = lineNamed(settings, given);
  const current = settings.read();
  if (current.passwordVerified === false) throw new AppError('PASSWORD_NOT_VERIFIED');
  const change = current.exchange;
  if (!change?.pushedAt) {
    throw new AppError(
      'INVALID_INPUT',
      "rien à reporter : le mot de passe actuel n'a pas été renouvelé depuis que cette destination existe ; elle sera à faire au prochain renouvellement",
    );
  }
  const lines = (current.manualDestinations ?? []).map((line) =>
    line.name === name ? { name, doneChangeId: change.changeId, doneAt: clock().toISOString() } : line,
  );
  settings.recordExchangeState({ manualDestinations: lines });
}

/**
 * The password « Copier le mot de passe » puts on the clipboard, for a line of the checklist: only
 * one Chorus Pro accepted. The main process writes it to the clipboard; it never reaches the page.
 */
export async function passwordForManualCopy(
  settings: SettingsStore,
  secrets: SecretStore,
  given: string,
): Promise<string> {
  lineNamed(settings, given);
  const current = settings.read();
  if (current.passwordVerified === false) throw new AppError('PASSWORD_NOT_VERIFIED');
  if (!current.login) throw new AppError('INVALID_INPUT', 'Identifiant utilisateur : à renseigner');
  const password = await secrets.get(secretAccounts.technicalPassword(current.apiBaseUrl, current.login));
  if (password === undefined) throw new AppError('MISSING_SECRET', 'mot de passe du compte technique');
  return password;
}
