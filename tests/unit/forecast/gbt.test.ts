import { describe, expect, it } from "vitest";
import { readSeriesCsv, sliceSeries, windowSeries } from "@/server/forecast/data";
import { expectNoLookAhead } from "./look-ahead";
import { gbtModel } from "@/server/forecast/models/gbt";
import { expectRoundTrip, expectWellFormed, oneDayPredictions } from "./ml-model-checks";
import { ar1PriceSeries } from "./ml-synthetic";

const aapl = readSeriesCsv({ symbol: "AAPL" });

interface GbtParams {
  boosters: Record<string, { rounds: number; base: number }>;
}

describe("gradient-boosted trees model", () => {
  it("learns predictable structure: on an AR(1) return series its 1-day forecasts track the realized return", async () => {
    const series = ar1PriceSeries({ bars: 2600, phi: -0.5, sigma: 0.01, seed: 4 });
    const model = await gbtModel.fit(sliceSeries(series, 2300), { seed: 1 });
    const { corr } = oneDayPredictions({ model, series, from: 2300, to: 2600 });
    expect(corr).toBeGreaterThan(0.35);
    // With real signal, early stopping keeps many rounds for the 1-day booster.
    expect((model.toState().params as GbtParams).boosters["1d"].rounds).toBeGreaterThan(20);
  });

  it("stops early on pure noise: a random walk keeps few rounds and forecasts near its mean", async () => {
    const walk = ar1PriceSeries({ bars: 2600, phi: 0, sigma: 0.01, seed: 8 });
    const model = await gbtModel.fit(walk, { seed: 1 });
    const p = model.toState().params as GbtParams;
    const maxRounds = model.toState().hyperparameters.maxRounds as number;
    expect(p.boosters["1d"].rounds).toBeLessThan(maxRounds / 2);
    for (const f of model.predict(walk)) expect(Math.abs(f.logReturn)).toBeLessThan(0.01 * Math.sqrt(f.steps));
  });

  it("fits AAPL, forecasts every horizon, round-trips its state", async () => {
    const model = await gbtModel.fit(aapl, { seed: 7 });
    expectWellFormed(model, aapl);
    await expectRoundTrip(gbtModel, model, aapl);
  });

  it("never looks ahead inside a walk-forward backtest: forecasts, intervals and scores before a changed future are unchanged", async () => {
    const recent = windowSeries(aapl, aapl.dates.length - 1500);
    await expectNoLookAhead({ spec: gbtModel, series: recent, cut: recent.dates.length - 40, origins: 80, warmup: 70, refitEvery: 130, horizons: ["1d", "1w"], seed: 7 });
    // Two walk-forward backtests with fits: long on a shared machine, and no timing is asserted.
  }, 180_000);

  it("is repeatable for a seed and differs across seeds", async () => {
    const series = ar1PriceSeries({ bars: 1500, phi: -0.4, sigma: 0.01, seed: 2 });
    const a = await gbtModel.fit(series, { seed: 3 });
    const b = await gbtModel.fit(series, { seed: 3 });
    const c = await gbtModel.fit(series, { seed: 4 });
    expect(JSON.stringify(b.toState())).toBe(JSON.stringify(a.toState()));
    expect(JSON.stringify(c.toState())).not.toBe(JSON.stringify(a.toState()));
  });

  it("a warm start keeps the earlier fit's round counts (no early-stopping probe) and refits its trees on the new window", async () => {
    const series = ar1PriceSeries({ bars: 2600, phi: -0.5, sigma: 0.01, seed: 4 });
    const anchor = await gbtModel.fit(sliceSeries(series, 2300), { seed: 1 });
    const later = sliceSeries(series, 2400);
    const warm = await gbtModel.fit(later, { seed: 1, warm: anchor.toState() });
    const cold = await gbtModel.fit(later, { seed: 1 });
    const p = (m: typeof anchor) => m.toState().params as GbtParams & { roundsFrom: string };
    expect(p(anchor).roundsFrom).toBe("early_stopping");
    expect(p(warm).roundsFrom).toBe("warm");
    for (const h of ["1d", "2d", "1w"]) expect(p(warm).boosters[h].rounds).toBe(p(anchor).boosters[h].rounds);
    // Same rounds as the anchor, trees grown on the newer window: not the anchor's model.
    expect(JSON.stringify(p(warm).boosters)).not.toBe(JSON.stringify(p(anchor).boosters));
    expect(p(cold).roundsFrom).toBe("early_stopping");
    // With the real signal the warm fit still tracks the realized return out of sample.
    expect(oneDayPredictions({ model: warm, series, from: 2400, to: 2600 }).corr).toBeGreaterThan(0.35);
  });
});
