import { describe, expect, it } from "vitest";
import { backtest, BACKTEST_DEFAULTS } from "@/server/forecast/backtest";
import { mergeStored, originFingerprints, refitOriginOf } from "@/server/forecast/backtest-store";
import { readSeriesCsv, sliceSeries, windowSeries } from "@/server/forecast/data";
import { arimaModel } from "@/server/forecast/models/arima";
import { refitPlanner } from "@/server/forecast/refits";
import { HORIZON_KEYS, type ModelState } from "@/server/forecast/types";

// Warm-started refits (ARIMA keeps the order searched at its anchor and starts from the anchor's optimum).
const full = readSeriesCsv({ symbol: "AAPL" });
const aapl = windowSeries(full, full.dates.length - 1500);
const n = aapl.dates.length;
const opts = { origins: 150, warmup: 40 } as const;
const refitEvery = arimaModel.refitEvery ?? BACKTEST_DEFAULTS.refitEvery;
const chain = refitEvery * arimaModel.warmStart!.coldEvery;
const minTrain = BACKTEST_DEFAULTS.minTrain;
const anchorOf = (r: number) => refitOriginOf(r, { minTrain, refitEvery: chain });
const params = (s: ModelState) => s.params as { p: number; d: number; q: number; withMean: boolean; orderFrom: string; phi: number[] };

function planner(series = aapl) {
  return refitPlanner({ spec: arimaModel, series, fingerprints: originFingerprints(series), minTrain, refitEvery, trainWindow: BACKTEST_DEFAULTS.trainWindow, seed: 42, horizons: HORIZON_KEYS });
}

// The last refit origin before the end that is not an anchor (so it is warm-started).
let warmRefit = refitOriginOf(n - 8, { minTrain, refitEvery });
while (anchorOf(warmRefit) === warmRefit) warmRefit -= refitEvery;

describe("warm-started walk-forward refits", () => {
  it("a refit between anchors keeps the anchor's order and depends on nothing but its bars and the anchor", async () => {
    const a = anchorOf(warmRefit);
    expect(a).toBeLessThan(warmRefit);
    const alone = planner();
    const warm = (await alone.at(warmRefit)).toState();
    // Made alone it fitted twice: the anchor (cold, order searched), then the refit from it.
    expect(alone.fits).toBe(2);
    const anchor = (await alone.at(a)).toState();
    expect(params(anchor).orderFrom).toBe("search");
    expect(params(warm).orderFrom).toBe("warm");
    for (const k of ["p", "d", "q", "withMean"] as const) expect(params(warm)[k]).toBe(params(anchor)[k]);
    // Made after every earlier refit of the chain it is the same fit.
    const walked = planner();
    for (let r = a; r <= warmRefit; r += refitEvery) await walked.at(r);
    expect((await walked.at(warmRefit)).toState()).toEqual(warm);
    // The final fit starts from the anchor of the last bar.
    expect(await walked.warmFor(n - 1)).toEqual((await walked.at(anchorOf(n - 1))).toState());
  });

  it("a retrain whose new origins cross a refit fits once, from the stored anchor, and equals a full run", async () => {
    // Old origins end at warmRefit - 2; the five new ones (warmRefit - 1 .. warmRefit + 3) reach a new refit.
    const before = await backtest({ spec: arimaModel, series: sliceSeries(aapl, warmRefit), ...opts });
    const stored = mergeStored({ update: before.store! })!;
    expect(stored.fits!.map((f) => f.index)).toEqual([...new Set([anchorOf(warmRefit - 2), refitOriginOf(warmRefit - 2, { minTrain, refitEvery })])].sort((x, y) => x - y));
    const series = sliceSeries(aapl, warmRefit + 5);
    const after = await backtest({ spec: arimaModel, series, ...opts, stored });
    expect(after.store!.computed.map((o) => o.index)).toEqual([warmRefit - 1, warmRefit, warmRefit + 1, warmRefit + 2, warmRefit + 3]);
    expect(after.fits).toBe(1);
    const fresh = await backtest({ spec: arimaModel, series, ...opts });
    const byIndex = new Map(fresh.store!.computed.map((o) => [o.index, o]));
    for (const o of after.store!.computed) expect(o).toEqual(byIndex.get(o.index));
    expect(after.finalWarm).toEqual(fresh.finalWarm);
    expect(after.store!.fits).toEqual(fresh.store!.fits);
  });

  it("a stored fit made from other bars is not used", async () => {
    const before = await backtest({ spec: arimaModel, series: aapl, ...opts });
    const stored = mergeStored({ update: before.store! })!;
    const bump = (x: Float64Array) => x.map((v, i) => (i === 300 ? v * 1.05 : v));
    // A corrected bar before every stored fit: none of them is valid, the whole backtest is refitted.
    const fixedSeries = { ...aapl, close: bump(aapl.close), adjClose: bump(aapl.adjClose), high: bump(aapl.high) };
    const after = await backtest({ spec: arimaModel, series: fixedSeries, ...opts, stored });
    const fresh = await backtest({ spec: arimaModel, series: fixedSeries, ...opts });
    expect(after.fits).toBe(fresh.fits);
    expect(after.store!.fits).toEqual(fresh.store!.fits);
  });
});
