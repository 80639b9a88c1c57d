import { threadId } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shippedMarketVariance } from "@/server/forecast/volatility/shipped-market";
import { trainPool } from "@/server/training/train-pool";
import { trainSymbol } from "@/server/training/train-symbol";
import { servingMarketVariance, warmTrainPool } from "@/server/training/warm-start";
import { setUpPredictionsEnv, type PredictionsTestEnv } from "../support/predictions-test-env";

// The embedded server's start: every training thread is started and warmed in the background, and kept (one
// of them is the thread kept for people while background work holds the other).
let env: PredictionsTestEnv;
beforeAll(async () => {
  env = await setUpPredictionsEnv({ env: { FORECAST_WORKERS: "2" } });
});
afterAll(async () => env?.teardown());

describe("warm start of the training pool", () => {
  it("warms both worker threads, which hand the server the market term they computed and then train", async () => {
    const warm = await warmTrainPool();
    expect(warm).toEqual({ ms: expect.any(Number), threadId: expect.any(Number) });
    expect(warm!.threadId).not.toBe(threadId);
    expect(trainPool()!.stats().threads).toBe(2);

    // The server forecasts with the worker's copy (a structured clone), which holds the same numbers.
    const term = servingMarketVariance();
    const here = shippedMarketVariance();
    expect(term).not.toBe(here);
    expect(term.size).toBeGreaterThan(2000);
    expect([...term]).toEqual([...here]);

    const r = await trainSymbol({ symbol: "MSFT", models: ["naive"], reason: "manual" });
    expect(r.threadId).not.toBe(threadId);
    expect(trainPool()!.stats().threads).toBe(2);
  });
});
