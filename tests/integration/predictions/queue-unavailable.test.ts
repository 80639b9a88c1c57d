import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getPredictionRoute } from "@/app/api/predictions/[symbol]/route";
import { getDb } from "@/lib/db";
import { queue } from "@/server/jobs";
import { call, setUpPredictionsEnv, signedInUser, type PredictionsTestEnv } from "./predictions-test-env";

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

describe("GET /api/predictions/{symbol} when the queue is down", () => {
  it("answers 503 with Retry-After instead of training on the request path", async () => {
    expect(queue.backend).toBe("inngest");
    const user = await signedInUser("queue_down");
    const r = await call(getPredictionRoute, { path: "/api/predictions/AAPL", params: { symbol: "AAPL" }, headers: { authorization: `Bearer ${user.token}` } });
    expect(r.status).toBe(503);
    expect(r.headers.get("retry-after")).toBe("60");
    expect(r.json).toEqual({ error: { code: "unavailable", message: "No trained models for AAPL yet and the job queue is unavailable; try again later" } });
    const db = await getDb();
    expect(await db.modelVersion.count()).toBe(0);
    expect(await db.prediction.count()).toBe(0);
  });
});
