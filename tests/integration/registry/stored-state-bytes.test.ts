import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import type { BacktestStoreUpdate, ModelState, StoredOrigin } from "@/server/forecast/vocabulary";
import { loadStoredBacktestBytes, loadStoredBacktests, saveStoredBacktest } from "@/server/registry";
import { trainSymbol } from "@/server/training/train-symbol";
import { setUpPredictionsEnv, type PredictionsTestEnv } from "../support/predictions-test-env";

// backtest_stores rows hold the state as gzip JSON bytes (state_gz); rows written before hold it in Json columns.
let env: PredictionsTestEnv;
beforeAll(async () => {
  env = await setUpPredictionsEnv();
});
afterAll(async () => env?.teardown());

const origin = (index: number, o: Partial<StoredOrigin>): StoredOrigin => ({
  index,
  date: `2024-01-${String(index).padStart(2, "0")}`,
  fingerprint: `fp${index}`,
  forecast: { "1d": 0.01 * index, "2d": -0.02, "1w": 0.05 },
  modelSd: { "1d": 0.1, "2d": 0.2, "1w": 0.3 },
  fellBack: [],
  ...o,
});
const update: BacktestStoreUpdate = {
  configHash: "hash-a",
  firstIndex: 1,
  firstDate: "2024-01-01",
  // A NaN forecast, a missing horizon, non-finite and missing sds, a fallback.
  computed: [origin(1, { forecast: { "1d": Number.NaN, "2d": 0.5 } }), origin(2, { modelSd: { "1d": Number.POSITIVE_INFINITY, "2d": Number.NaN, "1w": null } }), origin(3, { fellBack: ["1w"] })],
  reused: 0,
  lastFingerprint: "fp3",
  fits: [{ index: 2, date: "2024-01-02", fingerprint: "fp2", state: { name: "naive", format: 1, hyperparameters: { window: 3 }, params: { coef: [1.5, -2.25], trees: [[0, 1], [2]], w: "AAAAAAAA+D8=" } } satisfies ModelState }],
  fitsMade: 1,
  final: { fingerprint: "fp3", state: { name: "naive", format: 1, hyperparameters: {}, params: { mu: 0.001, sigma: 0.02 } } satisfies ModelState, fitMs: 12 },
};

describe("backtest_stores rows", () => {
  it("a state written as bytes reads back equal, NaN forecasts kept and non-finite sds as none", async () => {
    await saveStoredBacktest({ symbol: "ZZA", model: "naive", update });
    const row = (await (await getDb()).backtestStore.findUnique({ where: { symbol_model: { symbol: "ZZA", model: "naive" } } }))!;
    expect(row.stateGz!.length).toBeGreaterThan(0);
    expect([row.origins, row.finalFit, row.fits]).toEqual([null, null, null]);
    const read = (await loadStoredBacktests({ symbol: "ZZA", models: ["naive", "drift"] })).naive!;
    expect(read).toEqual({
      configHash: "hash-a",
      origins: [
        origin(1, { forecast: { "1d": Number.NaN, "2d": 0.5 } }),
        origin(2, { modelSd: { "1d": null, "2d": null, "1w": null } }),
        origin(3, { fellBack: ["1w"] }),
      ],
      final: update.final,
      fits: update.fits,
    });
    expect(Number.isNaN(read.origins[0].forecast["1d"])).toBe(true);
    expect("1w" in read.origins[0].forecast).toBe(false);
    // Training gets the bytes themselves (its thread decodes them).
    expect((await loadStoredBacktestBytes({ symbol: "ZZA", models: ["naive"] })).naive).toBeInstanceOf(Uint8Array);
  });

  it("a row in the older Json columns is read, and the next write moves it to bytes", async () => {
    const db = await getDb();
    await db.backtestStore.create({
      data: {
        symbol: "ZZB",
        model: "drift",
        configHash: "hash-old",
        origins: [{ ...origin(4, {}), forecast: { "1d": null, "2d": 0.25 } }, origin(5, {})] as object[],
        finalFit: { fingerprint: "fp5", state: { name: "drift", format: 1, hyperparameters: {}, params: { mu: 0.5 } }, fitMs: 3 },
      },
    });
    const read = (await loadStoredBacktests({ symbol: "ZZB", models: ["drift"] })).drift!;
    expect(read).toEqual({ configHash: "hash-old", origins: [origin(4, { forecast: { "1d": Number.NaN, "2d": 0.25 } }), origin(5, {})], final: { fingerprint: "fp5", state: { name: "drift", format: 1, hyperparameters: {}, params: { mu: 0.5 } } satisfies ModelState, fitMs: 3 } });
    await saveStoredBacktest({ symbol: "ZZB", model: "drift", before: read, update: { ...update, configHash: "hash-old", firstIndex: 4, computed: [origin(6, {})], final: undefined } });
    const row = (await db.backtestStore.findUnique({ where: { symbol_model: { symbol: "ZZB", model: "drift" } } }))!;
    expect([row.origins, row.finalFit, row.fits, row.stateGz === null]).toEqual([null, null, null, false]);
    const merged = (await loadStoredBacktests({ symbol: "ZZB", models: ["drift"] })).drift!;
    expect(merged.origins.map((o) => o.index)).toEqual([4, 5, 6]);
    expect(merged.final).toEqual(read.final);
    expect(merged.fits).toEqual(update.fits);
  });

  it("a training reuses an older row's origins (its thread is handed the state): the same scores", async () => {
    const first = await trainSymbol({ symbol: "MSFT", models: ["naive"], reason: "manual" });
    const origins = first.backtests[0].computed;
    const db = await getDb();
    // The row as a write before state_gz left it.
    const s = (await loadStoredBacktests({ symbol: "MSFT", models: ["naive"] })).naive!;
    const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as object;
    await db.backtestStore.update({
      where: { symbol_model: { symbol: "MSFT", model: "naive" } },
      data: { stateGz: null, origins: json(s.origins), finalFit: s.final ? json(s.final) : undefined, fits: s.fits ? json(s.fits) : undefined },
    });
    const again = await trainSymbol({ symbol: "MSFT", models: ["naive"], reason: "manual" });
    expect(again.backtests.map((b) => [b.model, b.computed, b.reused])).toEqual([["naive", 0, origins]]);
    const metrics = async (version: string) =>
      (await db.modelMetric.findMany({ where: { modelVersion: { symbol: "MSFT", version } }, orderBy: { horizon: "asc" } })).map(({ id: _i, modelVersionId: _m, createdAt: _c, ...m }) => m);
    expect(await metrics(again.version)).toEqual(await metrics(first.version));
  });
});
