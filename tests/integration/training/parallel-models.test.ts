import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { queue } from "@/server/jobs";
import { FORECAST_EVENT } from "@/server/jobs/catalog";
import { trainPool } from "@/server/training/train-pool";
import { setUpPredictionsEnv, type PredictionsTestEnv } from "../support/predictions-test-env";

// A person's forecast job on a pool of two threads: the models train side by side (two at once), the
// ensemble last, each model once; the job's progress only moves forward.
let env: PredictionsTestEnv;
beforeAll(async () => {
  env = await setUpPredictionsEnv({ env: { FORECAST_WORKERS: "2", FORECAST_MODELS: "naive,drift,arima,gbt,prophet,ensemble", WARM_MODELS: "0" } });
});
afterAll(async () => env?.teardown());

describe("a person's models train side by side", () => {
  it("two model steps hold the two threads at once; the ensemble comes after every member; progress never goes back", async () => {
    const db = await getDb();
    const { jobId } = await queue.enqueue(FORECAST_EVENT, { symbol: "COST" }, { priority: 10 });
    let peak = 0;
    const progress: number[] = [];
    for (;;) {
      const pool = trainPool()!;
      peak = Math.max(peak, pool.runningTasks().filter((t) => t.lane === "person").length);
      const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
      progress.push(job.progress);
      if (!["queued", "running"].includes(job.status)) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    expect({ status: job.status, error: job.error }).toEqual({ status: "done", error: null });
    expect(peak).toBe(2);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const rows = await db.modelVersion.findMany({ where: { symbol: "COST" }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.model).sort()).toEqual(["arima", "drift", "ensemble", "gbt", "naive", "prophet"]);
    expect(rows.at(-1)!.model).toBe("ensemble");
    expect(new Set(rows.map((r) => r.version)).size).toBe(1);
    expect((job.result as { models: { name: string }[] }).models.map((m) => m.name).sort()).toEqual(["arima", "drift", "ensemble", "gbt", "naive", "prophet"]);
  }, 300_000);
});
