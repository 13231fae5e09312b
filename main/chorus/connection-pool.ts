import { Agent as HttpsAgent, type AgentOptions } from 'node:https';
import { isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type SecureContext, type TLSSocket } from 'node:tls';

const endpointKey = (host: string, port: number, servername: string): string => `${host}|${String(port)}|${servername}`;

/**
 * Keep-alive https connections for one trust store: TLS sessions are resumed where the server
 * allows it, and a connection can be opened ahead of its first request (`preconnect`) so that the
 * TCP and TLS handshakes with the API host overlap the token request. Opening a connection sends
 * nothing but the TLS handshake: no request leaves before its token.
 */
export class ConnectionPool extends HttpsAgent {
  readonly #trust: SecureContext | undefined;
  readonly #sessions = new Map<string, Buffer>();
  readonly #opened = new Map<string, TLSSocket>();

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
   * Opens the connection to `url`'s host now, for a request that will follow. The returned
   * function closes it if no request took it (the operation failed or ended first).
   */
  preconnect(url: URL): () => void {
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const port = Number(url.port || 443);
    // As Node's agent names it: no SNI for an address.
    const servername = isIP(host) ? '' : host;
    const key = endpointKey(host, port, servername);
    if (this.#opened.has(key)) return () => undefined;
    const socket = this.#open(host, port, servername);
    // Until a request takes it, its failure is the request's to report (it opens its own then).
    const ignore = (): void => undefined;
    socket.on('error', ignore);
    socket.once('close', () => {
      if (this.#opened.get(key) === socket) this.#opened.delete(key);
    });
    this.#opened.set(key, socket);
    return () => {
      if (this.#opened.get(key) === socket) {
        this.#opened.delete(key);
        socket.destroy();
      }
    };
  }

  /** Called by Node's agent for each new connection: the one opened ahead first, if still alive. */
  override createConnection(options: ConnectionOptions): Socket {
    const host = options.host ?? 'localhost';
    const port = options.port ?? 443;
    const servername = options.servername ?? host;
    const key = endpointKey(host, port, servername);
    const opened = this.#opened.get(key);
    if (opened) {
      this.#opened.delete(key);
      opened.removeAllListeners('error');
      if (!opened.destroyed) {
        opened.once('error', () => this.#sessions.delete(key));
        return opened;
      }
    }
    return this.#open(host, port, servername, options);
  }
}
