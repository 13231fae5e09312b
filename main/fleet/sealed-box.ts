// age does the fleet's encryption: boxes to X25519 recipients (the members, the publisher), and
// the root key's file to a passphrase, as profiles do. No cryptography of ours.
import type * as Age from 'age-encryption';
import type { Decrypter } from 'age-encryption';
import { z } from 'zod';
import { AppError } from '../failures/errors';
import { encryptJson, openPassphraseText } from '../profiles/profile-secrets';

/** Loaded when the fleet needs it, as profiles do (its own file once built: scripts/build.mjs); once (a report opens a thousand boxes). */
let age: Promise<typeof Age> | undefined;
const loadAge = () => (age ??= import('age-encryption'));

/** An identity age opens boxes with: a member's or publisher's `AGE-SECRET-KEY-1…`, or the root's derived key. */
export type AgeIdentity = Parameters<Decrypter['addIdentity']>[0];

/** An age identity (AGE-SECRET-KEY-1…) and its recipient (age1…). */
export async function newAgeIdentity(): Promise<{ identity: string; recipient: string }> {
  const { generateIdentity, identityToRecipient } = await loadAge();
  const identity = await generateIdentity();
  return { identity, recipient: await identityToRecipient(identity) };
}

export const recipientOf = async (identity: string): Promise<string> => (await loadAge()).identityToRecipient(identity);

/** JSON encrypted to every recipient, armored. */
export async function sealTo(recipients: readonly string[], value: unknown): Promise<string> {
  const { armor, Encrypter } = await loadAge();
  const encrypter = new Encrypter();
  for (const recipient of recipients) encrypter.addRecipient(recipient);
  return armor.encode(await encrypter.encrypt(JSON.stringify(value)));
}

/** A box opened with this identity, or undefined when it is not for it, altered, or not JSON. */
export async function openSealed(armored: string, identity: AgeIdentity): Promise<unknown> {
  const { armor, Decrypter } = await loadAge();
  try {
    const decrypter = new Decrypter();
    decrypter.addIdentity(identity);
    return JSON.parse(await decrypter.decrypt(armor.decode(armored), 'text')) as unknown;
  } catch {
    return undefined;
  }
}

/** The root key's file: armored age, a passphrase (scrypt) its only recipient, so that `age -d` opens it too. */
export const rootKeyFileSchema = z
  .object({
    formatVersion: z.literal(1),
    kind: z.literal('cle-racine-flotte'),
    fleet: z.string(),
    rootKey: z.string(),
    privateKey: z.string().min(1).max(200),
  })
  .strict();
export type RootKeyFile = z.infer<typeof rootKeyFileSchema>;

export const sealRootKey = (content: RootKeyFile, passphrase: string): Promise<string> =>
  encryptJson(content, passphrase);

const rootFileRefused = (detail: string) => new AppError('INVALID_INPUT', `fichier de la clé racine : ${detail}`);

/** The root key back from its file (issue 31's rotation): a hostile work factor is refused before anything is derived. */
export async function openRootKey(armored: string, passphrase: string): Promise<RootKeyFile> {
  const text = await openPassphraseText(armored, passphrase, {
    malformed: () =>
      rootFileRefused("ce n'est pas un fichier de clé racine écrit par fleet create (tronqué ou altéré)"),
    hostile: (reason) => rootFileRefused(reason),
    wrong: () =>
      rootFileRefused('phrase secrète incorrecte, ou fichier altéré ; vérifiez la phrase secrète et réessayez'),
  });
  const parsed = rootKeyFileSchema.safeParse(
    (() => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return undefined;
      }
    })(),
  );
  if (!parsed.success) throw rootFileRefused("son contenu n'est pas celui d'une clé racine de Chorus Pro Echanges");
  return parsed.data;
}
