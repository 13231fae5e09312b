import { webcrypto, X509Certificate } from 'node:crypto';

/*
 * CMS EnvelopedData (RFC 5652) exactly as PowerShell's Protect-CmsMessage writes it
 * (System.Management.Automation's CmsUtils, over .NET's EnvelopedCms): version 0, one
 * KeyTransRecipientInfo by issuer and serial number, RSAES-OAEP with its default parameters
 * (SHA-1, MGF1-SHA-1: an empty parameter sequence), AES-256-CBC, DER; armored as
 * "-----BEGIN CMS-----", base64 in lines of 76 characters, "-----END CMS-----", CRLF line ends, no
 * final line break. Unprotect-CmsMessage and `openssl cms -decrypt -inform PEM` read it.
 *
 * PKI.js builds the structures (PeculiarVentures, maintained, no advisory known); the cryptography
 * itself is Node's (WebCrypto, OpenSSL). Loaded only when a server destination is pushed to.
 */

const loadPkijs = () => import('pkijs');

/** Why this certificate cannot receive the credentials, in French; undefined when it can. */
export function certificateRefusal(pem: string, now: Date): string | undefined {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length !== 1) return 'le certificat du serveur doit être un seul bloc PEM « BEGIN CERTIFICATE »';
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(blocks[0]);
  } catch {
    return 'certificat du serveur illisible';
  }
  const key = certificate.publicKey;
  if (key.asymmetricKeyType !== 'rsa')
    return 'le certificat du serveur doit porter une clé RSA (celle que Protect-CmsMessage et Unprotect-CmsMessage emploient)';
  if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048)
    return 'la clé RSA du certificat du serveur doit faire 2048 bits au moins';
  if (new Date(certificate.validTo) < now)
    return (
      'le certificat du serveur a expiré le ' +
      new Date(certificate.validTo).toISOString().slice(0, 10) +
      ' : demandez-en un nouveau au service informatique'
    );
  if (new Date(certificate.validFrom) > now)
    return `le certificat du serveur n'est valable qu'à partir du ${new Date(certificate.validFrom).toISOString().slice(0, 10)}`;
  return undefined;
}

/** PowerShell's armor (Convert.ToBase64String with InsertLineBreaks: 76 characters, CRLF). */
export function cmsArmor(der: Uint8Array): string {
  const lines =
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,76}/g) ?? [];
  return ['-----BEGIN CMS-----', ...lines, '-----END CMS-----'].join('\r\n');
}

interface Asn1Node {
  readonly lenBlock?: { isIndefiniteForm: boolean };
  readonly valueBlock?: { readonly value?: unknown };
}

/** Definite lengths everywhere: DER, as EnvelopedCms.Encode writes it (PKI.js writes BER's indefinite forms). */
function definiteLengths(node: Asn1Node): void {
  if (node.lenBlock) node.lenBlock.isIndefiniteForm = false;
  const inner = node.valueBlock?.value;
  if (Array.isArray(inner)) for (const child of inner as Asn1Node[]) definiteLengths(child);
}

/** `content` encrypted to the certificate's key, armored. Check the certificate with certificateRefusal first. */
export async function cmsEnvelope(certificatePem: string, content: Uint8Array): Promise<string> {
  const pkijs = await loadPkijs();
  // Node's WebCrypto is the W3C interface PKI.js expects; the two typings differ only in details.
  // tsc's program sees the DOM's Crypto type here (brought in by the tests' typings) and needs the
  // assertion; the lint's program does not, and calls it unnecessary.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
  const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto } as unknown as ConstructorParameters<
    typeof pkijs.CryptoEngine
  >[0]);
  const certificate = pkijs.Certificate.fromBER(new X509Certificate(certificatePem).raw);
  const enveloped = new pkijs.EnvelopedData({ disableSplit: true });
  enveloped.addRecipientByCertificate(certificate, { oaepHashAlgorithm: 'SHA-1' }, undefined, engine);
  const aes256Cbc: { readonly name: string; readonly length: number } = { name: 'AES-CBC', length: 256 };
  await enveloped.encrypt(
    aes256Cbc,
    content.buffer.slice(content.byteOffset, content.byteOffset + content.byteLength) as ArrayBuffer,
    engine,
  );
  // RFC 5652 6.1: version 0 when every recipient is a version 0 KeyTransRecipientInfo and nothing else is there.
  enveloped.version = 0;
  const schema = new pkijs.ContentInfo({
    contentType: pkijs.ContentInfo.ENVELOPED_DATA,
    content: enveloped.toSchema(),
  }).toSchema();
  definiteLengths(schema);
  return cmsArmor(new Uint8Array(schema.toBER(false)));
}
