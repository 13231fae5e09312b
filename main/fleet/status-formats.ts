// A member's status file, `status/<member id>` (issue 32): what the publisher's `fleet report`
// reads. The envelope is signed by the member's own key (kind `statut`); its payload names the
// fleet, the member and the time, and carries the content sealed (age) to every publisher the
// certificate lists. Nobody but a publisher reads which accounts a workstation has nor how they
// fare; only pseudonymous ids and dates, never a person's name (the publisher's names stay in its
// own records and the report).
import { z } from 'zod';
import { accountNameSchema, lastCheckSchema } from '../settings/settings-schema';
import { fleetFormatVersion } from './signed-file';

const version = z.int().min(1).max(fleetFormatVersion);
const instant = z.iso.datetime({ offset: true });
const memberId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{16}$/);
const fingerprint = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{20}$/);

/** Accounts one status carries: a file stays far below the folder's cap of 64 KB (fleet-folder.ts). */
export const maxStatusAccounts = 100;

/** The signed, readable part: who wrote it and when, the rest sealed. */
export const statusEnvelopeSchema = z
  .object({
    formatVersion: version,
    fleet: fingerprint,
    member: memberId,
    writtenAt: instant,
    /** Why it was written: at join (the member's place taken first), or after a daily check. */
    occasion: z.enum(['join', 'check']),
    sealed: z
      .string()
      .min(1)
      .max(60 * 1024),
  })
  .strict();
export type StatusEnvelope = z.infer<typeof statusEnvelopeSchema>;

/**
 * One account as the member sees it. The name has the settings file's shape (no control, format or
 * separator character: a hostile member cannot forge a line or reorder a notification's text); the
 * report escapes it anyway. The code only a failure code's shape.
 */
export const accountStatusSchema = z
  .object({
    name: accountNameSchema,
    lastCheck: lastCheckSchema
      .extend({
        code: z
          .string()
          .regex(/^[A-Z][A-Z0-9_]{0,63}$/)
          .nullable(),
      })
      .nullable(),
    /** When the renewal reminder is due (passwordReminder), and when the password expires. */
    dueOn: z.iso.date().nullable(),
    expiresOn: z.iso.date().nullable().optional(),
    /** The password in use was renewed on this workstation (set after the fleet's, or kept against it). */
    localRenewal: z.boolean(),
    /** The last disagreement with the fleet's password for this account, if any. */
    disagreement: z
      .object({ revision: z.int().min(0), at: instant, kept: z.enum(['local', 'published', 'undecided']) })
      .strict()
      .nullable(),
  })
  .strict();
export type AccountStatus = z.infer<typeof accountStatusSchema>;

/** What the sealed box holds: bound to its fleet, member and time, so that one box moved into another file is refused. */
export const statusContentSchema = z
  .object({
    formatVersion: version,
    fleet: fingerprint,
    member: memberId,
    writtenAt: instant,
    appVersion: z.string().regex(/^[0-9A-Za-z.+-]{1,40}$/),
    /** The fleet's revision applied on this workstation; null before the first. */
    revision: z.int().min(0).nullable(),
    // One row per name: a workstation does not hold two accounts of one name.
    accounts: z
      .array(accountStatusSchema)
      .max(maxStatusAccounts)
      .refine((accounts) => new Set(accounts.map((account) => account.name)).size === accounts.length),
  })
  .strict();
export type StatusContent = z.infer<typeof statusContentSchema>;
