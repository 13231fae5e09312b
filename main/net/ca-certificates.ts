import { X509Certificate } from 'node:crypto';

export type CaBundle = { readonly ok: true; readonly pem: string } | { readonly ok: false; readonly reason: string };

// RFC 7468's strict form: a label, base64 lines, the same label closing it.
const pemBlock = /-----BEGIN ([A-Z0-9 ]{1,64})-----([A-Za-z0-9+/=\s]*?)-----END \1-----/g;

/**
 * An extra authority file reduced to its certificates, each parsed and written again by Node:
 * nothing else of the file is kept, exported or imported. A private key or anything outside the
 * certificates (Node would parse the first certificate and ignore the rest) refuses the whole file.
 */
export function certificatesOnly(text: string): CaBundle {
  const source = text.replace(/^\uFEFF/, '');
  const certificates: string[] = [];
  let end = 0;
  for (const match of source.matchAll(pemBlock)) {
    const [whole, label = '', body = ''] = match;
    if (source.slice(end, match.index).trim() !== '') {
      return { ok: false, reason: 'le fichier contient autre chose que des certificats' };
    }
    end = match.index + whole.length;
    if (label !== 'CERTIFICATE')
      return {
        ok: false,
        reason: `le fichier contient un bloc « ${label} » : seuls des certificats sont acceptés (jamais de clé privée)`,
      };
    try {
      certificates.push(new X509Certificate(Buffer.from(body.replace(/\s/g, ''), 'base64')).toString().trim());
    } catch {
      return { ok: false, reason: 'un des certificats du fichier est illisible' };
    }
  }
  if (source.slice(end).trim() !== '') {
    return {
      ok: false,
      reason:
        certificates.length === 0
          ? "ce fichier n'est pas un certificat PEM"
          : 'le fichier contient autre chose que des certificats',
    };
  }
  if (certificates.length === 0) return { ok: false, reason: "ce fichier n'est pas un certificat PEM" };
  return { ok: true, pem: `${certificates.join('\n')}\n` };
}
