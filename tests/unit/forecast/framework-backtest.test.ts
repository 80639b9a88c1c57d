import { describe, expect, it } from "vitest";
import { backtest } from "@/server/forecast/backtest";
import { readSeriesCsv, windowSeries } from "@/server/forecast/data";
import { driftModel } from "@/server/forecast/models/drift";
import { randomForestModel } from "@/server/forecast/models/random-forest";
import { makeForecasts } from "@/server/forecast/point";
import type { ModelSpec, PriceSeries } from "@/server/forecast/types";

// Last ~4 years of AAPL keep the test fast while leaving a long training window.
const full = readSeriesCsv({ symbol: "AAPL" });
const aapl = windowSeries(full, full.dates.length - 1000);

/** Same bars up to `from`, a different (scaled, wiggled) future after it. */
function alterFuture(s: PriceSeries, from: number): PriceSeries {
  const f = (a: Float64Array) => a.map((v, i) => (i >= from ? v * (1.4 + 0.2 * Math.sin(i)) : v));
  return { ...s, open: f(s.open), high: f(s.high), low: f(s.low), close: f(s.close), adjClose: f(s.adjClose), volume: f(s.volume) };
}

/** A drift model that records the last date it was shown in fit and in predict. */
function spyOn(spec: ModelSpec) {
  const seen: { fitEnd: string[]; predictEnd: string[] } = { fitEnd: [], predictEnd: [] };
  const spy: ModelSpec = {
    name: spec.name,
    async fit(series, opts) {
      seen.fitEnd.push(series.dates[series.dates.length - 1]);
      const inner = await spec.fit(series, opts);
      return {
        name: inner.name,
        toState: () => inner.toState(),
        predict(s) {
          seen.predictEnd.push(s.dates[s.dates.length - 1]);
          return inner.predict(s);
        },
      };
    },
    load: spec.load,
  };
  return { spy, seen };
}

describe("walk-forward backtest", () => {
  it("fits and predicts only on data up to each origin, refitting every k origins", async () => {
    const { spy, seen } = spyOn(driftModel);
    const r = await backtest({ spec: spy, series: aapl, origins: 100, warmup: 20, refitEvery: 10 });
    const b = r.horizons["1d"]!;
    const t0 = b.origin[0];
    // Origins run from t0 to the second-to-last bar: one predict each, a fit at every 10th.
    expect(seen.predictEnd).toEqual(aapl.dates.slice(t0, aapl.dates.length - 1));
    expect(seen.fitEnd).toEqual(aapl.dates.slice(t0, aapl.dates.length - 1).filter((_d, i) => i % 10 === 0));
    expect(r.fits).toBe(seen.fitEnd.length);
    expect(b.origin.length).toBe(120);
    expect(b.evalStart).toBe(20);
    expect(r.horizons["1w"]!.origin.length).toBe(116);
    // Actuals are the realized h-step log returns after each origin.
    const w = r.horizons["1w"]!;
    const i = 37;
    expect(w.actual[i]).toBeCloseTo(Math.log(aapl.close[w.origin[i] + 5] / aapl.close[w.origin[i]]), 14);
    expect(w.originPrice[i]).toBe(aapl.close[w.origin[i]]);
  });

  it("gives the same forecasts at every earlier origin when the future is changed", async () => {
    const n = aapl.dates.length;
    const cut = n - 60;
    const altered = alterFuture(aapl, cut);
    for (const spec of [driftModel, randomForestModel]) {
      const opts = { origins: 80, warmup: 0, refitEvery: 40, horizons: ["1d", "1w"] as const };
      const a = await backtest({ spec, series: aapl, ...opts, horizons: [...opts.horizons] });
      const b = await backtest({ spec, series: altered, ...opts, horizons: [...opts.horizons] });
      for (const h of opts.horizons) {
        const x = a.horizons[h]!;
        const y = b.horizons[h]!;
        expect(Array.from(y.origin)).toEqual(Array.from(x.origin));
        const before = Array.from(x.origin).filter((t) => t < cut).length;
        expect(before).toBeGreaterThan(10);
        // Forecasts made at origins before the change are identical; later ones see the new data.
        expect(Array.from(y.forecast.subarray(0, before))).toEqual(Array.from(x.forecast.subarray(0, before)));
        expect(Array.from(y.forecast.subarray(before))).not.toEqual(Array.from(x.forecast.subarray(before)));
      }
    }
  });

  it("records fit and predict timings and the origin range", async () => {
    const flat: ModelSpec = {
      name: "naive",
      fit: () => ({ name: "naive", predict: (s) => makeForecasts({ series: s, logReturn: () => 0 }), toState: () => ({ name: "naive", format: 1, hyperparameters: {}, params: {} }) }),
      load: () => {
        throw new Error("unused");
      },
    };
    const r = await backtest({ spec: flat, series: aapl, origins: 30, warmup: 0, refitEvery: 7 });
    expect(r.fits).toBe(Math.ceil(30 / 7));
    expect(r.firstOrigin).toBe(aapl.dates[aapl.dates.length - 31]);
    expect(r.lastOrigin).toBe(aapl.dates[aapl.dates.length - 2]);
    expect(r.predictMs).toBeGreaterThanOrEqual(0);
  });
});
