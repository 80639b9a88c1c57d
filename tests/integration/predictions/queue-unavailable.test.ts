import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getPredictionRoute, POST as askForModelsRoute } from "@/app/api/predictions/[symbol]/route";
import { getDb } from "@/lib/db";
import { queue } from "@/server/jobs";
import { call, setUpPredictionsEnv, signedInUser, type PredictionsTestEnv } from "../support/predictions-test-env";

// The Inngest client reads its settings when first imported, so they are set before any import runs:
// the queue's backend is Inngest, whose event API (a local stand-in) rejects every event.
const port = vi.hoisted(() => {
  const p = 41000 + Math.floor(Math.random() * 2000);
  process.env.INNGEST_EVENT_KEY = "prediction-test-key";
  process.env.INNGEST_BASE_URL = `http://127.0.0.1:${p}`;
  return p;
});

let server: Server;
let env: PredictionsTestEnv;
beforeAll(async () => {
  server = createServer((_req, res) => res.writeHead(400, { "content-type": "application/json" }).end('{"error":"event key not found"}'));
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  env = await setUpPredictionsEnv({ env: { INNGEST_EVENT_KEY: "prediction-test-key", INNGEST_BASE_URL: `http://127.0.0.1:${port}` } });
});
afterAll(async () => {
  await env?.teardown();
  await new Promise((r) => server?.close(r));
});

describe("/api/predictions/{symbol} when the queue is down", () => {
  it("GET still serves the baseline (it needs no queue); asking for the models answers 503 with Retry-After", async () => {
    expect(queue.backend).toBe("inngest");
    const user = await signedInUser("queue_down");
    const headers = { authorization: `Bearer ${user.token}` };
    const read = await call(getPredictionRoute, { path: "/api/predictions/AAPL", params: { symbol: "AAPL" }, headers });
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ symbol: "AAPL", stage: "baseline", training: null });
    const db = await getDb();
    const versionsAfterRead = await db.modelVersion.count();
    const ask = await call(askForModelsRoute, { path: "/api/predictions/AAPL", params: { symbol: "AAPL" }, headers, method: "POST" });
    expect(ask.status).toBe(503);
    expect(ask.headers.get("retry-after")).toBe("60");
    expect(ask.json).toEqual({ error: { code: "unavailable", message: "The models for AAPL cannot be trained now: the job queue is unavailable; try again later" } });
    // Nothing trained on the request path beyond the baseline, and no job left behind.
    expect(await db.modelVersion.count()).toBe(versionsAfterRead);
    expect(await db.job.count({ where: { status: { in: ["queued", "running"] } } })).toBe(0);
  });
});
