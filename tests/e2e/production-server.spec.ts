// The production server (scripts/serve.mjs on the build). Live streams: HEAD answers headers only and takes no
// slot; a slot frees when its connection drops abruptly; a process-wide cap (SSE_MAX_CONNECTIONS) answers 503
// with Retry-After; SIGTERM sends every open stream `event: shutdown` before the process exits 0. Webhooks: a
// receiver on the operator's network listed in WEBHOOK_ALLOWED_TARGETS gets its deliveries in production.
import { request as httpRequest, type ClientRequest, type IncomingMessage } from "node:http";
import { expect, test } from "@playwright/test";
import { connectSse } from "../support/sse-client";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";
import { spawnServer, type SpawnedServer } from "./support/spawn-server";

const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
const QUOTES = "/api/stream/quotes?symbols=AAPL";

/** A raw request on its own socket, resolved once the status line and headers arrive. */
function open(method: string, base: string, path: string, headers: Record<string, string> = {}): Promise<{ req: ClientRequest; res: IncomingMessage; first: Promise<string> }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, base);
    const req = httpRequest({ host: url.hostname, port: url.port, method, path: url.pathname + url.search, headers, agent: false }, (res) => {
      const first = new Promise<string>((r) => {
        res.once("data", (c: Buffer) => r(c.toString("utf8")));
        res.once("end", () => r(""));
      });
      res.on("error", () => undefined);
      resolve({ req, res, first });
    });
    req.on("error", (err) => ((err as NodeJS.ErrnoException).code === "ECONNRESET" ? undefined : reject(err)));
    req.end();
  });
}

test.describe("the suite's server", () => {
  const base = `http://127.0.0.1:${E2E_PORT}`;

  test("HEAD x6 answers event-stream headers without a body and takes no slot; then five streams open and a sixth is 429", async () => {
    for (let i = 0; i < 6; i++) {
      const h = await open("HEAD", base, QUOTES);
      expect(h.res.statusCode).toBe(200);
      expect(h.res.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
      expect(await h.first).toBe("");
    }
    const streams = [];
    for (let i = 0; i < 5; i++) {
      const s = await open("GET", base, QUOTES);
      expect(s.res.statusCode, `stream ${i + 1}`).toBe(200);
      expect(await s.first).toContain("retry: 2000");
      streams.push(s);
    }
    const sixth = await open("GET", base, QUOTES);
    expect(sixth.res.statusCode).toBe(429);
    expect(sixth.res.headers["retry-after"]).toBe("30");
    sixth.req.destroy();

    // Abrupt disconnects (no reading to the end, the sockets simply destroyed): every slot comes back.
    for (const s of streams) s.req.destroy();
    const reopened = [];
    for (let i = 0; i < 5; i++) {
      let s = await open("GET", base, QUOTES);
      for (let tries = 0; s.res.statusCode === 429 && tries < 50; tries++) {
        s.req.destroy();
        await new Promise((r) => setTimeout(r, 100));
        s = await open("GET", base, QUOTES);
      }
      expect(s.res.statusCode, `stream ${i + 1} after the drops`).toBe(200);
      reopened.push(s);
    }
    for (const s of reopened) s.req.destroy();
  });
});

test.describe.serial("a second production server", () => {
  // A server start and bcrypt sign-ups on a busy 2-core machine.
  test.describe.configure({ timeout: 180_000 });
  let server: SpawnedServer;
  let rx: WebhookReceiver;
  test.beforeAll(async () => {
    rx = await startWebhookReceiver();
    // The receiver stands for a LAN box (home automation, a workflow tool) on plain http.
    const lan = `127.0.0.1:${new URL(rx.url).port}`;
    server = spawnServer({ SSE_MAX_CONNECTIONS: "3", TRUSTED_PROXY: "1", WEBHOOK_ALLOWED_TARGETS: lan }, { port: E2E_PORT + 51 });
    await server.ready;
  });
  test.afterAll(async () => {
    if (server.proc.exitCode === null) server.proc.kill("SIGKILL");
    await rx.close();
  });

  test("WEBHOOK_ALLOWED_TARGETS in production: the listed LAN receiver gets the test delivery; an unlisted port is refused", async () => {
    const name = `lan_${Date.now().toString(36)}`;
    const reg = await fetch(`${server.url}/api/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json", ...from("10.2.0.1") },
      body: JSON.stringify({ email: `${name}@example.com`, username: name, password: `copper-lantern-${Math.random().toString(36).slice(2, 10)}` }),
    });
    expect(reg.status).toBe(201);
    const auth = { authorization: `Bearer ${(await reg.json()).access_token}`, "content-type": "application/json", ...from("10.2.0.1") };
    const hook = await fetch(`${server.url}/api/webhooks`, { method: "POST", headers: auth, body: JSON.stringify({ url: rx.url, events: ["prediction.updated"] }) });
    expect(hook.status).toBe(201);
    const sent = await fetch(`${server.url}/api/webhooks/${(await hook.json()).id}/test`, { method: "POST", headers: auth });
    expect(await sent.json()).toMatchObject({ delivered: true, statusCode: 200 });
    expect(rx.received).toHaveLength(1);
    const unlisted = await fetch(`${server.url}/api/webhooks`, { method: "POST", headers: auth, body: JSON.stringify({ url: rx.url.replace(/:(\d+)/, (_m, p) => `:${Number(p) + 1}`), events: ["prediction.updated"] }) });
    expect(unlisted.status).toBe(400);
  });

  const from = (ip: string) => ({ "x-forwarded-for": ip });
  const streams: Awaited<ReturnType<typeof connectSse>>[] = [];

  test("SSE_MAX_CONNECTIONS: three callers hold the three slots; a fourth caller gets 503 with Retry-After and the JSON body", async () => {
    for (const ip of ["10.1.0.1", "10.1.0.2", "10.1.0.3"]) {
      const s = await connectSse(`${server.url}${QUOTES}`, from(ip));
      expect(s.status).toBe(200);
      await s.next((e) => e.event === "quotes");
      streams.push(s);
    }
    const full = await open("GET", server.url, QUOTES, from("10.1.0.4"));
    expect(full.res.statusCode).toBe(503);
    expect(full.res.headers["retry-after"]).toBe("30");
    expect(JSON.parse(await full.first)).toEqual({ error: { code: "unavailable", message: "This server holds its maximum of 3 live streams; try again shortly" } });
  });

  test("SIGTERM: every open stream receives event: shutdown, then the process exits 0", async () => {
    server.proc.kill("SIGTERM");
    for (const s of streams) {
      const bye = await s.next((e) => e.event === "shutdown");
      expect(JSON.parse(bye.data)).toEqual({ reason: "server shutting down", reconnect: true });
      await s.ended;
    }
    expect(await server.exited).toBe(0);
  });
});
