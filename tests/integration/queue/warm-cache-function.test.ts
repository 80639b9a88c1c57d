import { existsSync } from "node:fs";
import { InngestTestEngine, mockCtx } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetServicesForTests } from "@/lib/services";
import { getWatchlist } from "@/server/market";
import { createInProcessQueue } from "@/lib/queue/create";
import { createJobStore, type JobStore } from "@/lib/queue/store";
import { jobDefinitions } from "@/handlers";
import { inngestFunction } from "../../support/job-functions";
import { openTestDatabase, type TestDatabase } from "../../support/test-db";

let db: TestDatabase;
let store: JobStore;
let expected: { warmed: string[]; failed: string[] };
const warmCache = inngestFunction("warm-cache");

beforeAll(async () => {
  // Market data from the shipped set only: the test never reaches a live provider.
  for (const k of ["ALPHA_VANTAGE_API_KEY", "FINNHUB_API_KEY", "POLYGON_API_KEY", "REDIS_URL", "UPSTASH_REDIS_REST_URL"]) delete process.env[k];
  process.env.WATCHLIST = "AAPL,MSFT,NVDA,ZZZZ";
  resetServicesForTests();
  db = await openTestDatabase();
  store = createJobStore(async () => db.prisma);
  const list = getWatchlist();
  expected = {
    warmed: list.filter((s) => existsSync(`data/${s}.csv`)).sort(),
    failed: list.filter((s) => !existsSync(`data/${s}.csv`)).sort(),
  };
});
afterAll(async () => {
  await db?.close();
});

// Runs the real Inngest function with @inngest/test, pointing its Job writes at the test database.
const engine = () =>
  new InngestTestEngine({
    function: warmCache,
    transformCtx: (ctx) => ({ ...mockCtx(ctx), jobStore: store }) as typeof ctx,
  });

describe("warm-cache function", () => {
  it("is triggered by market/cache.warm and by a weekday cron", () => {
    expect(warmCache.opts.triggers).toEqual([
      { event: "market/cache.warm" },
      { cron: "TZ=America/New_York */15 9-16 * * 1-5" },
    ]);
  });

  it("warms the watchlist on an event and records the run on the job row the queue created", async () => {
    const { id } = await store.create({ name: "market/cache.warm", input: { reason: "manual" } });
    const { result, ctx } = await engine().execute({
      events: [{ name: "market/cache.warm", data: { reason: "manual", jobId: id } }],
    });
    expect(result).toEqual(expected);
    expect(ctx.step.run).toHaveBeenCalledWith("warm-watchlist", expect.any(Function));
    expect(await store.get({ id })).toMatchObject({
      status: "done",
      progress: 1,
      result: expected,
      message: `warmed ${expected.warmed.length}, failed ${expected.failed.length}`,
    });
  });

  it("on the cron trigger creates its own job row", async () => {
    const before = await db.prisma.job.count();
    const { result } = await engine().execute({
      events: [{ name: "inngest/scheduled.timer", data: { cron: "TZ=America/New_York */15 9-16 * * 1-5" } }],
    });
    expect(result).toEqual(expected);
    const rows = await db.prisma.job.findMany({ orderBy: { createdAt: "desc" }, take: 1 });
    expect(await db.prisma.job.count()).toBe(before + 1);
    expect(rows[0]).toMatchObject({ name: "market/cache.warm", status: "done", input: {}, result: expected });
  });

  it("runs the same handler in the in-process queue", async () => {
    const q = createInProcessQueue({
      db: async () => db.prisma,
      definitions: jobDefinitions,
      concurrency: 1,
      timeoutMs: 60_000,
    });
    const { jobId } = await q.enqueue({ event: "market/cache.warm", data: { reason: "manual" } });
    await q.runner.idle();
    expect(await q.getJob(jobId)).toMatchObject({ id: jobId, name: "market/cache.warm", status: "done", result: expected });
  });
});
