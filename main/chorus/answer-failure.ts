import { AppError } from '../failures/errors';
import type { HttpAnswer } from './http-transport';

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function redirectTarget(answer: HttpAnswer, url: string): string {
  const location = answer.headers.location;
  if (!location) return 'adresse non précisée';
  try {
    const target = new URL(location, url);
    return `${target.protocol}//${target.host}${target.pathname}`;
  } catch {
    return 'adresse invalide';
  }
}

/** A day is the longest wait believed: anything longer is a misconfigured gateway, not a plan. */
const longestWaitSeconds = 86_400;

/**
 * `Retry-After` (RFC 9110 §10.2.3): a number of seconds, or an HTTP date. Undefined when absent
 * or unreadable; a date in the past is no wait at all.
 */
export function retryAfterSeconds(header: string | undefined, now: Date): number | undefined {
  const text = header?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Math.min(Number(text), longestWaitSeconds);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, Math.ceil((at - now.getTime()) / 1000)), longestWaitSeconds);
}

/** PISTE's quota (HTTP 429), with the wait it asked for in the message and on the Failure. */
export function rateLimited(answer: HttpAnswer, now: Date): AppError {
  const wait = retryAfterSeconds(answer.headers['retry-after'], now);
  return new AppError(
    'RATE_LIMITED',
    wait === undefined
      ? 'délai non précisé : réessayez dans quelques minutes'
      : `réessayez dans ${wait} seconde${wait > 1 ? 's' : ''}`,
    wait,
  );
}

/** Names an HTTP answer that is not the success expected (the caller handles 401 itself). */
export function answerFailure(answer: HttpAnswer, url: string, now: Date = new Date()): AppError {
  const { status } = answer;
  if (status === 429) return rateLimited(answer, now);
  if (status >= 300 && status < 400) return new AppError('REDIRECT_REFUSED', `vers ${redirectTarget(answer, url)}`);
  if (status === 401) return new AppError('AUTH_REJECTED');
  if (status === 403) return new AppError('FORBIDDEN');
  if (status === 404) return new AppError('NOT_FOUND', `HTTP ${status}`);
  if (status === 407) return new AppError('PROXY_FAILED', 'authentification du proxy refusée');
  if (status >= 500) return new AppError('SERVER_ERROR', `HTTP ${status}`);
  return new AppError('UNEXPECTED_RESPONSE', `HTTP ${status}`);
}
