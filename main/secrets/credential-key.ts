/**
 * How a keychain entry's name is compared where two names could be one entry. Windows' Credential
 * Manager ignores case with its own table: each character's simple uppercase (`ı` and `i` are both
 * `I`, `ſ` is `S`), never a full mapping that changes the length (`ß` stays `ß`). Lowercasing alone
 * misses `ı`/`I` and `ſ`/`S`: the key is Windows' uppercase, then lowercased, so that names equal
 * either way (Windows', or whatever their case elsewhere) have one key.
 */
export function credentialKey(name: string): string {
  return Array.from(name, (character) => {
    const upper = character.toUpperCase();
    return upper.length === character.length ? upper : character;
  })
    .join('')
    .toLowerCase();
}

/** Whether two names may share one keychain entry on a platform the app runs on. */
export const sameCredential = (a: string, b: string): boolean => credentialKey(a) === credentialKey(b);
