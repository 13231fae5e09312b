// What a workstation keeps about its fleets in its own user-data folder (`flotte/`, for its user
// only): the member's memberships and what it applied, the publisher's members and invitations.
// No secret and nothing derived from a password: keys and rollback state are in the keychain.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { rename, writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../failures/errors';
import { ensurePrivateFolder, privateFileMode } from '../files/private-files';
import type { SecretStore } from '../secrets/secret-store';
import { fleetEntries, isFleetEntry } from './fleet-keychain';
import { assignmentSchema, publishedMemberSchema } from './fleet-formats';

const fingerprint = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{20}$/);
const memberId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{16}$/);
const instant = z.iso.datetime({ offset: true });

/** A password the member kept against the fleet's, or could not decide about: for the report (issue 32). */
const disagreementSchema = z
  .object({ account: z.string(), revision: z.int(), at: instant, kept: z.enum(['local', 'published', 'undecided']) })
  .strict();
export type Disagreement = z.infer<typeof disagreementSchema>;

export const membershipSchema = z
  .object({
    fingerprint,
    rootKey: z.string(),
    folder: z.string().min(1).max(4096),
    memberId,
    joinedAt: instant,
    /** The four words to compare with the publisher's list: public (derived from the public keys). */
    phrase: z.string().max(200).optional(),
    appliedRevision: z.int().min(0).optional(),
    appliedAt: instant.optional(),
    /** The accounts the last applied publication carried: their refused password says « contactez votre service informatique ». */
    managedAccounts: z.array(z.string()).max(2000).default([]),
    disagreements: z.array(disagreementSchema).max(2000).default([]),
  })
  .strict();
export type Membership = z.infer<typeof membershipSchema>;

const membershipsFileSchema = z
  .object({ formatVersion: z.literal(1), memberships: z.array(membershipSchema).max(100) })
  .strict();

export type { PublishedMember } from './fleet-formats';

export const publisherRecordSchema = z
  .object({
    fingerprint,
    rootKey: z.string(),
    folder: z.string().min(1).max(4096),
    createdAt: instant,
    certificateSequence: z.int().min(1),
    lastRevision: z.int().min(0),
    members: z.array(publishedMemberSchema).max(10_000),
    invitations: z
      .array(z.object({ id: z.string(), expiresAt: instant, usedBy: memberId.optional() }).strict())
      .max(10_000),
    /** `fleet assign`: accounts restricted to some members; shared with the other publishers through the publishers' box. */
    assignments: z.array(assignmentSchema).max(2000).default([]),
  })
  .strict();
export type PublisherRecord = z.infer<typeof publisherRecordSchema>;

const publisherFileSchema = z
  .object({ formatVersion: z.literal(1), fleets: z.array(publisherRecordSchema).max(100) })
  .strict();

const folderOf = (userDataDir: string): string => join(userDataDir, 'flotte');
const membershipsPath = (userDataDir: string): string => join(folderOf(userDataDir), 'adhesions.json');
const publisherPath = (userDataDir: string): string => join(folderOf(userDataDir), 'publication.json');
/** The publisher's copy of its last publication: what the next one's digests of replaced passwords come from. */
export const lastPublicationCopyPath = (userDataDir: string, fleet: string): string =>
  join(folderOf(userDataDir), `derniere-publication-${fleet}`);

function readRecord<T>(path: string, schema: z.ZodType<T>, empty: T): T {
  if (!existsSync(path)) return empty;
  try {
    const parsed = schema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // Said below.
  }
  throw new AppError(
    'SETTINGS_UNWRITABLE',
    `fichier ${path} illisible : renommez-le pour repartir de zéro (il faudra rejoindre ou créer le parc à nouveau)`,
  );
}

/** A new private file renamed over the old one: never half-written. */
export async function writePrivate(path: string, content: string | Buffer): Promise<void> {
  ensurePrivateFolder(join(path, '..'));
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, content, { mode: privateFileMode, flag: 'wx' });
    await rename(temporary, path);
  } catch {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw new AppError('SETTINGS_UNWRITABLE', path);
  }
}

export const readMemberships = (userDataDir: string): Membership[] =>
  readRecord(membershipsPath(userDataDir), membershipsFileSchema, { formatVersion: 1 as const, memberships: [] })
    .memberships;

/** The accounts a fleet manages on this workstation: their refused password says « contactez votre service informatique ». */
export function fleetManagedAccounts(userDataDir: string): ReadonlySet<string> {
  try {
    return new Set(readMemberships(userDataDir).flatMap((membership) => membership.managedAccounts));
  } catch {
    return new Set();
  }
}

export async function writeMemberships(userDataDir: string, memberships: readonly Membership[]): Promise<void> {
  await writePrivate(membershipsPath(userDataDir), `${JSON.stringify({ formatVersion: 1, memberships }, null, 2)}\n`);
}

/** One membership changed (or added) by its fingerprint. */
export async function saveMembership(userDataDir: string, membership: Membership): Promise<void> {
  const others = readMemberships(userDataDir).filter((existing) => existing.fingerprint !== membership.fingerprint);
  await writeMemberships(userDataDir, [...others, membership]);
}

export const readPublisherRecords = (userDataDir: string): PublisherRecord[] =>
  readRecord(publisherPath(userDataDir), publisherFileSchema, { formatVersion: 1 as const, fleets: [] }).fleets;

export async function savePublisherRecord(userDataDir: string, record: PublisherRecord): Promise<void> {
  const others = readPublisherRecords(userDataDir).filter((existing) => existing.fingerprint !== record.fingerprint);
  await writePrivate(
    publisherPath(userDataDir),
    `${JSON.stringify({ formatVersion: 1, fleets: [...others, record] }, null, 2)}\n`,
  );
}

/** What the last reading of the machine's fleet pointer did, for `status` and the screen (machine-pointer.ts). */
export const pointerRecordSchema = z
  .object({
    formatVersion: z.literal(1),
    path: z.string().max(4096),
    at: instant,
    outcome: z.enum(['refused', 'member', 'joined', 'failed']),
    fingerprint: fingerprint.optional(),
    /** Why it was refused, or why joining failed (French, for the IT person). */
    reason: z.string().max(2000).optional(),
  })
  .strict();
export type PointerRecord = z.infer<typeof pointerRecordSchema>;
const pointerRecordPath = (userDataDir: string): string => join(folderOf(userDataDir), 'pointeur-du-poste.json');

/** The last pointer reading, or undefined (none yet, or a file this version cannot read: it is written again at the next start). */
export function readPointerRecord(userDataDir: string): PointerRecord | undefined {
  try {
    return readRecord(pointerRecordPath(userDataDir), pointerRecordSchema.optional(), undefined);
  } catch {
    return undefined;
  }
}

export const savePointerRecord = (userDataDir: string, record: PointerRecord): Promise<void> =>
  writePrivate(pointerRecordPath(userDataDir), `${JSON.stringify(record, null, 2)}\n`);

/** Every local record of the fleet: what forgetFleetMembership removes. */
export function removeLocalRecords(userDataDir: string): boolean {
  const existed = existsSync(folderOf(userDataDir));
  rmSync(folderOf(userDataDir), { recursive: true, force: true });
  return existed;
}

/*
 * For `forget` (issue 34): everything the fleet keeps for this user on this workstation goes — the
 * member's keys and rollback state, the publisher's working, publisher and invitation keys, and
 * the local records. The shared folder is not touched (a removal there is the IT person's
 * `fleet remove-member`).
 */
export interface ForgottenFleet {
  readonly keychainEntries: number;
  readonly localRecords: boolean;
}

export async function forgetFleetMembership(secrets: SecretStore, userDataDir: string): Promise<ForgottenFleet> {
  let names: string[];
  if (secrets.list) {
    names = (await secrets.list()).filter(isFleetEntry);
  } else {
    // A keychain that cannot list: the entries the local records name.
    let memberships: string[] = [];
    let publishers: { fingerprint: string; invitations: string[] }[] = [];
    try {
      memberships = readMemberships(userDataDir).map((membership) => membership.fingerprint);
      publishers = readPublisherRecords(userDataDir).map((record) => ({
        fingerprint: record.fingerprint,
        invitations: record.invitations.map((invitation) => invitation.id),
      }));
    } catch {
      // Unreadable records: only what can be named goes.
    }
    names = [
      ...memberships.flatMap((fingerprint) => [
        fleetEntries.memberKeys(fingerprint),
        fleetEntries.memberState(fingerprint),
      ]),
      ...publishers.flatMap(({ fingerprint, invitations }) => [
        fleetEntries.workingKey(fingerprint),
        fleetEntries.publisherIdentity(fingerprint),
        ...invitations.map((id) => fleetEntries.invitationKey(fingerprint, id)),
      ]),
    ];
  }
  let removed = 0;
  for (const name of names) if (await secrets.delete(name)) removed += 1;
  return { keychainEntries: removed, localRecords: removeLocalRecords(userDataDir) };
}
