// The root's own X25519 key, for the publishers' box: derived from the root's private key (so a
// root file written by any version carries it), its recipient certified by the root in each
// certificate. With the root file and its passphrase, a rotation opens the latest publishers' box
// and recovers the members, the assignments and the accounts when the publisher's PC is gone.
// node:crypto derives and imports the key; age seals and opens with it.
import { hkdfSync, webcrypto } from 'node:crypto';
import type { AgeIdentity } from './sealed-box';

/** PKCS#8 header of an X25519 private key (RFC 8410): what WebCrypto imports 32 bytes with. */
const x25519Pkcs8Header = Buffer.from('302e020100300506032b656e04220420', 'hex');

export interface RootStateKey {
  readonly identity: AgeIdentity;
  readonly recipient: string;
}

/** The same key for the same root every time; nothing of it is ever stored. */
export async function rootStateKey(rootPrivateKey: string): Promise<RootStateKey> {
  const scalar = Buffer.from(
    hkdfSync(
      'sha256',
      Buffer.from(rootPrivateKey, 'base64'),
      Buffer.alloc(0),
      'chorus-pro-echanges-flotte/1/etat-racine',
      32,
    ),
  );
  const identity = await webcrypto.subtle.importKey(
    'pkcs8',
    Buffer.concat([x25519Pkcs8Header, scalar]),
    { name: 'X25519' },
    false,
    ['deriveBits'],
  );
  const { identityToRecipient } = await import('age-encryption');
  return { identity, recipient: await identityToRecipient(identity) };
}

/** The name the publishers' box gives the root among its recipients. */
export const rootRecipientId = 'racine';
