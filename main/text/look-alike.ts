/**
 * What makes two texts look the same while they differ: control and format characters (direction
 * overrides, zero-width spaces, soft hyphen), private-use characters, line and paragraph
 * separators, and every space but the plain one (no-break, en, em, thin, ideographic…). Refused in
 * the names and identifiers the user reads back and the keychain is keyed on: account names,
 * logins, client ids, proxy user names.
 */
const lookAlike = /[\p{Cc}\p{Cf}\p{Co}\p{Zl}\p{Zp}]|(?! )\p{Zs}/u;

export const hasLookAlikeCharacter = (text: string): boolean => lookAlike.test(text);

export const lookAlikeRefusal =
  "caractère invisible, d'inversion du sens de lecture ou espace spéciale (insécable, fine…) interdit : seule l'espace ordinaire est acceptée ; retapez la valeur sans copier-coller";
