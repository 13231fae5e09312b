import { AppError } from '../failures/errors';
import { hasLookAlikeCharacter, lookAlikeRefusal } from '../text/look-alike';
import { sameCredential } from '../secrets/credential-key';
import { accountNameSchema, type SettingsFile, type StoredAccount, type StoredSettings } from './settings-schema';

/*
 * What the accounts of one settings file keep between them, checked before anything is written:
 * each name once, one account per Chorus Pro login at one host, and no change to an account that
 * is not there.
 */

/** Names that look alike are the same name: composed the same way (NFC), whatever their case. */
export const sameName = (a: string, b: string): boolean =>
  a.normalize('NFC').toLocaleLowerCase('fr') === b.normalize('NFC').toLocaleLowerCase('fr');

/**
 * What cmd.exe reads itself in a command line, even in an argument a caller quoted its own way
 * ("BatBadBut": the `.cmd` shim re-reads `%*`): a quote, `%`, `&`, `|`, `<`, `>` and `^`.
 */
const commandInterpreterCharacter = /["%&|<>^]/u;

/**
 * A name as kept: composed (NFC), so that « ë » typed either way is one name. The one check of
 * every name given now — the screen (through the bridge), `accounts add`/`rename`, a profile's new
 * accounts, a fleet publication's —, not the file's schema: a name an older version kept still
 * opens, and is passed to a process only as the value of one argument (`--account=NAME`).
 */
export function checkAccountName(name: string): string {
  const composed = name.normalize('NFC');
  if (hasLookAlikeCharacter(composed)) throw new AppError('INVALID_INPUT', `Nom du compte : ${lookAlikeRefusal}`);
  if (!accountNameSchema.safeParse(composed).success) {
    throw new AppError(
      'INVALID_INPUT',
      'Nom du compte : de 1 à 80 caractères, sans caractère invisible ou de contrôle ni espace au début ou à la fin',
    );
  }
  // Chromium reads an argument that begins with `-` (on Windows also `/`) as one of its switches,
  // wherever it stands: a name must never be able to look like one.
  if (/^[-/]/u.test(composed)) {
    throw new AppError(
      'INVALID_INPUT',
      `Nom du compte : il ne peut pas commencer par « ${composed.charAt(0)} » (Windows le lirait comme une option) ; commencez-le par une lettre ou un chiffre, par exemple « Mairie de … »`,
    );
  }
  const special = commandInterpreterCharacter.exec(composed)?.[0];
  if (special !== undefined) {
    const advice =
      special === '&' ? 'écrivez « et » à la place (« Mairie et CCAS »)' : 'retirez-le ou remplacez-le par un tiret';
    throw new AppError(
      'INVALID_INPUT',
      `Nom du compte : le caractère « ${special} » est refusé (l'invite de commandes de Windows l'interpréterait dans un script) ; ${advice}`,
    );
  }
  return composed;
}

/** A name given on the command line, shown back without what could forge a line or a colour. */
const shown = (name: string): string => name.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '?').slice(0, 80);

export const accountNamed = (file: SettingsFile, name: string): StoredAccount => {
  const composed = name.normalize('NFC');
  const found = file.accounts.find((account) => account.name === composed);
  if (!found)
    throw new AppError(
      'INVALID_INPUT',
      `aucun compte technique ne s'appelle « ${shown(name)} » (comptes : ${file.accounts.map((account) => account.name).join(', ')})`,
    );
  return found;
};

/** Two accounts with the same API host and login would be one Chorus Pro account with two dates. */
export function checkDistinctConnection(file: SettingsFile, name: string, settings: StoredSettings): void {
  if (!settings.login) return;
  const host = new URL(settings.apiBaseUrl).host;
  // Compared whatever their case, Windows' way included: its Credential Manager would give both one
  // keychain entry (secrets/credential-key.ts).
  const login = settings.login;
  const twin = file.accounts.find(
    (account) =>
      account.name !== name &&
      account.login !== undefined &&
      sameCredential(account.login, login) &&
      new URL(account.apiBaseUrl).host === host,
  );
  if (twin) {
    throw new AppError(
      'INVALID_INPUT',
      `Identifiant utilisateur : le compte « ${twin.name} » utilise déjà cet identifiant à cette adresse ; choisissez ce compte plutôt que d'en créer un second`,
    );
  }
}
