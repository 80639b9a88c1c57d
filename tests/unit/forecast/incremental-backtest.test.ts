import { describe, expect, it } from "vitest";
import { backtest, BACKTEST_DEFAULTS, refitEveryOf, type BacktestResult } from "@/server/forecast/backtest";
import { mergeStored, originFingerprints, refitOriginOf, type StoredBacktest } from "@/server/forecast/backtest-store";
import { readSeriesCsv, sliceSeries, windowSeries } from "@/server/forecast/data";
import { arimaModel } from "@/server/forecast/models/arima";
import { driftModel } from "@/server/forecast/models/drift";
import { gbtModel } from "@/server/forecast/models/gbt";
import { naiveModel } from "@/server/forecast/models/naive";
import { randomForestModel } from "@/server/forecast/models/random-forest";
import { metricsOf } from "@/server/forecast/train";
import { HORIZON_KEYS, type ModelSpec, type PriceSeries } from "@/server/forecast/types";

// The shipped AAPL bars; the last ~1500 keep the test quick while the fits see long windows.
const full = readSeriesCsv({ symbol: "AAPL" });
const aapl = windowSeries(full, full.dates.length - 1500);
const n = aapl.dates.length;
const opts = { origins: 150, warmup: 40 } as const;

/** What the store holds after a run (unchanged when the run computed nothing). */
const storeAfter = (r: BacktestResult, before?: StoredBacktest): StoredBacktest => mergeStored({ before, update: r.store! }) ?? before!;

function expectSameBacktest(a: BacktestResult, b: BacktestResult) {
  for (const h of HORIZON_KEYS) {
    const x = a.horizons[h]!;
    const y = b.horizons[h]!;
    expect(Array.from(y.origin)).toEqual(Array.from(x.origin));
    for (const k of ["forecast", "actual", "modelSd", "scale", "vol"] as const) {
      const xs = Array.from(x[k]);
      const ys = Array.from(y[k]);
      expect(ys.length).toBe(xs.length);
      for (let i = 0; i < xs.length; i++) {
        if (Number.isNaN(xs[i])) expect(ys[i]).toBeNaN();
        else expect(Math.abs(ys[i] - xs[i])).toBeLessThanOrEqual(1e-9);
      }
    }
    expect(Array.from(y.fellBack)).toEqual(Array.from(x.fellBack));
    expect(y.evalStart).toBe(x.evalStart);
  }
  const ma = metricsOf(a);
  const mb = metricsOf(b);
  for (const h of HORIZON_KEYS) {
    for (const key of ["mae", "rmse", "maeRatio", "mape"] as const) {
      const u = ma[h]![key];
      const v = mb[h]![key];
      if (u === null || Number.isNaN(u)) expect(v).toEqual(u);
      else expect(Math.abs(v! - u)).toBeLessThanOrEqual(1e-9);
    }
    expect(mb[h]!.intervals.coverage).toEqual(ma[h]!.intervals.coverage);
    for (const [u, v] of [
      [ma[h]!.intervals.winkler["95"], mb[h]!.intervals.winkler["95"]],
      [ma[h]!.intervals.crps, mb[h]!.intervals.crps],
    ]) {
      expect(u).toEqual(expect.any(Number));
      expect(Math.abs(v! - u!)).toBeLessThanOrEqual(1e-9);
    }
  }
}

/** The series with one past bar's prices raised 3% (a corrected bar). */
function corrected(s: PriceSeries, at: number): PriceSeries {
  const bump = (a: Float64Array) => a.map((v, i) => (i === at ? v * 1.03 : v));
  return { ...s, open: bump(s.open), high: bump(s.high), low: bump(s.low), close: bump(s.close), adjClose: bump(s.adjClose) };
}

const specs: ModelSpec[] = [naiveModel, driftModel, arimaModel, randomForestModel, gbtModel];

describe("stored walk-forward results", () => {
  it.each(specs.map((s) => [s.name, s] as const))("%s: training on bars[..n-5] then on bars[..n] equals a full backtest on bars[..n]", async (_name, spec) => {
    const first = await backtest({ spec, series: sliceSeries(aapl, n - 5), ...opts });
    const stored = storeAfter(first);
    const incremental = await backtest({ spec, series: aapl, ...opts, stored });
    const fresh = await backtest({ spec, series: aapl, ...opts });

    // Five new origins (n-6 .. n-2) are computed; every other one comes from the store.
    expect(incremental.store!.computed.map((o) => o.index)).toEqual([n - 6, n - 5, n - 4, n - 3, n - 2]);
    expect(incremental.store!.reused).toBe(fresh.horizons["1d"]!.origin.length - 5);
    expect(fresh.store!.reused).toBe(0);
    // The fit serving the last old origin (and its warm-start anchor) is stored: only refit origins new since
    // then are fitted, none for five origins inside the current refit period.
    const schedule = { minTrain: BACKTEST_DEFAULTS.minTrain, refitEvery: refitEveryOf(spec) };
    const oldRefit = refitOriginOf(n - 7, schedule);
    const newRefits = new Set([n - 6, n - 5, n - 4, n - 3, n - 2].map((t) => refitOriginOf(t, schedule)).filter((r) => r !== oldRefit));
    expect(incremental.fits).toBe(newRefits.size);
    expect(fresh.fits).toBeGreaterThan(incremental.fits);
    expectSameBacktest(fresh, incremental);
    // The stored values themselves equal the full run's, origin by origin.
    const byIndex = new Map(fresh.store!.computed.map((o) => [o.index, o]));
    for (const o of storeAfter(incremental, stored).origins) expect(o).toEqual(byIndex.get(o.index));

    // A retrain with no new bars computes nothing and still gives the same backtest.
    const again = await backtest({ spec, series: aapl, ...opts, stored: storeAfter(incremental, stored) });
    expect(again.store!.computed).toHaveLength(0);
    expect(again.fits).toBe(0);
    expectSameBacktest(fresh, again);
  });

  it("a corrected past bar recomputes exactly the origins from that bar on", async () => {
    const spec = driftModel;
    const before = await backtest({ spec, series: aapl, ...opts });
    const at = n - 60;
    const fixedSeries = corrected(aapl, at);
    const after = await backtest({ spec, series: fixedSeries, ...opts, stored: storeAfter(before) });
    const last = before.horizons["1d"]!.origin.at(-1)!;
    expect(after.store!.computed.map((o) => o.index)).toEqual(Array.from({ length: last - at + 1 }, (_v, i) => at + i));
    // The fingerprints agree before the corrected bar and differ from it on.
    const fa = originFingerprints(aapl);
    const fb = originFingerprints(fixedSeries);
    expect(fb.slice(0, at)).toEqual(fa.slice(0, at));
    expect(fb.slice(at).every((f, i) => f !== fa[at + i])).toBe(true);
    expectSameBacktest(await backtest({ spec, series: fixedSeries, ...opts }), after);
    // The residuals of origins whose outcome is the corrected bar change without a refit.
    const b1 = before.horizons["1d"]!;
    const a1 = after.horizons["1d"]!;
    const i = Array.from(b1.origin).indexOf(at - 1);
    expect(a1.forecast[i]).toBe(b1.forecast[i]);
    expect(a1.actual[i]).not.toBe(b1.actual[i]);
  });

  it("a changed configuration reuses nothing", async () => {
    const before = await backtest({ spec: driftModel, series: aapl, ...opts });
    const other: ModelSpec = { ...driftModel, config: { window: 999 } };
    const after = await backtest({ spec: other, series: aapl, ...opts, stored: storeAfter(before) });
    expect(after.store!.configHash).not.toBe(before.store!.configHash);
    expect(after.store!.reused).toBe(0);
    expect(after.store!.computed).toHaveLength(before.store!.computed.length);
    const seeded = await backtest({ spec: driftModel, series: aapl, ...opts, seed: 7, stored: storeAfter(before) });
    expect(seeded.store!.reused).toBe(0);
  });
});
