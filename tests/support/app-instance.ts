// One app instance in its own process, for the multi-instance stream tests: serves the stream routes
// (the real route handlers) and POST /publish (the real publishEvent) over HTTP. Run with
//   tsx --conditions=react-server tests/support/app-instance.ts
// It prints "listening <port>" once ready and exits on SIGTERM after closing its streams.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { NextRequest } from "next/server";
import * as alerts from "@/app/api/stream/alerts/route";
import * as predictions from "@/app/api/stream/predictions/route";
import * as quotes from "@/app/api/stream/quotes/route";
import { bindJobHandlers } from "@/handlers";
import { publishEvent, type PublishedEvent } from "@/server/events/publish";

// The job handlers, bound as the server's start-up hook binds them (src/instrumentation.ts).
bindJobHandlers();

const routes: Record<string, (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>> = {
  "/api/stream/alerts": alerts.GET,
  "/api/stream/predictions": predictions.GET,
  "/api/stream/quotes": quotes.GET,
};

const server = createServer((req, res) => {
  void (async () => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (req.method === "POST" && url.pathname === "/publish") {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      // What the test posts (its payloads need not be whole): passed on as it came.
      const { type, data, userId } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as PublishedEvent & { userId?: string };
      const event = await publishEvent({ type, data, userId } as PublishedEvent & { userId?: string });
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(JSON.stringify(event));
    }
    const handler = routes[url.pathname];
    if (!handler) {
      res.writeHead(404);
      return res.end();
    }
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const response = await handler(new NextRequest(url, { headers, signal: abort.signal }), { params: Promise.resolve({}) });
    res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
    if (!response.body) return res.end();
    Readable.fromWeb(response.body as import("node:stream/web").ReadableStream).pipe(res);
  })().catch((err: unknown) => {
    res.writeHead(500);
    res.end(String(err));
  });
});

server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});
// The stream module closes its streams on SIGTERM first (it registered before this listener ran).
process.on("SIGTERM", () => {
  server.close();
  setTimeout(() => process.exit(0), 200).unref();
});
