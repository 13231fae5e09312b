import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../failures/errors';
import { decryptJson, maxScryptLogN } from './profile-secrets';

const passphrase = 'centre de gestion des Côtes-d’Armor';

/** An age block whose header asks for 2^logN, as a hostile profile would write it. */
async function blockAsking(logN: number): Promise<string> {
  const { armor, Encrypter } = await import('age-encryption');
  const encrypter = new Encrypter();
  encrypter.setPassphrase(passphrase);
  // Encrypted cheaply, then the header's factor is raised: what matters is what it asks of the reader.
  encrypter.setScryptWorkFactor(10);
  const binary = await encrypter.encrypt(JSON.stringify({ ok: true }));
  const text = Buffer.from(binary)
    .toString('latin1')
    .replace(/^(-> scrypt \S+) 10$/m, `$1 ${logN}`);
  return armor.encode(Buffer.from(text, 'latin1'));
}

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 'opened',
    (error: unknown) => (error instanceof AppError ? `${error.code} ${error.message}` : String(error)),
  );

describe('a passphrase-protected block asking for a hostile scrypt work factor', () => {
  it('above what age writes (2^18) is refused before anything is derived, naming the factor', async () => {
    const answer = await outcome(
      decryptJson(await blockAsking(maxScryptLogN + 1), passphrase, z.object({ ok: z.boolean() }), () => true),
    );
    expect(answer).toContain('PROFILE_REFUSED');
    expect(answer).toContain(`2^${maxScryptLogN + 1}`);
  });

  it('at what age writes, is read as before (here the header no longer matches its MAC: refused as altered)', async () => {
    const answer = await outcome(
      decryptJson(await blockAsking(12), passphrase, z.object({ ok: z.boolean() }), () => true),
    );
    expect(answer).toContain('phrase secrète incorrecte (ou bloc des mots de passe altéré)');
  });
});
