import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** A TCP relay to PostgreSQL that a test can cut, as a network or server outage would. */
export interface TcpRelay {
  /** `target` with the relay's port. */
  url: string;
  server: Server;
  /** Stops listening and drops every relayed connection. */
  cut(): void;
}

export async function tcpRelay(target: URL): Promise<TcpRelay> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => s.destroy());
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = new URL(target);
  url.port = String((server.address() as AddressInfo).port);
  return {
    url: url.toString(),
    server,
    cut() {
      server.close();
      for (const s of sockets) s.destroy();
    },
  };
}
