import { Agent as HttpsAgent, type AgentOptions } from 'node:https';
import { isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type SecureContext, type TLSSocket } from 'node:tls';

const endpointKey = (host: string, port: number, servername: string): string => `${host}|${String(port)}|${servername}`;

/** How long a spare connection opened ahead waits for its request (the expiry's cards come at once). */
export const spareLifetimeMs = 10_000;

/** A connection opened ahead reports no failure of its own: the request that takes it does. */
const ignore = (): void => undefined;

/**
 * Keep-alive https connections for one trust store: TLS sessions are resumed where the server
 * allows it, and a connection can be opened ahead of its first request (`preconnect`) so that the
 * TCP and TLS handshakes with the API host overlap the token request. Opening a connection sends
 * nothing but the TLS handshake: no request leaves before its token.
 */
export class ConnectionPool extends HttpsAgent {
  readonly #trust: SecureContext | undefined;
  readonly #sessions = new Map<string, Buffer>();
  /** Connections opened ahead and not taken yet, per endpoint, in the order they were opened. */
  readonly #opened = new Map<string, TLSSocket[]>();

  constructor(trust: SecureContext | undefined, options: AgentOptions = {}) {
    super({ keepAlive: true, ...options });
    this.#trust = trust;
  }

  #open(host: string, port: number, servername: string, options: ConnectionOptions = {}): TLSSocket {
    const key = endpointKey(host, port, servername);
    const session = this.#sessions.get(key);
    const socket = tlsConnect({
      ...options,
      host,
      port,
      servername,
      ALPNProtocols: ['http/1.1'],
      ...(this.#trust ? { secureContext: this.#trust } : {}),
      ...(session ? { session } : {}),
      // Verified as always: never turned off, whatever the caller's options say.
      rejectUnauthorized: true,
    });
    socket.on('session', (ticket: Buffer) => this.#sessions.set(key, ticket));
    // A session the server no longer honours is not offered again.
    socket.once('error', () => this.#sessions.delete(key));
    return socket;
  }

  /**
   * Opens `count` connections to `url`'s host now (fewer when some opened ahead are still waiting),
   * for requests that will follow. The returned function closes the operation's own first one if
   * no request took it (the operation failed or ended first); the others are spares for the
   * requests that follow the operation (the expiry's cards after a test's verdict, issue 36),
   * closed after `spareLifetimeMs` if none took them.
   */
  preconnect(url: URL, count = 1): () => void {
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const port = Number(url.port || 443);
    // As Node's agent names it: no SNI for an address.
    const servername = isIP(host) ? '' : host;
    const key = endpointKey(host, port, servername);
    const waiting = this.#opened.get(key) ?? [];
    this.#opened.set(key, waiting);
    const drop = (socket: TLSSocket): void => {
      const index = waiting.indexOf(socket);
      if (index === -1) return;
      waiting.splice(index, 1);
      socket.destroy();
    };
    const opened = Array.from({ length: Math.max(0, count - waiting.length) }, () => {
      const socket = this.#open(host, port, servername);
      // Until a request takes it, its failure is the request's to report (it opens its own then).
      socket.on('error', ignore);
      socket.once('close', () => {
        const index = waiting.indexOf(socket);
        if (index !== -1) waiting.splice(index, 1);
      });
      waiting.push(socket);
      return socket;
    });
    const [own, ...spares] = opened;
    for (const spare of spares) {
      const timer = setTimeout(() => drop(spare), spareLifetimeMs);
      timer.unref();
      spare.once('close', () => clearTimeout(timer));
    }
    return () => {
      if (own) drop(own);
    };
  }

  /** Called by Node's agent for each new connection: the one opened ahead first, if still alive. */
  override createConnection(options: ConnectionOptions): Socket {
    const host = options.host ?? 'localhost';
    const port = options.port ?? 443;
    const servername = options.servername ?? host;
    const key = endpointKey(host, port, servername);
    const waiting = this.#opened.get(key) ?? [];
    for (let opened = waiting.shift(); opened; opened = waiting.shift()) {
      opened.removeListener('error', ignore);
      if (!opened.destroyed) {
        opened.once('error', () => this.#sessions.delete(key));
        return opened;
      }
    }
    return this.#open(host, port, servername, options);
  }
}
