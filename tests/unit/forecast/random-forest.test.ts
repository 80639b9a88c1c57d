import { describe, expect, it } from "vitest";
import { readSeriesCsv, sliceSeries, windowSeries } from "@/server/forecast/data";
import { expectNoLookAhead } from "./look-ahead";
import { randomForestModel } from "@/server/forecast/models/random-forest";
import { expectRoundTrip, expectWellFormed, oneDayPredictions } from "./ml-model-checks";
import { ar1PriceSeries } from "./ml-synthetic";

const aapl = readSeriesCsv({ symbol: "AAPL" });

describe("random forest model", () => {
  it("learns predictable structure: on an AR(1) return series its 1-day forecasts track the realized return", async () => {
    const series = ar1PriceSeries({ bars: 2600, phi: -0.5, sigma: 0.01, seed: 4 });
    const model = await randomForestModel.fit(sliceSeries(series, 2300), { seed: 1 });
    const { corr } = oneDayPredictions({ model, series, from: 2300, to: 2600 });
    // Theoretical correlation is |phi| = 0.5 on unseen bars; no structure would give ~0 +- 0.06.
    expect(corr).toBeGreaterThan(0.35);
  });

  it("fits AAPL, forecasts every horizon, round-trips its state", async () => {
    const model = await randomForestModel.fit(aapl, { seed: 7 });
    expectWellFormed(model, aapl);
    await expectRoundTrip(randomForestModel, model, aapl);
  });

  it("never looks ahead inside a walk-forward backtest: forecasts, intervals and scores before a changed future are unchanged", async () => {
    const recent = windowSeries(aapl, aapl.dates.length - 1500);
    await expectNoLookAhead({ spec: randomForestModel, series: recent, cut: recent.dates.length - 40, origins: 80, warmup: 70, refitEvery: 130, horizons: ["1d", "1w"], seed: 7 });
    // Two walk-forward backtests with fits: long on a shared machine, and no timing is asserted.
  }, 180_000);

  it("is repeatable for a seed and differs across seeds", async () => {
    const train = sliceSeries(aapl, 3000);
    const a = await randomForestModel.fit(train, { seed: 3, horizons: ["1d"] });
    const b = await randomForestModel.fit(train, { seed: 3, horizons: ["1d"] });
    const c = await randomForestModel.fit(train, { seed: 4, horizons: ["1d"] });
    expect(JSON.stringify(b.toState())).toBe(JSON.stringify(a.toState()));
    expect(JSON.stringify(c.toState())).not.toBe(JSON.stringify(a.toState()));
    expect(a.predict(aapl).map((f) => f.horizon)).toEqual(["1d"]);
  });
});
