/**
 * How a keychain entry's name is compared where two names could be one entry. Windows' Credential
 * Manager ignores case with Windows' own case table: each character's simple uppercase, never a
 * full mapping that changes the length (`ß` stays `ß`), and — unlike Unicode's simple mapping — it
 * leaves the dotless `ı` (U+0131) and the long `ſ` (U+017F) as they are: Microsoft's published
 * up-case table (exFAT specification, 7.2.5.1, as the Linux kernel carries it in fs/exfat/nls.c)
 * maps both to themselves, Wine builds its Windows case table (l_intl.nls, tools/make_unicode,
 * remove_linguistic_mappings) without them, and .NET's ordinal casing, made to match Windows,
 * excludes exactly these two (dotnet/runtime pal_casing.c, "Disable Turkish I behavior on Ordinal
 * operations"). Any other character whose uppercase Windows might use is folded: two names that
 * may share one entry are refused, never kept apart. Lowercased afterwards, so that names equal
 * either way (Windows', or whatever their case elsewhere) have one key.
 */
const keptByWindows: ReadonlySet<string> = new Set(['\u0131', '\u017f']);

export function credentialKey(name: string): string {
  return Array.from(name, (character) => {
    if (keptByWindows.has(character)) return character;
    const upper = character.toUpperCase();
    return upper.length === character.length ? upper : character;
  })
    .join('')
    .toLowerCase();
}

/** Whether two names may share one keychain entry on a platform the app runs on. */
export const sameCredential = (a: string, b: string): boolean => credentialKey(a) === credentialKey(b);
