import { serialize } from "node:v8";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { decodeStored, decodeVolStore, directionCalibration, encodeStored, mergeStored, mergeVolStore, shippedMarketVariance, trainTicker } from "@/server/forecast";
import { windowSeries } from "@/server/forecast/data";
import { MODELS } from "@/server/forecast/model-list";
import { HORIZON_KEYS, type ModelName } from "@/server/forecast/vocabulary";
import { loadHistory } from "@/server/price-history";
import { trainPool } from "@/server/training/train-pool";
import { trainSymbol } from "@/server/training/train-symbol";
import type { PoolTrainResult } from "@/server/training/worker-protocol";
import { setUpPredictionsEnv, type PredictionsTestEnv } from "../support/predictions-test-env";

// Issue 17 (the stock route's p99 during training): what a training task hands back to the server's thread is
// what that thread uses, nothing it would have to copy in or compute: the artifacts, each model's direction
// calibrations (computed on the training thread with the backtest), the stores' counts and the bytes to write.
let env: PredictionsTestEnv;
beforeAll(async () => {
  env = await setUpPredictionsEnv({ env: { FORECAST_WORKERS: "1" } });
});
afterAll(async () => env?.teardown());

const MODELS_RUN: ModelName[] = ["naive", "drift", "arima"];

/** The computation the server's thread made until 2026-12-07 (registry/direction-calibrations.ts then). */
const mainThreadCalibrations = (b: Parameters<typeof directionCalibration>[0][]) =>
  b.flatMap((hb) => {
    const c = directionCalibration(hb);
    return c ? [{ horizon: hb.steps, ...c }] : [];
  });

describe("a training task's answer", () => {
  it("carries counts, bytes and calibrations only, and the calibrations are the ones the server's thread computed", async () => {
    const { series: full } = await loadHistory({ symbol: "AAPL" });
    const series = windowSeries(full, full.dates.length - 900);
    const task = { series, models: MODELS_RUN, ensembleMembers: [], version: "v-test" };
    const r = await trainPool()!.run<PoolTrainResult>(task);
    expect(Object.keys(r).sort()).toEqual(["models", "stores", "threadId", "volStore"]);
    for (const m of r.models) expect(Object.keys(m).sort()).toEqual(["artifact", "calibrations"]);
    for (const s of r.stores) expect(Object.keys(s).sort()).toEqual(["computed", "finalReused", "fitsMade", "model", "reused", "save"]);
    expect(Object.keys(r.volStore).sort()).toEqual(["computed", "finalsComputed", "reused", "save"]);
    expect(r.stores.map((s) => [s.model, s.computed, s.reused, s.finalReused])).toEqual(MODELS_RUN.map((m) => [m, 630, 0, false]));
    expect(r.volStore).toMatchObject({ reused: 0, finalsComputed: 3 });
    expect(r.volStore.computed).toBeGreaterThan(100);

    // The same training on this thread: what the answer carried before, and what the server's thread made of it.
    const here = await trainTicker({ specs: MODELS, ...task, market: shippedMarketVariance() });
    for (const [i, m] of here.models.entries()) {
      const hb = HORIZON_KEYS.flatMap((h) => (m.backtest.horizons[h] ? [m.backtest.horizons[h]!] : []));
      expect(r.models[i].calibrations).toEqual(mainThreadCalibrations(hb));
      expect(r.models[i].calibrations.map((c) => c.horizon)).toEqual([1, 2, 5]);
    }
    // The bytes decode to the state the server's thread merged before.
    // (The final fit's wall time aside: it is measured.)
    const timeless = (b: Uint8Array) => {
      const s = decodeStored(b);
      return { ...s, final: s.final && { ...s.final, fitMs: 0 } };
    };
    for (const [i, s] of here.stores.entries()) expect(timeless(r.stores[i].save!.stateGz)).toEqual(timeless(encodeStored(mergeStored({ update: s.update })!)));
    expect(decodeVolStore(r.volStore.save!.stateGz)).toEqual(JSON.parse(JSON.stringify(mergeVolStore({ update: here.volStore }))));

    // Sizes: beside the artifacts and the transferred bytes, a few kilobytes cross; the backtests and store
    // updates the answer carried before are hundreds of kilobytes per model.
    const small = { ...r, models: r.models.map((m) => m.calibrations), stores: r.stores.map((s) => ({ ...s, save: null })), volStore: { ...r.volStore, save: null } };
    const before = { models: here.models.map((m) => m.backtest), stores: here.stores, volStore: here.volStore };
    expect(serialize(small).length).toBeLessThan(16_000);
    expect(serialize(before).length).toBeGreaterThan(50 * serialize(small).length);
  }, 240_000);

  it("stores each version's calibrations as the server's thread computed them on the same real bars", async () => {
    const t = await trainSymbol({ symbol: "MSFT", models: MODELS_RUN, reason: "manual" });
    const { series } = await loadHistory({ symbol: "MSFT" });
    const here = await trainTicker({ specs: MODELS, series, models: MODELS_RUN, ensembleMembers: [], version: t.version, market: shippedMarketVariance() });
    const db = await getDb();
    for (const m of here.models) {
      const id = t.models.find((v) => v.model === m.artifact.model)!.modelVersionId;
      const rows = await db.directionCalibration.findMany({ where: { modelVersionId: id }, orderBy: { horizon: "asc" } });
      const stored = rows.map(({ id: _i, modelVersionId: _m, createdAt: _c, ...c }) => c);
      const hb = HORIZON_KEYS.flatMap((h) => (m.backtest.horizons[h] ? [m.backtest.horizons[h]!] : []));
      expect(stored, m.artifact.model).toEqual(mainThreadCalibrations(hb));
      expect(stored.length).toBe(3);
    }
  }, 240_000);
});
