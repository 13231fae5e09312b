// The root certifies the publishers (TUF's shape): `certificats/certificat-<sequence>`, signed by
// the offline root key. A reader trusts the highest sequence it can verify, never one below the
// highest it has seen, so a dead or stolen publisher PC costs a rotation (issue 31), not re-joins.
import type { Clock } from '../dates/clock';
import type { FleetFolder } from './fleet-folder';
import { certificateSchema, type Certificate, type CertifiedPublisher } from './fleet-formats';
import { fingerprintOf } from './fleet-identity';
import type { IgnoredFiles } from './ignored-files';
import { readEnvelope, signedFile, unverifiedField, verifiedPayload, fleetFormatVersion } from './signed-file';
import { keyId } from './signing-keys';

export const certificateFileName = (sequence: number): string => `certificat-${sequence}`;
const namePattern = /^certificat-([1-9][0-9]{0,6})$/;

/** A certificate's file, signed by the root's private key. */
export function certificateFile(rootPrivateKey: string, certificate: Certificate): Buffer {
  return signedFile('certificat', 'racine', rootPrivateKey, certificate);
}

export function newCertificate(
  rootKey: string,
  sequence: number,
  publishers: readonly CertifiedPublisher[],
  clock: Clock,
  stateRecipient?: string,
): Certificate {
  return {
    formatVersion: fleetFormatVersion,
    fleet: fingerprintOf(rootKey),
    rootKey,
    sequence,
    issuedAt: clock().toISOString(),
    publishers: [...publishers],
    ...(stateRecipient === undefined ? {} : { stateRecipient }),
  };
}

export const publisherEntry = (signingKey: string, recipient: string, label?: string): CertifiedPublisher => ({
  id: keyId(signingKey),
  signingKey,
  recipient,
  ...(label ? { label } : {}),
});

/** What the root vouches for now: its key, the sequence, and the publishers valid at it. */
export interface Trust {
  readonly fingerprint: string;
  readonly rootKey: string;
  readonly certificate: Certificate;
}

/**
 * The highest certificate of the folder signed by the root of this fingerprint (and, once pinned,
 * of exactly that root key), not below `atLeast`; undefined when there is none. Every file that
 * fails is counted in `ignored`.
 */
export async function readTrust(
  folder: FleetFolder,
  root: { readonly fingerprint: string; readonly rootKey?: string },
  ignored: IgnoredFiles,
  atLeast = 0,
): Promise<Trust | undefined> {
  const { names, beyondCap } = await folder.list('certificats');
  if (beyondCap) ignored.beyondCap('certificats');
  const candidates = names
    .map((name) => ({ name, sequence: Number(namePattern.exec(name)?.[1] ?? Number.NaN) }))
    .filter((candidate) => {
      const valid = Number.isInteger(candidate.sequence);
      if (!valid) ignored.add('malformed');
      return valid;
    })
    .sort((a, b) => b.sequence - a.sequence)
    .slice(0, 50);
  for (const { name, sequence } of candidates) {
    if (sequence < atLeast) {
      ignored.add('stale');
      continue;
    }
    const text = await folder.read('certificats', name);
    if (text === undefined) {
      ignored.add('unreadable');
      continue;
    }
    const read = readEnvelope(text, 'certificat');
    if (!read.ok) {
      ignored.add(read.refusal);
      continue;
    }
    // The root key is read from the payload only to be checked against the fingerprint (or the key
    // pinned at join); the signature is then verified with it on the exact bytes.
    const claimedRoot = unverifiedField(read.envelope, 'rootKey');
    if (
      typeof claimedRoot !== 'string' ||
      fingerprintOf(claimedRoot) !== root.fingerprint ||
      (root.rootKey !== undefined && claimedRoot !== root.rootKey)
    ) {
      ignored.add('wrong-fleet');
      continue;
    }
    const opened = verifiedPayload(read.envelope, 'certificat', claimedRoot, certificateSchema);
    if (!opened.ok) {
      ignored.add(opened.refusal);
      continue;
    }
    if (
      opened.value.sequence !== sequence ||
      opened.value.fleet !== root.fingerprint ||
      opened.value.rootKey !== claimedRoot
    ) {
      ignored.add('invalid-content');
      continue;
    }
    return { fingerprint: root.fingerprint, rootKey: claimedRoot, certificate: opened.value };
  }
  return undefined;
}

/** Whether any certificate of the folder names a root at all (to tell "another fleet" from "no fleet"). */
export async function anyCertificate(folder: FleetFolder): Promise<boolean> {
  const { names } = await folder.list('certificats');
  return names.some((name) => namePattern.test(name));
}

/** The publisher of this key id, when the trusted certificate lists it. */
export const certifiedPublisher = (trust: Trust, signer: string): CertifiedPublisher | undefined =>
  trust.certificate.publishers.find((publisher) => publisher.id === signer);
