// Ed25519 keys from Node's own crypto: the root, the publishers' working keys and the members'
// signing keys. Public keys travel as their 32 raw bytes (base64), private keys stay in the
// keychain as PKCS#8 (base64). No cryptography of ours: generate, sign, verify.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { base32 } from './base32';

export interface SigningKeyPair {
  /** The 32 bytes of the public key, base64. */
  readonly publicKey: string;
  /** PKCS#8 DER, base64: what the keychain keeps. */
  readonly privateKey: string;
}

export function generateSigningKey(): SigningKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: rawPublicKey(publicKey),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  };
}

function rawPublicKey(key: KeyObject): string {
  const { x } = key.export({ format: 'jwk' });
  if (typeof x !== 'string') throw new Error('clé Ed25519 sans partie publique');
  return Buffer.from(x, 'base64url').toString('base64');
}

/** The public half of a private key kept in the keychain. */
export const publicKeyOf = (privateKey: string): string => rawPublicKey(createPublicKey(privateKeyObject(privateKey)));

const privateKeyObject = (privateKey: string): KeyObject =>
  createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' });

/** A raw public key read from a file: exactly 32 bytes of base64, else undefined. */
function publicKeyObject(publicKey: string): KeyObject | undefined {
  if (!/^[A-Za-z0-9+/]{43}=$/.test(publicKey)) return undefined;
  try {
    return createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey, 'base64').toString('base64url') },
      format: 'jwk',
    });
  } catch {
    return undefined;
  }
}

/**
 * Every signature covers the kind of file and the format version before the bytes, so that a
 * signature made for one kind of file (a member's join request) can never pass for another.
 */
const signedMessage = (kind: string, bytes: Uint8Array): Buffer =>
  Buffer.concat([Buffer.from(`chorus-pro-echanges-flotte/1/${kind}\n`, 'utf8'), bytes]);

export const signBytes = (privateKey: string, kind: string, bytes: Uint8Array): string =>
  sign(null, signedMessage(kind, bytes), privateKeyObject(privateKey)).toString('base64');

export function verifyBytes(publicKey: string, kind: string, bytes: Uint8Array, signature: string): boolean {
  const key = publicKeyObject(publicKey);
  if (!key || !/^[A-Za-z0-9+/]{86}==$/.test(signature)) return false;
  try {
    return verify(null, signedMessage(kind, bytes), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** A working key's name in files: 16 characters of base32 of its SHA-256. */
export const keyId = (publicKey: string): string =>
  base32(createHash('sha256').update(Buffer.from(publicKey, 'base64')).digest(), 16);
