// A TCP proxy in front of a real service (Redis, Postgres) that a test can cut and restore, to simulate an
// outage mid-run. Cutting destroys every open connection and stops listening, so new connections are refused.
import { createServer, Socket, type AddressInfo, type Server } from "node:net";

export async function startTcpProxy(target: { host: string; port: number }, port = 0): Promise<{ port: number; stop: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = new Socket();
    upstream.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => s.destroy());
      s.on("close", () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return {
    port: (server.address() as AddressInfo).port,
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
