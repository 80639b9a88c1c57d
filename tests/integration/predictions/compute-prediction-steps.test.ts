import { InngestTestEngine, mockCtx } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cache } from "@/lib/cache";
import { getDb } from "@/lib/db";
import { predictFromActive } from "@/server/predictions/compute";
import type { PredictionResult } from "@/server/predictions/types";
import { predictionCacheKey } from "@/server/predictions/cache";
import { inngestFunction } from "../../support/job-functions";
import { setUpPredictionsEnv, type PredictionsTestEnv } from "../support/predictions-test-env";

// The hosted shape: a symbol's first forecast (compute-prediction) under Inngest trains each configured
// model in its own step, then forecasts from the new artifacts.
let env: PredictionsTestEnv;
beforeAll(async () => {
  env = await setUpPredictionsEnv({ env: { INNGEST_DEV: "1", FORECAST_MODELS: "naive,drift,ensemble" } });
});
afterAll(async () => env?.teardown());

const engine = () => new InngestTestEngine({ function: inngestFunction("compute-prediction"), transformCtx: (ctx) => mockCtx(ctx) });
const stepNames = (ctx: { step: { run: unknown } }) =>
  (ctx.step.run as unknown as { mock: { calls: [string][] } }).mock.calls.map((c) => c[0]).filter((n) => !n.startsWith("job-"));

describe("compute-prediction under Inngest", () => {
  it("trains one step per model, then returns and caches the forecast of the models it registered", async () => {
    const { result, ctx } = await engine().execute({ events: [{ name: "predictions/forecast.requested", data: { symbol: "JPM" } }] });
    expect(stepNames(ctx)).toEqual(["plan-JPM", "train-JPM-naive", "train-JPM-drift", "train-JPM-ensemble", "finish-JPM", "predict"]);

    const db = await getDb();
    const active = await db.modelVersion.findMany({ where: { symbol: "JPM", status: "active" } });
    // One version for the run, one row per model.
    expect(active.map((v) => v.model).sort()).toEqual(["drift", "ensemble", "naive"]);
    expect(new Set(active.map((v) => v.version)).size).toBe(1);

    const r = result as PredictionResult;
    expect(r).toMatchObject({ symbol: "JPM", asOf: "2024-03-08", source: "shipped", historical: true, baseline: "naive" });
    expect(r.models.map((m) => [m.name, m.version])).toEqual(["naive", "drift", "ensemble"].map((n) => [n, active[0].version]));
    for (const m of r.models) {
      const h = m.horizons["1d"]!;
      expect(h.price).toBeGreaterThan(0);
      expect(h.intervals!["95"][0]).toBeLessThan(h.price);
      expect(h.intervals!["95"][1]).toBeGreaterThan(h.price);
      expect(h.backtest!.origins).toBeGreaterThan(100);
    }
    // The job row (made by the run: the event came without one) holds it, the cache serves it, and the artifacts give it again.
    const row = await db.job.findFirstOrThrow({ where: { name: "predictions/forecast.requested" } });
    expect(row.status).toBe("done");
    expect(row.result).toEqual(r);
    expect(await cache.get(predictionCacheKey({ symbol: "JPM", asOf: r.asOf, filed: undefined }))).toEqual(r);
    expect({ ...(await predictFromActive({ symbol: "JPM" }))!, generatedAt: "" }).toEqual({ ...r, generatedAt: "" });
  });
});
