// Every file the fleet writes to the shared folder, whatever its kind: one JSON object whose
// payload is kept as the exact bytes that were signed (base64), so that nothing is ever
// re-serialized before it is verified, and whose format version a reader checks first.
import { z } from 'zod';
import { signBytes, verifyBytes } from './signing-keys';

export const fleetFormat = 'chorus-pro-echanges-flotte';
/** The format this version writes and reads; a file of a higher version is said to be newer, never guessed at. */
export const fleetFormatVersion = 1;

/** The kinds of file, each signed under its own name (signing-keys.ts: a signature of one kind never passes for another). */
export type FleetFileKind = 'certificat' | 'invitation' | 'adhesion' | 'publication' | 'statut';

const envelopeSchema = z
  .object({
    format: z.literal(fleetFormat),
    formatVersion: z.int().positive(),
    kind: z.string().max(40),
    signer: z.string().min(1).max(64),
    payload: z.string().max(24 * 1024 * 1024),
    signature: z.string().max(200),
  })
  .strict();

/** Why a file of the folder was not used: counted and said in one line, never fatal. */
export type Refusal =
  | 'unreadable'
  | 'malformed'
  | 'newer-format'
  | 'wrong-fleet'
  | 'bad-signature'
  | 'unknown-signer'
  | 'invalid-content'
  | 'stale'
  | 'not-for-this-member'
  | 'not-a-member'
  | 'machine-destinations';

export type Opened<T> =
  { readonly ok: true; readonly signer: string; readonly value: T } | { readonly ok: false; readonly refusal: Refusal };

/** A payload signed under `kind` by `signer`, as the bytes of one file. */
export function signedFile(kind: FleetFileKind, signer: string, privateKey: string, payload: unknown): Buffer {
  const bytes = Buffer.from(JSON.stringify(payload), 'utf8');
  const envelope = {
    format: fleetFormat,
    formatVersion: fleetFormatVersion,
    kind,
    signer,
    payload: bytes.toString('base64'),
    signature: signBytes(privateKey, kind, bytes),
  };
  return Buffer.from(`${JSON.stringify(envelope)}\n`, 'utf8');
}

/** A file's envelope, not yet verified: its signer and the bytes it claims to sign. */
export interface Envelope {
  readonly signer: string;
  readonly bytes: Buffer;
  readonly signature: string;
}

export function readEnvelope(
  text: string,
  kind: FleetFileKind,
): { ok: true; envelope: Envelope } | { ok: false; refusal: Refusal } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, refusal: 'malformed' };
  }
  const version = typeof data === 'object' && data !== null && 'formatVersion' in data ? data.formatVersion : undefined;
  if (typeof version === 'number' && version > fleetFormatVersion) return { ok: false, refusal: 'newer-format' };
  const parsed = envelopeSchema.safeParse(data);
  if (!parsed.success || parsed.data.kind !== kind || !/^[A-Za-z0-9+/]*={0,2}$/.test(parsed.data.payload))
    return { ok: false, refusal: 'malformed' };
  return {
    ok: true,
    envelope: {
      signer: parsed.data.signer,
      bytes: Buffer.from(parsed.data.payload, 'base64'),
      signature: parsed.data.signature,
    },
  };
}

/** What a payload claims before it is verified: read only to find which key to verify it with. */
export function unverifiedField(envelope: Envelope, field: string): unknown {
  try {
    const data: unknown = JSON.parse(envelope.bytes.toString('utf8'));
    return typeof data === 'object' && data !== null && field in data
      ? (data as Record<string, unknown>)[field]
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The payload, once its signature by `publicKey` is checked on the exact bytes, then parsed and
 * checked against its schema; a payload of a newer format version is said so.
 */
export function verifiedPayload<T>(
  envelope: Envelope,
  kind: FleetFileKind,
  publicKey: string,
  schema: z.ZodType<T>,
): Opened<T> {
  if (!verifyBytes(publicKey, kind, envelope.bytes, envelope.signature)) return { ok: false, refusal: 'bad-signature' };
  let data: unknown;
  try {
    data = JSON.parse(envelope.bytes.toString('utf8'));
  } catch {
    return { ok: false, refusal: 'malformed' };
  }
  const version = typeof data === 'object' && data !== null && 'formatVersion' in data ? data.formatVersion : undefined;
  if (typeof version === 'number' && version > fleetFormatVersion) return { ok: false, refusal: 'newer-format' };
  const parsed = schema.safeParse(data);
  return parsed.success
    ? { ok: true, signer: envelope.signer, value: parsed.data }
    : { ok: false, refusal: 'invalid-content' };
}
