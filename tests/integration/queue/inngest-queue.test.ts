import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInngestQueue } from "@/lib/queue/create";
import { jobDefinitions } from "@/handlers";
import { openTestDatabase, type TestDatabase } from "../../support/test-db";

// A local HTTP endpoint standing in for Inngest's event API, so the real SDK client sends real requests.
let server: Server;
let baseUrl = "";
let failNext = false;
const received: { path: string; body: unknown }[] = [];
let db: TestDatabase;

beforeAll(async () => {
  db = await openTestDatabase();
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      if (failNext) {
        res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: "event key not found" }));
        return;
      }
      received.push({ path: req.url ?? "", body: JSON.parse(body) });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ids: ["01J0TESTEVENTID"], status: 200 }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await db?.close();
});

describe("Inngest queue backend", () => {
  it("writes a queued Job row and sends the validated event carrying its id", async () => {
    const client = new Inngest({ id: "stock-hub-test", baseUrl, eventKey: "test-event-key" });
    const q = createInngestQueue({ db: async () => db.prisma, definitions: jobDefinitions, sender: async () => client });
    const { jobId } = await q.enqueue({ event: "market/cache.warm", data: { reason: "manual" } });
    expect(await q.getJob(jobId)).toMatchObject({ id: jobId, status: "queued", progress: 0, name: "market/cache.warm" });
    expect(received).toHaveLength(1);
    expect(received[0].path).toBe("/e/test-event-key");
    const sent = (Array.isArray(received[0].body) ? received[0].body[0] : received[0].body) as { name: string; data: unknown };
    expect(sent.name).toBe("market/cache.warm");
    expect(sent.data).toEqual({ reason: "manual", jobId });
  });

  it("answers 503 and marks the job failed when Inngest rejects the event", async () => {
    failNext = true;
    try {
      const client = new Inngest({ id: "stock-hub-test", baseUrl, eventKey: "bad-key" });
      const q = createInngestQueue({ db: async () => db.prisma, definitions: jobDefinitions, sender: async () => client });
      await expect(q.enqueue({ event: "market/cache.warm", data: {} })).rejects.toMatchObject({ code: "unavailable" });
      const row = await db.prisma.job.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
      expect(row.status).toBe("failed");
      expect(row.error).toMatch(/could not send event to Inngest/);
    } finally {
      failNext = false;
    }
  });
});
