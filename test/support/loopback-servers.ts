import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<RunningServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A server that answers every request with `answer`: redirects, HTML pages, huge bodies. */
export function startAnsweringServer(
  answer: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<RunningServer> {
  return listen(createServer(answer));
}

/** A port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = await listen(createServer());
  await server.close();
  return server.port;
}

export interface ConnectProxy extends RunningServer {
  /** The hosts clients asked to reach, in order. */
  readonly requestedHosts: string[];
}

export interface ConnectProxyOptions {
  /** Answer this status to every CONNECT. */
  readonly refuse?: number;
  /** Require this "user:password" in Proxy-Authorization (407 otherwise). */
  readonly credentials?: string;
}

/**
 * An HTTP proxy that tunnels every CONNECT to `forwardPort` on loopback, whatever host was asked:
 * so a client can reach "chorus-simule.test" through it. With `refuse`, it answers that status.
 */
export function startConnectProxy(
  forwardPort: number,
  { refuse, credentials }: ConnectProxyOptions = {},
): Promise<ConnectProxy> {
  const requestedHosts: string[] = [];
  // Tunnels are no longer HTTP connections: the server does not close them itself.
  const tunnels = new Set<Duplex>();
  const server = createServer((_request, response) => {
    response.writeHead(405);
    response.end();
  });
  server.on('connect', (request: IncomingMessage, clientSocket) => {
    requestedHosts.push(request.url ?? '');
    const expected = credentials ? `Basic ${Buffer.from(credentials).toString('base64')}` : undefined;
    const status =
      refuse ?? (expected !== undefined && request.headers['proxy-authorization'] !== expected ? 407 : undefined);
    if (status) {
      clientSocket.end(`HTTP/1.1 ${status} Refused\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    tunnels.add(clientSocket);
    const upstream = connect(forwardPort, '127.0.0.1', () => {
      clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(clientSocket);
      clientSocket.pipe(upstream);
    });
    tunnels.add(upstream);
    upstream.on('error', () => clientSocket.destroy());
    clientSocket.on('error', () => upstream.destroy());
  });
  return listen(server).then((running) => ({
    ...running,
    requestedHosts,
    close: () => {
      for (const socket of tunnels) socket.destroy();
      return running.close();
    },
  }));
}
