import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { rootCertificates } from 'node:tls';
import axios from 'axios';
import { AppError } from '../errors';
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
export type HttpSend = (request: HttpRequest, route: RouteOptions) => Promise<HttpAnswer>;

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
  const httpsAgents = new Map<string, HttpsAgent>();
  const httpsAgentFor = (extraCaPem: string | undefined): HttpsAgent => {
    const key = extraCaPem ?? '';
    let agent = httpsAgents.get(key);
    if (!agent) {
      agent = new HttpsAgent({ keepAlive: true, ...(extraCaPem ? { ca: [...rootCertificates, extraCaPem] } : {}) });
      httpsAgents.set(key, agent);
    }
    return agent;
  };

  return async (request, route) => {
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
          ? createTunnelAgent({ proxy: route.proxy, proxyPassword: route.proxyPassword, extraCaPem: route.extraCaPem, signal: route.signal })
          : httpsAgentFor(route.extraCaPem),
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
}
