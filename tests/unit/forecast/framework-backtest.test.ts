import { describe, expect, it } from "vitest";
import { backtest } from "@/server/forecast/backtest";
import { readSeriesCsv, windowSeries } from "@/server/forecast/data";
import { driftModel } from "@/server/forecast/models/drift";
import { randomForestModel } from "@/server/forecast/models/random-forest";
import { makeForecasts } from "@/server/forecast/point";
import type { ModelSpec } from "@/server/forecast/types";
import { expectNoLookAhead } from "./look-ahead";

// Last ~4 years of AAPL keep the test fast while leaving a long training window.
const full = readSeriesCsv({ symbol: "AAPL" });
const aapl = windowSeries(full, full.dates.length - 1000);

/** A drift model that records the last date it was shown in fit and in predict. */
function spyOn(spec: ModelSpec) {
  const seen: { fitEnd: string[]; predictEnd: string[] } = { fitEnd: [], predictEnd: [] };
  const spy: ModelSpec = {
    ...spec,
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
    // Origins run from t0 to the second-to-last bar: one predict each. Fits happen at every 10th origin
    // counted from the first origin any backtest can have (bar minTrain - 1 = 251), so the first origin is
    // served by the fit at the last such origin at or before it, never by a later one.
    expect(seen.predictEnd).toEqual(aapl.dates.slice(t0, aapl.dates.length - 1));
    const firstFit = 251 + Math.floor((t0 - 251) / 10) * 10;
    expect(firstFit).toBeLessThanOrEqual(t0);
    expect(firstFit).toBeGreaterThan(t0 - 10);
    const fitOrigins = Array.from({ length: Math.floor((aapl.dates.length - 2 - firstFit) / 10) + 1 }, (_v, i) => firstFit + 10 * i);
    expect(seen.fitEnd).toEqual(fitOrigins.map((t) => aapl.dates[t]));
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

  it("gives the same forecasts, volatility, intervals and scores at every earlier origin when the future is changed", async () => {
    const cut = aapl.dates.length - 40;
    for (const spec of [driftModel, randomForestModel]) {
      await expectNoLookAhead({ spec, series: aapl, cut, origins: 80, warmup: 70, refitEvery: 40, horizons: ["1d", "1w"] });
    }
  });

  it("records fit and predict timings and the origin range", async () => {
    const flat: ModelSpec = {
      name: "naive",
      label: "flat",
      features: ["close"],
      format: 1,
      fit: () => ({ name: "naive", predict: (s) => makeForecasts({ series: s, logReturn: () => 0 }), toState: () => ({ name: "naive", format: 1, hyperparameters: {}, params: {} }) }),
      load: () => {
        throw new Error("unused");
      },
    };
    const r = await backtest({ spec: flat, series: aapl, origins: 30, warmup: 0, refitEvery: 7 });
    // 30 origins from bar 969: the fixed 7-origin schedule from bar 251 refits at 965, 972, 979, 986 and 993.
    expect(r.fits).toBe(5);
    expect(r.firstOrigin).toBe(aapl.dates[aapl.dates.length - 31]);
    expect(r.lastOrigin).toBe(aapl.dates[aapl.dates.length - 2]);
    expect(r.predictMs).toBeGreaterThanOrEqual(0);
  });
});
