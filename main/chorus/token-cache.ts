import { createHash } from 'node:crypto';
import type { Clock } from '../dates/clock';
import { AppError } from '../failures/errors';
import { oauthErrorSchema, tokenAnswerSchema } from './chorus-answers';
import { answerFailure, parseJson } from './answer-failure';
import type { HttpAnswer, HttpSend, RouteOptions } from './http-transport';

export interface TokenRequest {
  readonly tokenUrl: string;
  /** Where the token will be sent: a token is never reused for another API host. */
  readonly apiBaseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface Token {
  readonly value: string;
}

interface CachedToken {
  readonly key: string;
  readonly value: string;
  readonly renewAt: number;
}

/**
 * The cache key: a new client secret or another API host means a new token, without keeping the
 * secret itself.
 */
export const tokenCacheKey = (request: TokenRequest): string =>
  createHash('sha256')
    .update(`${request.tokenUrl}\n${new URL(request.apiBaseUrl).host}\n${request.clientId}\n${request.clientSecret}`)
    .digest('hex');

const looksLikeHtml = (answer: HttpAnswer): boolean =>
  /text\/html/i.test(answer.headers['content-type'] ?? '') || /^\s*<(!doctype|html)/i.test(answer.text);

/** A token as PISTE issued it: its value and how long it lives from now. */
export interface IssuedToken {
  readonly value: string;
  readonly expiresInSeconds: number;
}

/** Asks PISTE for a client_credentials token; every refusal is one of the app's failures. */
export async function requestPisteToken(
  send: HttpSend,
  request: TokenRequest,
  route: RouteOptions,
  clock: Clock,
): Promise<IssuedToken> {
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: request.clientId,
    client_secret: request.clientSecret,
    scope: 'openid',
  }).toString();
  const answer = await send(
    {
      method: 'POST',
      url: request.tokenUrl,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body,
    },
    route,
  );
  if (answer.status === 400 || answer.status === 401) {
    const refusal = oauthErrorSchema.safeParse(parseJson(answer.text));
    if (refusal.success) throw new AppError('OAUTH_REJECTED', refusal.data.error);
    throw new AppError('OAUTH_REJECTED');
  }
  // An outage of the gateway is not a refused client id: 5xx, or a maintenance page in HTML
  // where a JSON token was due (docs/chorus-pro-api.md, "Token endpoint outages").
  if (answer.status >= 500) throw new AppError('OAUTH_UNAVAILABLE', `HTTP ${answer.status}`);
  if (answer.status !== 200) throw answerFailure(answer, request.tokenUrl, clock());
  const json = parseJson(answer.text);
  if (json === undefined && looksLikeHtml(answer))
    throw new AppError('OAUTH_UNAVAILABLE', 'page de maintenance au lieu du jeton');
  const token = tokenAnswerSchema.safeParse(json);
  if (!token.success) throw new AppError('UNEXPECTED_RESPONSE', 'jeton PISTE illisible');
  return { value: token.data.access_token, expiresInSeconds: token.data.expires_in };
}

/** The PISTE token of the last credentials used, so that the calls of one session ask for it once. */
export interface TokenCache {
  /** Whether `get` would answer from memory, without a request. */
  readonly holds: (request: TokenRequest) => boolean;
  /** A token still valid for these credentials and this API host: the one in memory, or a new one. */
  readonly get: (request: TokenRequest, route: RouteOptions) => Promise<Token>;
  /** Drops the token in memory (Chorus Pro refused it): the next `get` asks for a new one. */
  readonly forget: () => void;
}

/**
 * PISTE's client_credentials token, kept in memory until `marginSeconds` before it expires (OCA
 * renews 240 s early). Concurrent callers share one request.
 */
export function createTokenCache(send: HttpSend, clock: Clock, marginSeconds = 240): TokenCache {
  let cached: CachedToken | undefined;
  let pending: { key: string; promise: Promise<string> } | undefined;

  async function requestToken(request: TokenRequest, route: RouteOptions): Promise<string> {
    const token = await requestPisteToken(send, request, route, clock);
    const issuedAt = clock().getTime();
    cached = {
      key: tokenCacheKey(request),
      value: token.value,
      renewAt: issuedAt + Math.max(0, token.expiresInSeconds - marginSeconds) * 1000,
    };
    return token.value;
  }

  return {
    holds(request: TokenRequest): boolean {
      return cached?.key === tokenCacheKey(request) && clock().getTime() < cached.renewAt;
    },
    async get(request: TokenRequest, route: RouteOptions): Promise<Token> {
      const key = tokenCacheKey(request);
      if (cached?.key === key && clock().getTime() < cached.renewAt) return { value: cached.value };
      if (pending?.key !== key) {
        const promise = requestToken(request, route).finally(() => {
          if (pending?.promise === promise) pending = undefined;
        });
        pending = { key, promise };
      }
      return { value: await pending.promise };
    },
    forget(): void {
      cached = undefined;
    },
  };
}
