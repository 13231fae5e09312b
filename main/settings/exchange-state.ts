import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/*
 * What an account keeps of the places that hold their own copy of its password (the exchange
 * software, issue 33): the manual checklist, the last push's results and whether this
 * workstation's scripts may use it. Optional fields of an account, within settings version 3: a
 * file written without them loads as it is. Script and server destinations are never kept here:
 * only the machine policy sets them (destinations/machine-policy.ts).
 */

/** A destination's name as an administrator or the accountant writes it: « Civil Net Finances — base 2026 ». */
export const destinationNameSchema = z
  .string()
  .min(1)
  .max(80)
  .refine((name) => !/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}]/u.test(name) && name.trim() === name);

/** A place reported by hand: a line of the checklist, « à faire » until confirmed for this password. */
export const manualDestinationSchema = z
  .object({
    name: destinationNameSchema,
    /** The change (one password) it was last confirmed for, with « Fait ». */
    doneChangeId: z.string().min(1).max(64).optional(),
    doneAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type ManualDestination = z.infer<typeof manualDestinationSchema>;

/** What one script or server destination made of one password. */
export const pushResultSchema = z
  .object({
    name: destinationNameSchema,
    kind: z.enum(['script', 'server']),
    ok: z.boolean(),
    at: z.iso.datetime({ offset: true }),
    /** Why it failed, in French (the script's last words included, password masked). */
    message: z.string().max(2000).optional(),
    /** What the script printed, password masked, cut to its end. */
    output: z.string().max(4000).optional(),
  })
  .strict();
export type PushResult = z.infer<typeof pushResultSchema>;

/** The password now stored, as far as its copies go. */
export const exchangeStateSchema = z
  .object({
    /** Random, one per password: lets a destination skip a password it already has. */
    changeId: z.string().min(1).max(64),
    /** When Chorus Pro accepted this password and it was pushed; absent until then. */
    pushedAt: z.iso.datetime({ offset: true }).optional(),
    results: z.array(pushResultSchema).max(100).optional(),
  })
  .strict();
export type ExchangeState = z.infer<typeof exchangeStateSchema>;

export const maxManualDestinations = 50;

/** The account's fields of this feature, added to its settings' schema. */
export const exchangeSettingsShape = {
  exchange: exchangeStateSchema.optional(),
  manualDestinations: z.array(manualDestinationSchema).max(maxManualDestinations).optional(),
  /** « Autoriser les scripts de ce poste à utiliser ce compte » (`headers`, `credentials`): off unless set. */
  allowPrograms: z.boolean().optional(),
};

/** A new password, a new change: its copies are all to be made again. */
export const newExchangeState = (): ExchangeState => ({ changeId: randomUUID() });
