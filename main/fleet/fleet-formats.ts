// The payloads of the folder's files (inside signed-file.ts's envelope), each with its format
// version. Checked with zod after the signature; every field a later issue may add is optional
// there, so that a version that does not know it still reads the file (issues 31 and 32 build on
// these: a second publisher, rotated keys, accounts per member, status files).
import { z } from 'zod';
import { profileSettingsSchema } from '../profiles/deployment-profile';
import { accountNameSchema } from '../settings/settings-schema';
import { fleetFormatVersion } from './signed-file';

const base64Key = z.string().regex(/^[A-Za-z0-9+/]{43}=$/);
const base32Id = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{16}$/);
const fingerprint = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{20}$/);
const ageRecipient = z.string().regex(/^age1[02-9ac-hj-np-z]{58}$/);
const version = z.int().min(1).max(fleetFormatVersion);
const instant = z.iso.datetime({ offset: true });
/** A self-declared name (machine, user): shown escaped, never trusted. */
const declaredName = z.string().min(1).max(128);

/** A publisher: a working key (Ed25519) that signs publications, and an X25519 recipient for what members send back. */
export const certifiedPublisherSchema = z
  .object({ id: base32Id, signingKey: base64Key, recipient: ageRecipient, label: declaredName.optional() })
  .strict();
export type CertifiedPublisher = z.infer<typeof certifiedPublisherSchema>;

/**
 * `certificats/certificat-<sequence>`, signed by the root. The highest sequence a member has seen
 * says which publishers are valid: a rotation (issue 31) writes the next one; several publishers
 * may be listed.
 */
export const certificateSchema = z
  .object({
    formatVersion: version,
    fleet: fingerprint,
    rootKey: base64Key,
    sequence: z.int().min(1).max(1_000_000),
    issuedAt: instant,
    publishers: z.array(certifiedPublisherSchema).min(1).max(16),
    /**
     * The root's own X25519 recipient (root-state-key.ts derives it from the root key): the
     * publishers' box is sealed to it too, so that a rotation with the root file recovers the
     * fleet's members, assignments and accounts when the publisher's PC is gone.
     */
    stateRecipient: ageRecipient.optional(),
  })
  .strict();
export type Certificate = z.infer<typeof certificateSchema>;

/** `invitations/invitation-<id>`, signed by a working key: what lets a member check its code before joining. */
export const invitationSchema = z
  .object({
    formatVersion: version,
    fleet: fingerprint,
    id: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{8}$/),
    expiresAt: instant,
    verifier: base64Key,
  })
  .strict();
export type Invitation = z.infer<typeof invitationSchema>;

/** `members/<member id>`, signed by the member's own key; its id is derived from its keys. */
export const joinRequestSchema = z
  .object({
    formatVersion: version,
    fleet: fingerprint,
    memberKey: base64Key,
    recipient: ageRecipient,
    machine: declaredName,
    user: declaredName,
    requestedAt: instant,
    /** HMAC of the member id with the invitation code's key: the code was known to this member. */
    invitationProof: base64Key.optional(),
  })
  .strict();
export type JoinRequest = z.infer<typeof joinRequestSchema>;

/** One account as a publication carries it, inside an encrypted box. */
export const publishedAccountSchema = z
  .object({
    name: accountNameSchema,
    settings: profileSettingsSchema.strict(),
    /** The publisher's authority also serves PISTE's official hosts (a profile's `trustForOfficialHosts`). */
    trustForOfficialHosts: z.literal(true).optional(),
    password: z.string().min(1).max(10_000).optional(),
    passwordUpdatedAt: instant.optional(),
    /** Digests of the passwords this one replaces, the latest first (password-digest.ts). */
    replaces: z.array(z.string().regex(/^[A-Za-z0-9_-]{43}$/)).max(16),
    clientSecret: z.string().min(1).max(2048).optional(),
    proxyPassword: z.string().min(1).max(2048).optional(),
  })
  .strict();
export type PublishedAccount = z.infer<typeof publishedAccountSchema>;

/** A member as the publishers know it: its keys (kept at acceptance), self-declared names, the name the IT person gave. */
export const publishedMemberSchema = z
  .object({
    id: base32Id,
    /** Kept at acceptance: a join request deleted from the folder later does not drop the member. */
    recipient: ageRecipient,
    memberKey: z.string(),
    machine: z.string().max(128),
    user: z.string().max(128),
    name: z.string().max(80).optional(),
    state: z.enum(['accepted', 'removed']),
    acceptedAt: instant,
    removedAt: instant.optional(),
    via: z.enum(['code', 'phrase']),
  })
  .strict();
export type PublishedMember = z.infer<typeof publishedMemberSchema>;

/**
 * `fleet assign`: an account readable only by these members (communes are separate legal
 * entities); `members: null` gives it back to every member. The latest `assignedAt` wins when two
 * publishers' states are merged (publisher-state.ts).
 */
export const assignmentSchema = z
  .object({ account: accountNameSchema, members: z.array(base32Id).min(1).max(10_000).nullable(), assignedAt: instant })
  .strict();
export type Assignment = z.infer<typeof assignmentSchema>;

/** What every publisher (and the root) must know to publish after another: carried in the publishers' box only. */
export const publisherStateSchema = z
  .object({ members: z.array(publishedMemberSchema).max(10_000), assignments: z.array(assignmentSchema).max(2000) })
  .strict();
export type PublisherState = z.infer<typeof publisherStateSchema>;

/**
 * What an encrypted box holds once opened: bound to its fleet and revision. A member's box holds
 * the accounts assigned to it; the publishers' box every account, and the publishing state.
 */
export const boxContentSchema = z
  .object({
    formatVersion: version,
    fleet: fingerprint,
    revision: z.int().min(1),
    accounts: z.array(publishedAccountSchema).max(2000),
    state: publisherStateSchema.optional(),
  })
  .strict();
export type BoxContent = z.infer<typeof boxContentSchema>;

/**
 * `publications/publication-<revision>`, signed by a certified working key. Each box is age-encrypted
 * to the recipients it names: one box per set of members that receive the same accounts (member
 * ids), and the publishers' box (`editeur-<key id>` for each certified publisher, `racine` for the
 * root's state recipient).
 */
export const publicationSchema = z
  .object({
    formatVersion: version,
    fleet: fingerprint,
    revision: z.int().min(1).max(Number.MAX_SAFE_INTEGER),
    publishedAt: instant,
    certificate: z.int().min(1),
    members: z.array(base32Id).max(10_000),
    removed: z.array(base32Id).max(10_000),
    invitationsUsed: z.array(z.string().regex(/^[0-9A-HJKMNP-TV-Z]{8}$/)).max(10_000),
    boxes: z
      .array(
        z
          .object({
            recipients: z.array(z.string().min(1).max(40)).min(1).max(10_001),
            sealed: z
              .string()
              .min(1)
              .max(16 * 1024 * 1024),
          })
          .strict(),
      )
      .max(256),
  })
  .strict();
export type Publication = z.infer<typeof publicationSchema>;
