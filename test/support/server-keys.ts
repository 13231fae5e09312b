// A server destination's key pair as an IT person makes it, with OpenSSL 3 playing the server's side:
// `openssl cms -decrypt` reads what the app (and Protect-CmsMessage) writes.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp-dirs';

export interface ServerKeys {
  /** The certificate in PEM, as the machine policy carries it. */
  readonly certificate: string;
  readonly key: string;
  readonly certificateFile: string;
  /** What the server reads from one dropped file: the clear JSON, in UTF-8. */
  decrypt(file: string): string;
}

/** A self-signed pair in `folder` (a new temporary one by default); `key` as `openssl req -newkey` takes it. */
export function serverKeys(options: { readonly folder?: string; readonly key?: readonly string[] } = {}): ServerKeys {
  const folder = options.folder ?? tempDir('chorus-cms-keys-');
  const key = join(folder, 'serveur.key');
  const certificateFile = join(folder, 'serveur.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      ...(options.key ?? ['rsa:2048']),
      '-nodes',
      '-keyout',
      key,
      '-out',
      certificateFile,
      '-days',
      '30',
      '-subj',
      '/CN=serveur',
    ],
    { stdio: 'ignore' },
  );
  return {
    certificate: readFileSync(certificateFile, 'utf8'),
    key,
    certificateFile,
    decrypt: (file) =>
      execFileSync(
        'openssl',
        ['cms', '-decrypt', '-in', file, '-inform', 'PEM', '-inkey', key, '-recip', certificateFile],
        { encoding: 'utf8' },
      ),
  };
}
