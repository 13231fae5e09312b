import { describe, expect, it } from 'vitest';
import { AppError } from '../failures/errors';
import { base32, inGroupsOfFour, normalizeBase32 } from './base32';
import {
  fingerprintOf,
  memberIdOf,
  parseFingerprint,
  parseInvitationCode,
  parseMemberId,
  phraseOf,
  shownFingerprint,
} from './fleet-identity';
import { phraseWords } from './phrase-words';
import { newAgeIdentity } from './sealed-box';
import { generateSigningKey } from './signing-keys';

const codeOf = (work: () => unknown): string => {
  try {
    work();
    return 'accepted';
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
};

describe("the fleet's names read aloud", () => {
  it('has 2048 distinct French words, told apart by their first four letters, accents aside', () => {
    expect(phraseWords).toHaveLength(2048);
    expect(new Set(phraseWords).size).toBe(2048);
    expect(new Set(phraseWords.map((word) => word.normalize('NFD').replace(/\p{M}/gu, '').slice(0, 4))).size).toBe(
      2048,
    );
    expect(phraseWords.every((word) => /^[a-zà-ÿ]+$/.test(word) && word === word.normalize('NFC'))).toBe(true);
  });

  it("writes Crockford's base32 and forgives what people confuse", () => {
    expect(base32(Buffer.alloc(5), 8)).toBe('00000000');
    expect(base32(Buffer.alloc(5, 0xff), 8)).toBe('ZZZZZZZZ');
    expect(base32(Buffer.from([0b00001000, 0b01000011]), 3)).toBe('111');
    expect(normalizeBase32('abcd-efgh ijkl-mnoP')).toBe('ABCDEFGH1JK1MN0P');
    expect(normalizeBase32('ABCU')).toBeUndefined();
    expect(inGroupsOfFour('ABCDEFGHJKMNPQRSTVWX')).toBe('ABCD-EFGH-JKMN-PQRS-TVWX');
  });

  it('gives the root a fingerprint of 20 characters (100 bits) and reads it back however it is typed', () => {
    const fingerprint = fingerprintOf(generateSigningKey().publicKey);
    expect(fingerprint).toMatch(/^[0-9A-HJKMNP-TV-Z]{20}$/);
    expect(shownFingerprint(fingerprint)).toMatch(/^(.{4}-){4}.{4}$/);
    expect(parseFingerprint(shownFingerprint(fingerprint).toLowerCase().replace(/-/g, ' '))).toBe(fingerprint);
    expect(codeOf(() => parseFingerprint(fingerprint.slice(1)))).toBe('INVALID_INPUT');
  });

  it("derives a member's id and four-word phrase from its keys only, the same every time", async () => {
    const signing = generateSigningKey().publicKey;
    const { recipient } = await newAgeIdentity();
    const id = memberIdOf(signing, recipient);
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(parseMemberId(id.toLowerCase())).toBe(id);
    const phrase = await phraseOf(signing, recipient);
    expect(phrase.split(' ')).toHaveLength(4);
    expect(phrase.split(' ').every((word) => phraseWords.includes(word))).toBe(true);
    expect(await phraseOf(signing, recipient)).toBe(phrase);
    const other = (await newAgeIdentity()).recipient;
    expect(memberIdOf(signing, other)).not.toBe(id);
    expect(await phraseOf(signing, other)).not.toBe(phrase);
  });

  it('reads an invitation code of 12 characters, and refuses anything else as a refused code', () => {
    expect(parseInvitationCode(' abcd-efgh-jkmn\n')).toBe('ABCDEFGHJKMN');
    expect(codeOf(() => parseInvitationCode('ABCD-EFGH'))).toBe('FLEET_CODE_REFUSED');
  });
});
