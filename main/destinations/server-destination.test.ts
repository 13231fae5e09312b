import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serverKeys } from '../../test/support/server-keys';
import { tempDir } from '../../test/support/temp-dirs';
import { asciiJson, type PasswordPayload } from './password-payload';
import { serverFileName, writeServerDestination } from './server-destination';
import type { ServerDestination } from './machine-policy';

// The server's side is played by OpenSSL 3, as `openssl cms -decrypt` reads what
// Protect-CmsMessage writes; Unprotect-CmsMessage itself needs Windows (not run here).
const payload: PasswordPayload = {
  schemaVersion: 1,
  changeId: '7c0b6a38-3c1e-4f55-9d7e-1f7cbbd2a001',
  account: 'Commune de Plouër',
  login: 'TECH_1_demo@cpro.fr',
  password: 'Cpro-Nouveau-2027!ü',
  apiBaseUrl: 'https://api.piste.gouv.fr',
  tokenUrl: 'https://oauth.piste.gouv.fr/api/oauth/token',
  passwordUpdatedOn: '2026-12-06',
  passwordExpiresOn: '2028-02-03',
  clientId: 'client-commune',
  clientSecret: 'secret-commune',
};
const context = { platform: process.platform, clock: () => new Date() };

const destination = (certificate: string, folder: string): ServerDestination => ({
  name: 'Tiers de télétransmission',
  kind: 'server',
  certificate,
  folder,
});

describe('a server destination', () => {
  it('drops <changeId>.cms, which openssl cms -decrypt turns back into exactly the JSON', async () => {
    const keys = serverKeys();
    const folder = tempDir('chorus-cms-drop-');
    expect(await writeServerDestination(destination(keys.certificate, folder), payload, context)).toEqual({ ok: true });
    expect(readdirSync(folder)).toEqual([serverFileName(payload.changeId)]);
    const file = join(folder, serverFileName(payload.changeId));
    const clear = keys.decrypt(file);
    expect(clear).toBe(asciiJson(payload));
    expect(JSON.parse(clear)).toEqual(payload);
  });

  it('writes what Protect-CmsMessage writes: armor, line length, CRLF, enveloped data to RSAES-OAEP, AES-256-CBC', async () => {
    const keys = serverKeys();
    const folder = tempDir('chorus-cms-drop-');
    await writeServerDestination(destination(keys.certificate, folder), payload, context);
    const text = readFileSync(join(folder, serverFileName(payload.changeId)), 'utf8');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('-----BEGIN CMS-----');
    expect(lines.at(-1)).toBe('-----END CMS-----');
    expect(text.endsWith('\n')).toBe(false);
    expect(lines.slice(1, -2).every((line) => line.length === 76)).toBe(true);
    const structure = execFileSync(
      'openssl',
      ['asn1parse', '-inform', 'PEM', '-in', join(folder, serverFileName(payload.changeId))],
      { encoding: 'utf8' },
    );
    // Version 0; RSAES-OAEP with its default (empty) parameters; AES-256-CBC; the content in one piece (DER).
    expect(structure).toMatch(
      /:pkcs7-envelopedData[\s\S]*?INTEGER +:00[\s\S]*?:rsaesOaep *\n *\d+:d=\d+ +hl=2 l= +0 cons: SEQUENCE[\s\S]*?:aes-256-cbc[\s\S]*?prim: cont \[ 0 \]/,
    );
  });

  it('leaves a file already dropped for this password alone: the same changeId is the same password', async () => {
    const keys = serverKeys();
    const folder = tempDir('chorus-cms-drop-');
    writeFileSync(join(folder, serverFileName(payload.changeId)), 'déjà là');
    expect(await writeServerDestination(destination(keys.certificate, folder), payload, context)).toEqual({
      ok: true,
      message: 'déjà déposé pour ce mot de passe',
    });
    expect(readFileSync(join(folder, serverFileName(payload.changeId)), 'utf8')).toBe('déjà là');
  });

  it.each([
    ['a relative folder', () => destination(serverKeys().certificate, 'partage/chorus'), 'dossier relatif refusé'],
    [
      'a folder that does not exist',
      () => destination(serverKeys().certificate, join(tempDir('chorus-cms-'), 'absent')),
      'introuvable',
    ],
    [
      'an elliptic-curve certificate',
      () =>
        destination(
          serverKeys({ key: ['ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'] }).certificate,
          tempDir('chorus-cms-'),
        ),
      'clé RSA',
    ],
    [
      'two certificates',
      () => destination(`${serverKeys().certificate}${serverKeys().certificate}`, tempDir('chorus-cms-')),
      'un seul bloc PEM',
    ],
  ])('refuses %s, saying why, and writes nothing', async (_case, make, reason) => {
    const chosen = make();
    const outcome = await writeServerDestination(chosen, payload, context);
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toContain(reason);
    if (!chosen.folder.includes('absent') && !chosen.folder.startsWith('partage'))
      expect(readdirSync(chosen.folder)).toEqual([]);
  });

  it('refuses a certificate that has expired, naming the day', async () => {
    const folder = tempDir('chorus-cms-');
    const later = { ...context, clock: () => new Date(Date.now() + 60 * 24 * 3600 * 1000) };
    const outcome = await writeServerDestination(destination(serverKeys().certificate, folder), payload, later);
    expect(outcome).toMatchObject({ ok: false, message: expect.stringContaining('a expiré le') as string });
    expect(readdirSync(folder)).toEqual([]);
  });
});
