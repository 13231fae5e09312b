import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

export interface LatencyProxy {
  readonly port: number;
  /** Connections accepted so far. */
  readonly accepted: () => number;
  /** Called at each accepted connection, before any byte goes through. */
  onAccept(listener: () => void): void;
  close(): Promise<void>;
}

/**
 * A loopback TCP relay to `targetPort` that behaves like a link of `rttMs` round trip: each byte
 * arrives half a round trip after it was sent, in either direction, and a new connection carries
 * nothing before a whole round trip (the TCP handshake a loopback connection does not pay).
 */
export async function startLatencyProxy(targetPort: number, rttMs: number): Promise<LatencyProxy> {
  const sockets = new Set<Socket>();
  const listeners: (() => void)[] = [];
  let accepted = 0;
  const relay = (from: Socket, to: Socket, openAt: number): void => {
    const later = (work: () => void): void => {
      const due = Math.max(performance.now(), openAt) + rttMs / 2;
      setTimeout(work, Math.max(0, due - performance.now()));
    };
    from.on('data', (chunk: Buffer) => later(() => to.write(chunk)));
    from.on('end', () => later(() => to.end()));
    from.on('error', () => later(() => to.destroy()));
    from.on('close', () => later(() => to.destroy()));
  };
  const server = createServer((client) => {
    accepted += 1;
    for (const listener of listeners) listener();
    const openAt = performance.now() + rttMs;
    const upstream = connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.setNoDelay(true);
      socket.once('close', () => sockets.delete(socket));
    }
    relay(client, upstream, openAt);
    relay(upstream, client, openAt);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    accepted: () => accepted,
    onAccept: (listener) => listeners.push(listener),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
