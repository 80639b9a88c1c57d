import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getStatusRoute } from "@/app/api/status/route";
import { getDb } from "@/lib/db";
import { resetServicesForTests } from "@/lib/services";
import { queue } from "@/server/jobs";
import { FORECAST_EVENT, WARM_EVENT } from "@/server/jobs/catalog";
import { startWarmModels } from "@/server/training/warm-models";
import { readdirSync } from "node:fs";
import { call, setUpPredictionsEnv, type PredictionsTestEnv } from "../support/predictions-test-env";

// A three-symbol watchlist, two quick models, one job at a time (so jobs start in the queue's order).
const WATCHLIST = ["MSFT", "JPM", "IBM"];
let env: PredictionsTestEnv;
beforeAll(async () => {
  env = await setUpPredictionsEnv({ env: { WATCHLIST: WATCHLIST.join(","), JOB_CONCURRENCY: "1", WARM_MODELS: "0", FORECAST_MODELS: "naive,drift" } });
});
afterAll(async () => {
  await env?.teardown();
});

async function jobsDone(where: { name: string }, count: number) {
  const db = await getDb();
  for (let i = 0; i < 1200; i++) {
    const jobs = await db.job.findMany({ where, orderBy: { createdAt: "asc" } });
    if (jobs.length >= count && jobs.every((j) => ["done", "failed", "timeout", "cancelled"].includes(j.status))) return jobs;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${where.name}: ${count} jobs did not finish`);
}

// Training jobs on the shared 2-core machine: minutes when other work runs beside them.
describe("warm models on the embedded shape's first start", { timeout: 600_000 }, () => {
  it("queues nothing when WARM_MODELS=0", async () => {
    expect(await startWarmModels()).toBeNull();
    expect(await (await getDb()).job.count()).toBe(0);
  });

  it("trains the watchlist one symbol per low-priority job, lets an asked-for symbol jump ahead, and reports the ready count", async () => {
    process.env.WARM_MODELS = "1";
    await resetServicesForTests({ keep: "all" });
    const db = await getDb();
    const before = await call(getStatusRoute, { path: "/api/status" });
    expect(before.json.forecasts).toEqual({ ready: 0, total: 3 });

    const first = await startWarmModels({ after: [] });
    expect(first).toEqual(expect.any(String));
    // A person asks for NVDA while the first warm-up runs: its job (priority 10) goes before the rest of the
    // warm-up, which gives up its slot at its next model boundary and finishes after NVDA.
    const asked = await queue.enqueue(FORECAST_EVENT, { symbol: "NVDA" }, { priority: 10 });

    const warm = await jobsDone({ name: WARM_EVENT }, 3);
    const [user] = await jobsDone({ name: "predictions/forecast.requested" }, 1);
    expect(user.id).toBe(asked.jobId);
    expect(warm.map((j) => [(j.input as { symbol: string }).symbol, j.status])).toEqual(WATCHLIST.map((s) => [s, "done"]));
    expect(warm[0].id).toBe(first);
    // One job at a time: MSFT's warm-up starts, yields to the asked-for NVDA, resumes; then JPM and IBM.
    expect(user.startedAt!.getTime()).toBeGreaterThanOrEqual(warm[0].startedAt!.getTime());
    expect(warm[0].finishedAt!.getTime()).toBeGreaterThanOrEqual(user.finishedAt!.getTime());
    expect(warm[1].startedAt!.getTime()).toBeGreaterThanOrEqual(warm[0].finishedAt!.getTime());
    expect(warm[2].startedAt!.getTime()).toBeGreaterThanOrEqual(warm[1].finishedAt!.getTime());
    // Each model trained once: the resumed warm-up trained only what it had not.
    for (const s of [...WATCHLIST, "NVDA"]) expect(await db.modelVersion.count({ where: { symbol: s } })).toBe(2);

    const after = await call(getStatusRoute, { path: "/api/status" });
    expect(after.json.forecasts).toEqual({ ready: 3, total: 3 });
    // Not a first start any more: nothing new is queued.
    expect(await startWarmModels()).toBeNull();
    expect(await db.job.count({ where: { name: WARM_EVENT } })).toBe(3);
  });

  it("by default warms the watchlist first, then every other symbol the install ships", async () => {
    const db = await getDb();
    await db.job.deleteMany({ where: { name: WARM_EVENT } });
    await db.modelVersion.deleteMany({});
    const first = (await startWarmModels())!;
    await queue.cancel(first);
    const row = await db.job.findUniqueOrThrow({ where: { id: first } });
    const shipped = readdirSync("data").filter((f) => f.endsWith(".csv") && f !== "tickers.csv").map((f) => f.replace(/\.csv$/, "").toUpperCase());
    const order = [(row.input as { symbol: string }).symbol, ...(row.input as { then: string[] }).then];
    expect(order.slice(0, 3)).toEqual(WATCHLIST);
    expect([...order].sort()).toEqual([...new Set([...WATCHLIST, ...shipped])].sort());
    await queue.runner()!.idle();
  });
});
