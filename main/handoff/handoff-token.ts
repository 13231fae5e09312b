import { z } from 'zod';
import type { ChorusCredentials, ConnectionTarget } from '../chorus/chorus-client';
import type { HttpSend, RouteOptions } from '../chorus/http-transport';
import { requestPisteToken, tokenCacheKey, type TokenRequest } from '../chorus/token-cache';
import type { Clock } from '../dates/clock';
import type { Logger } from '../logging/logger';
import { checkEndpointUrl } from '../net/url-policy';
import type { SecretStore } from '../secrets/secret-store';

/*
 * PISTE's token for local programs (`headers`), shared across calls and processes through the
 * keychain: one entry per PISTE client and route, named after the same digest as the memory
 * cache of the Chorus Pro client (token-cache.ts: token URL, API host, client id and secret), so a
 * new client secret or another API host is a new token. A token is a secret: the keychain only.
 */

export const defaultMinValiditySeconds = 240;
export const minValidityBounds = { min: 0, max: 3300 } as const;

export const tokenEntryName = (request: TokenRequest): string => `jeton-piste|${tokenCacheKey(request)}`;

/** What the keychain entry holds; anything else (written by another program of the user) is ignored. */
const storedTokenSchema = z
  .object({ v: z.literal(1), token: z.string().min(1).max(8192), expiresAt: z.int().positive() })
  .strict();

export interface HandedToken {
  readonly value: string;
  readonly expiresAt: Date;
}

function storedToken(text: string | undefined): z.infer<typeof storedTokenSchema> | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed = storedTokenSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export interface HandOffTokenOptions {
  /** A token expiring sooner than this is not handed out again (OCA renews 240 s early). */
  readonly minValiditySeconds: number;
  /** After a 401 invalid_token: a new token whatever the cached one says. */
  readonly newToken: boolean;
}

/** The cached token while it lives long enough, else a new one from PISTE, kept for the next calls. */
export async function handOffToken(
  dependencies: {
    readonly send: HttpSend;
    readonly clock: Clock;
    readonly secrets: SecretStore;
    readonly logger: Logger;
  },
  target: ConnectionTarget,
  credentials: ChorusCredentials,
  options: HandOffTokenOptions,
): Promise<HandedToken> {
  const { send, clock, secrets, logger } = dependencies;
  const request: TokenRequest = {
    tokenUrl: target.tokenUrl,
    apiBaseUrl: target.apiBaseUrl,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
  };
  const entry = tokenEntryName(request);
  const cached = options.newToken ? undefined : storedToken(await secrets.get(entry));
  if (cached && cached.expiresAt - clock().getTime() > options.minValiditySeconds * 1000)
    return { value: cached.token, expiresAt: new Date(cached.expiresAt) };
  checkEndpointUrl('URL du jeton', target.tokenUrl);
  checkEndpointUrl('Lien URL', target.apiBaseUrl);
  const route: RouteOptions = {
    signal: AbortSignal.timeout(target.timeoutSeconds * 1000),
    ...(target.extraCaPem ? { extraCaPem: target.extraCaPem } : {}),
    ...(target.proxy ? { proxy: target.proxy } : {}),
    ...(credentials.proxyPassword ? { proxyPassword: credentials.proxyPassword } : {}),
  };
  const issued = await requestPisteToken(send, request, route, clock);
  const expiresAt = clock().getTime() + issued.expiresInSeconds * 1000;
  // Not kept (keychain full, locked meanwhile): this call still gets its token, the next asks again.
  await secrets
    .set(entry, JSON.stringify({ v: 1, token: issued.value, expiresAt }))
    .catch(() => logger.warn('handoff.token-not-kept', {}));
  return { value: issued.value, expiresAt: new Date(expiresAt) };
}
