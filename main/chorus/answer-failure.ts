import { AppError } from '../errors';
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

/** Names an HTTP answer that is not the success expected (the caller handles 401 itself). */
export function answerFailure(answer: HttpAnswer, url: string): AppError {
  const { status } = answer;
  if (status >= 300 && status < 400) return new AppError('REDIRECT_REFUSED', `vers ${redirectTarget(answer, url)}`);
  if (status === 401) return new AppError('AUTH_REJECTED');
  if (status === 403) return new AppError('FORBIDDEN');
  if (status === 404) return new AppError('NOT_FOUND', `HTTP ${status}`);
  if (status === 407) return new AppError('PROXY_FAILED', 'authentification du proxy refusée');
  if (status >= 500) return new AppError('SERVER_ERROR', `HTTP ${status}`);
  return new AppError('UNEXPECTED_RESPONSE', `HTTP ${status}`);
}
