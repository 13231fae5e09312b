// The fleet's entries in the keychain (the SecretStore): private keys, and the member's last
// applied revision, kept beside its key so that an older publication put back is refused. Nothing
// here ever reaches a file.
import { z } from 'zod';
import type { SecretStore } from '../secrets/secret-store';

export const fleetEntries = {
  memberKeys: (fingerprint: string) => `flotte-membre|${fingerprint}|cles`,
  memberState: (fingerprint: string) => `flotte-membre|${fingerprint}|etat`,
  workingKey: (fingerprint: string) => `flotte-editeur|${fingerprint}|cle-de-travail`,
  publisherIdentity: (fingerprint: string) => `flotte-editeur|${fingerprint}|cle-editeur`,
  invitationKey: (fingerprint: string, id: string) => `flotte-editeur|${fingerprint}|invitation|${id}`,
};

/** Whether a keychain entry belongs to the fleet (forgetFleetMembership in local-records.ts removes them all). */
export const isFleetEntry = (account: string): boolean =>
  account.startsWith('flotte-membre|') || account.startsWith('flotte-editeur|');

const memberKeysSchema = z
  .object({ signingKey: z.string().min(1).max(200), identity: z.string().regex(/^AGE-SECRET-KEY-1[0-9A-Z]+$/) })
  .strict();
export type MemberKeys = z.infer<typeof memberKeysSchema>;

/** What protects a member from rollback: the highest revision applied and certificate sequence seen. */
const memberStateSchema = z.object({ lastRevision: z.int().min(0), certificateSequence: z.int().min(0) }).strict();
export type MemberRollbackState = z.infer<typeof memberStateSchema>;

async function readJson<T>(secrets: SecretStore, account: string, schema: z.ZodType<T>): Promise<T | undefined> {
  const text = await secrets.get(account);
  if (text === undefined) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export const readMemberKeys = (secrets: SecretStore, fingerprint: string): Promise<MemberKeys | undefined> =>
  readJson(secrets, fleetEntries.memberKeys(fingerprint), memberKeysSchema);

export const writeMemberKeys = (secrets: SecretStore, fingerprint: string, keys: MemberKeys): Promise<void> =>
  secrets.set(fleetEntries.memberKeys(fingerprint), JSON.stringify(keys));

export async function readMemberState(secrets: SecretStore, fingerprint: string): Promise<MemberRollbackState> {
  return (
    (await readJson(secrets, fleetEntries.memberState(fingerprint), memberStateSchema)) ?? {
      lastRevision: 0,
      certificateSequence: 0,
    }
  );
}

/** Only ever upwards: two syncs at once (the window and the daily check) never move it back. */
export async function raiseMemberState(
  secrets: SecretStore,
  fingerprint: string,
  next: MemberRollbackState,
): Promise<void> {
  const current = await readMemberState(secrets, fingerprint);
  const raised = {
    lastRevision: Math.max(current.lastRevision, next.lastRevision),
    certificateSequence: Math.max(current.certificateSequence, next.certificateSequence),
  };
  if (raised.lastRevision !== current.lastRevision || raised.certificateSequence !== current.certificateSequence) {
    await secrets.set(fleetEntries.memberState(fingerprint), JSON.stringify(raised));
  }
}
