import { request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest, type RequestOptions } from 'node:https';
import { isIP, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { checkServerIdentity, connect as tlsConnect } from 'node:tls';
import { trustContextFor } from '../net/trust-store';
import { proxyUserName } from '../net/url-policy';

/** The proxy answered the CONNECT with something other than 200: its answer, never Chorus Pro's. */
export class ProxyRefusedError extends Error {
  readonly code = 'ERR_PROXY_REFUSED';
  constructor(readonly status: number) {
    super(`proxy answered ${status} to CONNECT`);
    this.name = 'ProxyRefusedError';
  }
}

export interface TunnelOptions {
  readonly proxy: URL;
  readonly proxyPassword: string | undefined;
  readonly extraCaPem: string | undefined;
  /** Aborting it destroys every socket of the tunnel, the CONNECT still waiting included. */
  readonly signal: AbortSignal;
}

const bracketed = (host: string): string => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);

/**
 * An https agent for one request through a proxy: a CONNECT tunnel, then TLS to the target inside
 * it, verified as always (system authorities plus the extra one). Only an answer read through that
 * verified TLS is the target's; any other answer of the proxy is a ProxyRefusedError with its
 * status. The proxy's password goes on the CONNECT only. Nothing is kept once the request ends.
 */
export function createTunnelAgent({ proxy, proxyPassword, extraCaPem, signal }: TunnelOptions): HttpsAgent {
  const sockets = new Set<Duplex>();
  const track = (socket: Duplex): void => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const destroyAll = (): void => {
    for (const socket of sockets) socket.destroy();
  };
  signal.addEventListener('abort', destroyAll, { once: true });
  const trust = trustContextFor(extraCaPem);

  class TunnelAgent extends HttpsAgent {
    override createConnection(
      options: RequestOptions,
      callback?: (error: Error | null, stream: Duplex) => void,
    ): undefined {
      let settled = false;
      const settle = (error: Error | null, stream?: Duplex): void => {
        if (settled) return;
        settled = true;
        if (error) callback?.(error, undefined as unknown as Duplex);
        else if (stream) callback?.(null, stream);
      };
      const host = options.hostname ?? options.host ?? '';
      const target = `${bracketed(host)}:${String(options.port ?? 443)}`;
      const user = proxyUserName(proxy);
      const connect = (proxy.protocol === 'https:' ? httpsRequest : httpRequest)({
        method: 'CONNECT',
        host: proxy.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: Number(proxy.port || (proxy.protocol === 'https:' ? 443 : 80)),
        path: target,
        agent: false,
        signal,
        headers: {
          Host: target,
          ...(user
            ? {
                'Proxy-Authorization': `Basic ${Buffer.from(`${user}:${proxyPassword ?? ''}`, 'utf8').toString('base64')}`,
              }
            : {}),
        },
        ...(proxy.protocol === 'https:' && trust ? { secureContext: trust } : {}),
      });
      connect.once('socket', (socket: Socket) => {
        track(socket);
      });
      connect.once('connect', (response: IncomingMessage, socket: Socket) => {
        if (response.statusCode !== 200) {
          socket.destroy();
          settle(new ProxyRefusedError(response.statusCode ?? 0));
          return;
        }
        // The identity checked is the target's, never the proxy's: for a name, the name (also sent
        // as SNI); for an address, the address against the certificate's IP entries (no SNI for an
        // address). Left to itself, tls.connect on a socket would check against "localhost".
        const targetHost = host.replace(/^\[(.*)\]$/, '$1');
        const secure = tlsConnect({
          socket,
          host: targetHost,
          ...(isIP(targetHost) === 0 ? { servername: targetHost } : {}),
          checkServerIdentity: (_hostname, certificate) => checkServerIdentity(targetHost, certificate),
          ALPNProtocols: ['http/1.1'],
          ...(trust ? { secureContext: trust } : {}),
        });
        track(secure);
        settle(null, secure);
      });
      // A proxy that answers CONNECT with a plain response (no tunnel) ends up here too.
      connect.once('response', (response: IncomingMessage) => {
        response.resume();
        connect.destroy();
        settle(new ProxyRefusedError(response.statusCode ?? 0));
      });
      connect.once('error', (error: Error) => {
        settle(error);
      });
      connect.end();
      return undefined;
    }
  }
  return new TunnelAgent({ keepAlive: false });
}
