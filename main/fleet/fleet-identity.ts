// What people read aloud and compare: the fleet's fingerprint, a member's id and four-word phrase.
// All derived from keys, never from names (a machine or user name is only self-declared).
import { createHash, randomBytes, scrypt } from 'node:crypto';
import { AppError } from '../failures/errors';
import { base32, inGroupsOfFour, normalizeBase32 } from './base32';
import { phraseWords } from './phrase-words';

/**
 * The fleet's fingerprint: 20 characters of base32 of the SHA-256 of the root's public key
 * (100 bits), written in groups of four (« K3M7-… »). Whoever gives it to `fleet join` trusts that
 * root and nothing else.
 */
export const fingerprintOf = (rootKey: string): string =>
  base32(createHash('sha256').update(Buffer.from(rootKey, 'base64')).digest(), 20);

export const shownFingerprint = (fingerprint: string): string => inGroupsOfFour(fingerprint);

/** A fingerprint as typed (any case, with or without dashes or spaces), or a refusal saying how it is written. */
export function parseFingerprint(typed: string): string {
  const normalized = normalizeBase32(typed);
  if (normalized === undefined || normalized.length !== 20) {
    throw new AppError(
      'INVALID_INPUT',
      "--publisher : l'empreinte de la flotte s'écrit en 20 caractères, par groupes de quatre (XXXX-XXXX-XXXX-XXXX-XXXX), telle que « fleet create » l'a affichée",
    );
  }
  return normalized;
}

/** The member's keys as one digest: the signing key and the age recipient, bound together. */
const memberKeyDigest = (memberKey: string, recipient: string): Buffer =>
  createHash('sha256')
    .update('chorus-pro-echanges-flotte/1/membre\n')
    .update(Buffer.from(memberKey, 'base64'))
    .update('\n')
    .update(recipient, 'utf8')
    .digest();

/** A member's id: 16 characters of base32 (80 bits) of its keys' digest. */
export const memberIdOf = (memberKey: string, recipient: string): string =>
  base32(memberKeyDigest(memberKey, recipient), 16);

export const isMemberId = (text: string): boolean => /^[0-9A-HJKMNP-TV-Z]{16}$/.test(text);

/** A member id as typed (`--accept`, `remove-member`), or a refusal. */
export function parseMemberId(typed: string): string {
  const normalized = normalizeBase32(typed);
  if (normalized === undefined || !isMemberId(normalized)) {
    throw new AppError(
      'INVALID_INPUT',
      'identifiant de poste : 16 caractères, tels que « fleet members DOSSIER » les affiche',
    );
  }
  return normalized;
}

/**
 * The scrypt cost of the phrase (2^14, 16 MB, a few tens of milliseconds): making a key whose
 * phrase matches a given one takes 2^44 tries on average (four words of 11 bits), each now costing
 * a scrypt rather than a hash — about 2^58 hash-equivalents, out of reach of a share's writer for
 * the minutes the comparison matters. Two honest members share a phrase with probability n²/2^45
 * (1 in 3.5 million for 100 members); `fleet members` flags it when it happens.
 */
const phraseCost = { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

/** The four words a member shows, for the IT person to compare before accepting it. */
export function phraseOf(memberKey: string, recipient: string): Promise<string> {
  return new Promise((resolve, reject) => {
    scrypt(
      memberKeyDigest(memberKey, recipient),
      'chorus-pro-echanges-flotte/1/phrase',
      8,
      phraseCost,
      (error, derived) => {
        if (error) {
          reject(error);
          return;
        }
        const bits = derived.readBigUInt64BE(0);
        const words = [0, 1, 2, 3].map(
          (index) => phraseWords[Number((bits >> BigInt(53 - 11 * index)) & 2047n)] ?? '?',
        );
        resolve(words.join(' '));
      },
    );
  });
}

/** An invitation code: 12 characters of base32 (60 bits) from the system's random source. */
export const newInvitationCode = (): string => base32(randomBytes(8), 12);

export const shownCode = (code: string): string => inGroupsOfFour(code);

/** A code as typed at `fleet join --code-stdin`, or a refusal. */
export function parseInvitationCode(typed: string): string {
  const normalized = normalizeBase32(typed.trim());
  if (normalized === undefined || normalized.length !== 12) {
    throw new AppError(
      'FLEET_CODE_REFUSED',
      "le code d'invitation s'écrit en 12 caractères (XXXX-XXXX-XXXX), tel que « fleet invite » l'a affiché",
    );
  }
  return normalized;
}

/** A random identifier for a file the publisher names (an invitation). */
export const newFileId = (): string => base32(randomBytes(5), 8);
