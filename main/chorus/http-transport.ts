import { Agent as HttpAgent } from 'node:http';
import axios from 'axios';
import { AppError } from '../failures/errors';
import { trustContextFor } from '../net/trust-store';
import { ConnectionPool } from './connection-pool';
import { createTunnelAgent } from './proxy-tunnel';
import { transportFailure } from './transport-failure';

/** No Chorus Pro answer we use comes near this; anything larger is not Chorus Pro. */
export const maxResponseBytes = 4 * 1024 * 1024;

export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
}

export interface RouteOptions {
  /** Aborts the request at any stage: connect, TLS, headers or body. */
  readonly signal: AbortSignal;
  /** An extra trusted authority (PEM), for networks that inspect TLS. */
  readonly extraCaPem?: string;
  /** The proxy to tunnel through, already resolved; none when undefined. */
  readonly proxy?: URL;
  /** The proxy's password, from the keychain. */
  readonly proxyPassword?: string;
}

/** Sends one request; throws an AppError for anything that is not an HTTP answer. */
export type HttpSend = ((request: HttpRequest, route: RouteOptions) => Promise<HttpAnswer>) & {
  /**
   * Opens the connection to `url`'s host ahead of a request that will follow on the same route
   * (`count` connections for as many requests at once: ConnectionPool.preconnect); returns what
   * closes the first if no request took it. Absent: connections open with their request.
   */
  readonly preconnect?: (url: string, route: RouteOptions, count?: number) => () => void;
};

/**
 * The only HTTP client of the app (axios, Node's http adapter). TLS is always verified, with the
 * extra authority added to the usual ones; redirects are never followed (credentials would go
 * along); answers are capped in size; the caller's signal is the one deadline.
 */
export function createHttpTransport(): HttpSend {
  const client = axios.create({
    adapter: 'http',
    maxRedirects: 0,
    validateStatus: () => true,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    maxContentLength: maxResponseBytes,
    maxBodyLength: 64 * 1024,
    decompress: true,
  });
  const httpAgent = new HttpAgent({ keepAlive: true });
  // One pool per trust store: a connection verified against one set of authorities is never
  // lent to a request that trusts another.
  const pools = new Map<string, ConnectionPool>();
  const poolFor = (extraCaPem: string | undefined): ConnectionPool => {
    const key = extraCaPem ?? '';
    let pool = pools.get(key);
    if (!pool) {
      pool = new ConnectionPool(trustContextFor(extraCaPem));
      pools.set(key, pool);
    }
    return pool;
  };

  const send = async (request: HttpRequest, route: RouteOptions): Promise<HttpAnswer> => {
    try {
      // A proxy only ever carries TLS: the target is https (plain http goes to loopback, never proxied).
      if (route.proxy && !request.url.startsWith('https:')) throw new AppError('INSECURE_URL', 'proxy');
      const response = await client.request<unknown>({
        method: request.method,
        url: request.url,
        headers: request.headers,
        data: request.body,
        signal: route.signal,
        httpAgent,
        httpsAgent: route.proxy
          ? createTunnelAgent({
              proxy: route.proxy,
              proxyPassword: route.proxyPassword,
              extraCaPem: route.extraCaPem,
              signal: route.signal,
            })
          : poolFor(route.extraCaPem),
        // Tunnels are ours (proxy-tunnel.ts): axios' would read a proxy's refusal as the target's answer.
        proxy: false,
      });
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers as Record<string, unknown>)) {
        if (typeof value === 'string') headers[name.toLowerCase()] = value;
      }
      return { status: response.status, headers, text: typeof response.data === 'string' ? response.data : '' };
    } catch (error) {
      throw transportFailure(error, { url: request.url, signal: route.signal, proxied: route.proxy !== undefined });
    }
  };
  const preconnect = (url: string, route: RouteOptions, count = 1): (() => void) => {
    const target = new URL(url);
    // Through a proxy, each request opens its own tunnel (proxy-tunnel.ts); plain http is loopback.
    if (route.proxy || target.protocol !== 'https:' || route.signal.aborted) return () => undefined;
    const release = poolFor(route.extraCaPem).preconnect(target, count);
    route.signal.addEventListener('abort', release, { once: true });
    return () => {
      route.signal.removeEventListener('abort', release);
      release();
    };
  };
  return Object.assign(send, { preconnect });
}
