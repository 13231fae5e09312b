// Crockford's base32: the fleet's identifiers, fingerprints and codes are read aloud and typed by
// people, so the alphabet has no I, L, O or U, and reading forgives the letters people confuse
// (O for 0, I and L for 1), case, spaces and dashes.

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The first `characters` characters of the bytes' base32 (5 bits a character, most significant first). */
export function base32(bytes: Uint8Array, characters: number): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5 && out.length < characters) {
      out += alphabet.charAt((buffer >> (bits - 5)) & 31);
      bits -= 5;
    }
    if (out.length >= characters) break;
  }
  if (out.length < characters) throw new Error('base32 : trop peu d’octets');
  return out;
}

/**
 * What a person typed, as the alphabet's characters: upper case, O read as 0, I and L as 1, spaces
 * and dashes dropped. Undefined when anything else is there.
 */
export function normalizeBase32(typed: string): string | undefined {
  const text = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return /^[0-9A-HJKMNP-TV-Z]*$/.test(text) ? text : undefined;
}

/** « ABCD-EFGH-JKMN » : groups of four, easier to read aloud and to compare. */
export const inGroupsOfFour = (text: string): string => (text.match(/.{1,4}/g) ?? []).join('-');
