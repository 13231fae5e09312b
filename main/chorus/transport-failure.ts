import { AppError } from '../failures/errors';
import { hostOf } from '../net/host-of';
import { ProxyRefusedError } from './proxy-tunnel';

const dnsCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);
const connectionCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'EADDRNOTAVAIL',
]);
const untrustedCertificateCodes = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

interface FailureContext {
  readonly url: string;
  readonly signal: AbortSignal;
  readonly proxied: boolean;
}

/** The error and what caused it, a few levels deep (axios wraps the socket's error). */
function causes(error: unknown): object[] {
  const chain: object[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    chain.push(current);
    current = 'cause' in current ? current.cause : undefined;
  }
  return chain;
}

function errorCodes(error: unknown): string[] {
  return causes(error).flatMap((cause) => ('code' in cause && typeof cause.code === 'string' ? [cause.code] : []));
}

/**
 * Names what stopped a request, from the error codes alone: an axios error carries the request
 * and its headers (the password's base64, the token), so nothing else of it is ever kept.
 */
export function transportFailure(error: unknown, { url, signal, proxied }: FailureContext): AppError {
  if (error instanceof AppError) return error;
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    const timedOut = reason instanceof DOMException && reason.name === 'TimeoutError';
    return new AppError(timedOut ? 'TIMEOUT' : 'CANCELLED');
  }
  const host = hostOf(url, 'adresse invalide');
  const refusal = causes(error).find((cause) => cause instanceof ProxyRefusedError);
  if (refusal) return new AppError('PROXY_FAILED', `le proxy a répondu ${refusal.status}`);
  const codes = errorCodes(error);
  const message = error instanceof Error ? error.message : '';
  if (codes.includes('ERR_TLS_CERT_ALTNAME_INVALID')) return new AppError('TLS_HOSTNAME_MISMATCH', host);
  if (codes.some((code) => untrustedCertificateCodes.has(code))) return new AppError('TLS_UNTRUSTED', host);
  if (message.includes('maxContentLength')) return new AppError('RESPONSE_TOO_LARGE', host);
  if (proxied && codes.some((code) => dnsCodes.has(code) || connectionCodes.has(code)))
    return new AppError('PROXY_FAILED');
  if (codes.some((code) => dnsCodes.has(code))) return new AppError('DNS_FAILED', host);
  if (proxied) return new AppError('PROXY_FAILED');
  return new AppError('CONNECTION_FAILED', host);
}
