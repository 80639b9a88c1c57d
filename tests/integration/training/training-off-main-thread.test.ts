import { threadId } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetServicesForTests } from "@/lib/services";
import { getDb } from "@/lib/db";
import { closeTrainPool } from "@/server/training/train-pool";
import { trainSymbol } from "@/server/training/train-symbol";
import { setUpPredictionsEnv, type PredictionsTestEnv } from "../support/predictions-test-env";

let env: PredictionsTestEnv;
beforeAll(async () => {
  env = await setUpPredictionsEnv({ env: { FORECAST_WORKERS: "1" } });
});
afterAll(async () => env?.teardown());

describe("training in the worker pool", () => {
  it("trains on a worker thread, not the thread that serves HTTP, and stores the versions", async () => {
    const stages: string[] = [];
    const r = await trainSymbol({ symbol: "MSFT", models: ["naive", "drift"], reason: "manual", onProgress: (p) => void stages.push(`${p.model}:${p.stage}`) });
    expect(r.threadId).not.toBe(threadId);
    expect(r.models.map((m) => `${m.model}:${m.status}`)).toEqual(["naive:active", "drift:active"]);
    expect(stages).toEqual(["naive:backtest", "naive:fit", "naive:done", "drift:backtest", "drift:fit", "drift:done"]);
    expect(await (await getDb()).modelVersion.count({ where: { symbol: "MSFT" } })).toBe(2);
  });

  it("stops before the next model when cancelled, storing nothing", async () => {
    const ac = new AbortController();
    const run = trainSymbol({
      symbol: "JPM",
      models: ["naive", "drift", "arima"],
      reason: "manual",
      signal: ac.signal,
      onProgress: (p) => {
        if (p.model === "naive" && p.stage === "done") ac.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: "RunCancelledError", message: "Job cancelled" });
    expect(await (await getDb()).modelVersion.count({ where: { symbol: "JPM" } })).toBe(0);
  });

  it("with FORECAST_WORKERS=0 trains on the calling thread", async () => {
    await closeTrainPool();
    process.env.FORECAST_WORKERS = "0";
    await resetServicesForTests({ keep: "all" });
    const r = await trainSymbol({ symbol: "AAPL", models: ["naive"], reason: "manual" });
    expect(r.threadId).toBe(threadId);
  });
});
