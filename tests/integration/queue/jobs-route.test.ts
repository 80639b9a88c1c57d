import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queue } from "@/lib/queue";
import { resetServicesForTests } from "@/lib/services";
import { GET } from "@/app/api/jobs/[id]/route";
import { openTestDatabase, realPostgresUrl, type TestDatabase } from "../../support/test-db";

// Exercises the app's own singletons (getDb, queue) configured purely through the environment.
const saved = { ...process.env };
const dataDir = mkdtempSync(join(tmpdir(), "stock-hub-jobs-route-"));
let pgSchema: TestDatabase | undefined;

beforeAll(async () => {
  for (const k of ["INNGEST_EVENT_KEY", "INNGEST_DEV", "ALPHA_VANTAGE_API_KEY", "FINNHUB_API_KEY", "POLYGON_API_KEY"]) delete process.env[k];
  process.env.DATA_DIR = dataDir;
  process.env.WATCHLIST = "AAPL,MSFT";
  const url = realPostgresUrl();
  if (url) {
    pgSchema = await openTestDatabase({ migrate: false });
    const u = new URL(url);
    u.searchParams.set("schema", pgSchema.schema);
    process.env.DATABASE_URL = u.toString();
  }
  await resetServicesForTests();
});
afterAll(async () => {
  await resetServicesForTests();
  await pgSchema?.close();
  process.env = saved;
  await resetServicesForTests();
  rmSync(dataDir, { recursive: true, force: true });
});

const call = async (id: string) => {
  const res = await GET(new NextRequest(`http://localhost/api/jobs/${encodeURIComponent(id)}`), {
    params: Promise.resolve({ id }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe("GET /api/jobs/{id}", () => {
  it("follows an enqueued job from queued to done", async () => {
    expect(queue.backend).toBe("inprocess");
    const { jobId } = await queue.enqueue({ event: "market/cache.warm", data: { reason: "manual" } });
    let res = await call(jobId);
    expect(res.status).toBe(200);
    for (let i = 0; i < 200 && !["done", "failed", "timeout"].includes(res.body.status as string); i++) {
      await new Promise((r) => setTimeout(r, 50));
      res = await call(jobId);
    }
    expect(Object.keys(res.body).sort()).toEqual(
      ["createdAt", "error", "finishedAt", "id", "message", "name", "progress", "result", "startedAt", "status"].sort(),
    );
    expect(res.body).toMatchObject({
      id: jobId,
      name: "market/cache.warm",
      status: "done",
      progress: 1,
      error: null,
      result: { warmed: ["AAPL", "MSFT"], failed: [] },
    });
    expect(Date.parse(res.body.finishedAt as string)).toBeGreaterThanOrEqual(Date.parse(res.body.startedAt as string));
  });

  it("answers 404 for an unknown id and 400 for a malformed one", async () => {
    const missing = await call("c" + "0".repeat(24));
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: { code: "not_found", message: `Job c${"0".repeat(24)} not found` } });
    const bad = await call("../../etc");
    expect(bad.status).toBe(400);
    expect((bad.body.error as { code: string }).code).toBe("bad_request");
  });

  it("reports queue health through the app database", async () => {
    const h = await queue.health();
    expect(h).toMatchObject({ status: "up", backend: "inprocess" });
    expect(h.detail).toMatch(/jobs queued \d+, running \d+/);
  });
});
