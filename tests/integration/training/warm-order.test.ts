import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { barStore } from "@/server/market/bar-store/store";
import { WARM_EVENT } from "@/server/jobs/catalog";
import { startWarmModels } from "@/server/training/warm-models";
import { setUpPredictionsEnv, type PredictionsTestEnv } from "../support/predictions-test-env";

// The warm-up's order on a first start: the watchlist, then the symbols people viewed recently (a live
// install whose models were wiped), then the rest of the catalogue, each once.
let env: PredictionsTestEnv;
beforeAll(async () => {
  env = await setUpPredictionsEnv({ env: { WATCHLIST: "MSFT,JPM", WARM_MODELS: "1", JOB_CONCURRENCY: "1", FORECAST_MODELS: "naive" } });
});
afterAll(async () => env?.teardown());

describe("warm-up order", () => {
  it("watchlist, then recently viewed symbols (newest interest within 14 days), then the rest, without repeats", async () => {
    const now = Date.now();
    await barStore().noteInterest({ symbol: "AMD", kind: "view", at: new Date(now - 3_600_000) });
    await barStore().noteInterest({ symbol: "JPM", kind: "view", at: new Date(now - 3_600_000) });
    // Viewed a month ago: not recent.
    await barStore().noteInterest({ symbol: "NFLX", kind: "view", at: new Date(now - 30 * 86_400_000) });
    const id = await startWarmModels({ after: ["IBM", "AMD", "NFLX"] });
    expect(id).toEqual(expect.any(String));
    const job = await (await getDb()).job.findUniqueOrThrow({ where: { id: id! } });
    expect(job.name).toBe(WARM_EVENT);
    expect(job.input).toMatchObject({ symbol: "MSFT", then: ["JPM", "AMD", "IBM", "NFLX"] });
  });
});
