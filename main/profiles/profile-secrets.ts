import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { minPassphraseLength } from '../../common/profiles';
import { AppError } from '../failures/errors';

/**
 * The secrets a deployment profile may carry, as they travel: an ASCII-armored age file whose
 * only recipient is a passphrase (scrypt), so that `age -d` opens it too. No cryptography of our
 * own: age encrypts and authenticates, we only choose what goes in.
 *
 * What goes in is the secrets *and* the profile's own settings (`boundTo`): a profile whose
 * address, login, proxy or certificate was edited after the export no longer matches what the
 * passphrase protects, and is refused, so its secrets cannot be redirected to another server.
 */
/**
 * age is loaded when a profile's secrets are handled, not at start. Loaded as its own ES module:
 * turned into CommonJS by the command line's TypeScript loader, its scrypt runs ten times slower.
 */
const loadAge = () => import('age-encryption');

export const carriedSecretsSchema = z
  .object({
    boundTo: z.record(z.string(), z.unknown()),
    password: z.string().min(1).max(10_000).optional(),
    /** The day the password was dated on the exporting workstation (ISO), when it was known. */
    passwordUpdatedAt: z.iso.datetime({ offset: true }).optional(),
    clientSecret: z.string().min(1).max(2048).optional(),
    proxyPassword: z.string().min(1).max(2048).optional(),
  })
  .strict();
export type CarriedSecrets = z.infer<typeof carriedSecretsSchema>;

export function checkPassphraseForExport(passphrase: string): void {
  if (Array.from(passphrase).length < minPassphraseLength) {
    throw new AppError(
      'INVALID_INPUT',
      `Phrase secrète : ${minPassphraseLength} caractères au moins (une phrase de plusieurs mots est plus sûre et plus facile à transmettre de vive voix)`,
    );
  }
}

/** Any JSON value, as an armored age file whose only recipient is the passphrase. */
export async function encryptJson(value: unknown, passphrase: string): Promise<string> {
  checkPassphraseForExport(passphrase);
  const { armor, Encrypter } = await loadAge();
  const encrypter = new Encrypter();
  encrypter.setPassphrase(passphrase);
  return armor.encode(await encrypter.encrypt(JSON.stringify(value)));
}

export const encryptSecrets = (secrets: CarriedSecrets, passphrase: string): Promise<string> =>
  encryptJson(secrets, passphrase);

const refused = (detail: string) => new AppError('PROFILE_REFUSED', detail);

/** What age itself writes (2^18, ≈ 256 MB for scrypt); the library would go up to 2^20 (≈ 1 GB). */
export const maxScryptLogN = 18;

/**
 * The scrypt work factors an age file's header asks for, read from its recipient lines
 * ("-> scrypt <salt> <logN>", age's specification) before anything is derived: a hostile profile
 * cannot make the workstation spend a gigabyte of memory on a passphrase.
 */
function scryptWorkFactors(binary: Uint8Array): number[] {
  const start = Buffer.from(binary.subarray(0, 64 * 1024)).toString('latin1');
  const header = start.split('\n---')[0] ?? '';
  return header
    .split('\n')
    .filter((line) => line.startsWith('-> scrypt '))
    .map((line) => {
      const logN = line.split(' ')[3] ?? '';
      return /^[0-9]{1,2}$/.test(logN) ? Number(logN) : Number.POSITIVE_INFINITY;
    });
}

/**
 * What is wrong with an age file whose header asks scrypt for more than age writes, in French;
 * undefined when it asks for no more. Read before anything is derived (profiles, the fleet's root key).
 */
export function hostileWorkFactor(binary: Uint8Array): string | undefined {
  const tooCostly = scryptWorkFactors(binary).find((logN) => logN > maxScryptLogN);
  if (tooCostly === undefined) return undefined;
  const shownFactor = Number.isFinite(tooCostly) ? tooCostly : '?';
  return `demande un calcul de clé démesuré (facteur de travail scrypt 2^${shownFactor}, 2^${maxScryptLogN} au plus, ce qu'écrit age) : il n'a pas été ouvert`;
}

/** What a passphrase file's reader says, in French, for each way opening it fails. */
export interface PassphraseRefusals {
  /** Not armored age (truncated, altered, another kind of file). */
  readonly malformed: () => AppError;
  /** A work factor no honest writer uses (hostileWorkFactor's reason). */
  readonly hostile: (reason: string) => AppError;
  /** A wrong passphrase, or an altered file: age cannot tell them apart. */
  readonly wrong: () => AppError;
}

/**
 * The text of an armored age file encrypted to a passphrase (a profile's secrets, the fleet's root
 * key): a hostile work factor is refused before anything is derived, and the library's own words
 * never reach the user.
 */
export async function openPassphraseText(
  armored: string,
  passphrase: string,
  refusals: PassphraseRefusals,
): Promise<string> {
  const { armor, Decrypter } = await loadAge();
  let binary: Uint8Array;
  try {
    binary = armor.decode(armored);
  } catch {
    throw refusals.malformed();
  }
  const hostile = hostileWorkFactor(binary);
  if (hostile !== undefined) throw refusals.hostile(hostile);
  try {
    const decrypter = new Decrypter();
    decrypter.addPassphrase(passphrase);
    return await decrypter.decrypt(binary, 'text');
  } catch {
    throw refusals.wrong();
  }
}

/**
 * Opens an armored age file with the passphrase, checks its content against `schema`, then that
 * it belongs to the profile that carries it (`belongs`). Every failure is one French message: the
 * library's own text never reaches the user.
 */
export async function decryptJson<T>(
  armored: string,
  passphrase: string,
  schema: z.ZodType<T>,
  belongs: (opened: T) => boolean,
): Promise<T> {
  const text = await openPassphraseText(armored, passphrase, {
    malformed: () => refused('le bloc des mots de passe chiffrés est tronqué ou altéré'),
    hostile: (reason) =>
      refused(`le bloc des mots de passe ${reason} ; demandez un profil exporté par Chorus Pro Echanges ou par age`),
    // age cannot tell a wrong passphrase from an altered file: both fail its authentication.
    wrong: () =>
      refused(
        'phrase secrète incorrecte (ou bloc des mots de passe altéré) ; vérifiez la phrase secrète auprès de celui qui a exporté le profil, puis saisissez-la à nouveau',
      ),
  });
  let parsed: T;
  try {
    parsed = schema.parse(JSON.parse(text));
  } catch {
    throw refused("le contenu chiffré n'est pas celui d'un profil Chorus Pro Echanges");
  }
  if (!belongs(parsed)) {
    throw refused(
      "les mots de passe chiffrés ne correspondent pas à l'adresse, à l'identifiant ou au proxy du profil : le fichier a été modifié après l'export",
    );
  }
  return parsed;
}

/** The secrets of a one-account profile, checked to belong to its settings. */
export const decryptSecrets = (
  armored: string,
  passphrase: string,
  boundTo: Record<string, unknown>,
): Promise<CarriedSecrets> =>
  decryptJson(armored, passphrase, carriedSecretsSchema, (opened) => isDeepStrictEqual(opened.boundTo, boundTo));
