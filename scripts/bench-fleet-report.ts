// The `fleet-report-1000` row's fleet (scripts/bench.ts): a publisher made by the real command line,
// then 1000 members with 3 accounts each written as the app writes them — each its own keys, its
// join request, the publisher's record accepting it, its status file signed and sealed by
// memberStatusFile — in
// seconds rather than 1000 joins. The baseline is a bare Node script that reads, verifies and
// decrypts the same files with the same libraries (node:crypto, age-encryption).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTrust } from '../main/fleet/certificates';
import { nodeFleetFolder } from '../main/fleet/fleet-folder';
import type { PublishedMember } from '../main/fleet/fleet-formats';
import { memberIdOf } from '../main/fleet/fleet-identity';
import { IgnoredFiles } from '../main/fleet/ignored-files';
import { readPublisherRecords, savePublisherRecord } from '../main/fleet/local-records';
import { newAgeIdentity } from '../main/fleet/sealed-box';
import { fleetFormatVersion, signedFile } from '../main/fleet/signed-file';
import { generateSigningKey } from '../main/fleet/signing-keys';
import { memberStatusFile } from '../main/fleet/write-member-status';
import type { StoredAccount } from '../main/settings/settings-schema';

const communes = ['Commune de Lavaur', 'Commune de Tréméreuc', 'SIVOM de la Rance'];

/** 1000 accepted members, each with its status in `status/`; the members' public keys written to `keysFile` for the bare script. */
export async function fillFleet(
  folderPath: string,
  publisherDir: string,
  keysFile: string,
  members = 1000,
): Promise<void> {
  const [record] = readPublisherRecords(publisherDir);
  if (!record) throw new Error('aucun parc créé par le poste de publication du banc');
  const folder = nodeFleetFolder(folderPath);
  const trust = await readTrust(
    folder,
    { fingerprint: record.fingerprint, rootKey: record.rootKey },
    new IgnoredFiles(),
  );
  if (!trust) throw new Error('certificat du banc illisible');
  const now = new Date();
  const accounts: StoredAccount[] = communes.map((name) => ({
    name,
    environment: 'production',
    apiBaseUrl: 'https://api.piste.gouv.fr',
    tokenUrl: 'https://oauth.piste.gouv.fr/api/oauth/token',
    alertDelayMonths: 12,
    timeoutSeconds: 30,
    passwordUpdatedAt: now.toISOString(),
    lastCheck: { at: now.toISOString(), ok: true, code: null },
  }));
  const accepted: PublishedMember[] = [];
  const keys: Record<string, string> = {};
  for (let index = 0; index < members; index += 1) {
    const signing = generateSigningKey();
    const { identity, recipient } = await newAgeIdentity();
    const id = memberIdOf(signing.publicKey, recipient);
    keys[id] = signing.publicKey;
    accepted.push({
      id,
      recipient,
      memberKey: signing.publicKey,
      machine: `PC-${String(index)}`,
      user: `agent${String(index)}`,
      state: 'accepted',
      acceptedAt: now.toISOString(),
      via: 'code',
    });
    const membership = {
      fingerprint: record.fingerprint,
      rootKey: record.rootKey,
      folder: folderPath,
      memberId: id,
      joinedAt: now.toISOString(),
      appliedRevision: 1,
      appliedAt: now.toISOString(),
      managedAccounts: communes,
      disagreements: [],
    };
    const bytes = await memberStatusFile({
      trust,
      membership,
      keys: { signingKey: signing.privateKey, identity },
      accounts,
      appVersion: '0.2.0',
      now,
      occasion: 'check',
    });
    writeFileSync(join(folderPath, 'status', id), bytes);
    // Its join request too, as in a real fleet's members/ folder.
    const request = {
      formatVersion: fleetFormatVersion,
      fleet: record.fingerprint,
      memberKey: signing.publicKey,
      recipient,
      machine: `PC-${String(index)}`,
      user: `agent${String(index)}`,
      requestedAt: now.toISOString(),
    };
    writeFileSync(join(folderPath, 'members', id), signedFile('adhesion', id, signing.privateKey, request));
  }
  await savePublisherRecord(publisherDir, { ...record, members: accepted });
  writeFileSync(keysFile, JSON.stringify(keys));
}

/** Reads, verifies (Ed25519, the same signed message) and decrypts (age) every status file; argv: folder, keys file, age's module; the identity on stdin. */
export const bareReportScript = `
import { readFileSync, readdirSync } from 'node:fs';
import { createPublicKey, verify } from 'node:crypto';
const [folder, keysFile, agePath] = process.argv.slice(1);
const { Decrypter, armor } = await import(agePath);
const identity = readFileSync(0, 'utf8').trim();
const keys = JSON.parse(readFileSync(keysFile, 'utf8'));
let accounts = 0;
for (const name of readdirSync(folder + '/status')) {
  const envelope = JSON.parse(readFileSync(folder + '/status/' + name, 'utf8'));
  const bytes = Buffer.from(envelope.payload, 'base64');
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(keys[name], 'base64').toString('base64url') }, format: 'jwk' });
  if (!verify(null, Buffer.concat([Buffer.from('chorus-pro-echanges-flotte/1/statut\\n'), bytes]), key, Buffer.from(envelope.signature, 'base64'))) throw new Error('signature');
  const decrypter = new Decrypter();
  decrypter.addIdentity(identity);
  accounts += JSON.parse(await decrypter.decrypt(armor.decode(JSON.parse(bytes.toString('utf8')).sealed), 'text')).accounts.length;
}
process.stdout.write(JSON.stringify({ accounts }) + '\\n');
`;
