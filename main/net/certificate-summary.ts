import { X509Certificate } from 'node:crypto';
import { printable } from '../text/printable';

const pemCertificate = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]*?-----END CERTIFICATE-----/g;

/**
 * An authority file as a person can check it against what their IT department announced: each
 * certificate's subject and SHA-256 fingerprint. The subject is the file's own text: printed
 * escaped.
 */
export function summarizeCertificates(pem: string): string {
  const summaries = Array.from(pem.matchAll(pemCertificate), ([block]) => {
    try {
      const certificate = new X509Certificate(block);
      return `${printable(certificate.subject.split('\n').join(', '))} (SHA-256 ${certificate.fingerprint256})`;
    } catch {
      return 'certificat illisible';
    }
  });
  return summaries.length === 0 ? 'aucun certificat lisible' : summaries.join(' ; ');
}
