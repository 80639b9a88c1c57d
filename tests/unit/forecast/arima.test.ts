import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSeriesCsv, sliceSeries } from "@/server/forecast/data";
import { fitArima, forecastArima } from "@/server/forecast/math/arima";
import { autoArima } from "@/server/forecast/math/auto-arima";
import { kpssStatistic, ndiffsKpss } from "@/server/forecast/math/kpss";
import { arimaModel } from "@/server/forecast/models/arima";

const FIXTURES = join(process.cwd(), "tests/fixtures/forecast");
const series = JSON.parse(readFileSync(join(FIXTURES, "arima-series.json"), "utf8")) as Record<string, { y: number[] }>;
const golden = JSON.parse(readFileSync(join(FIXTURES, "arima-golden.json"), "utf8")) as {
  cases: {
    series: string;
    order: [number, number, number];
    trend: "n" | "c" | "t";
    paramNames: string[];
    params: number[];
    llf: number;
    aic: number;
    forecast: number[];
    forecastSe: number[];
  }[];
};

describe("ARIMA matches statsmodels on fixed orders", () => {
  it("has golden cases for every fixture series", () => {
    expect(golden.cases.length).toBeGreaterThanOrEqual(20);
    expect(new Set(golden.cases.map((c) => c.series)).size).toBe(Object.keys(series).length);
  });

  for (const c of golden.cases) {
    const [p, d, q] = c.order;
    it(`${c.series} ARIMA(${p},${d},${q}) trend=${c.trend}: coefficients within 1e-3, forecasts within 1e-4 relative`, () => {
      const y = series[c.series].y;
      const withMean = c.trend !== "n";
      const fit = fitArima({ y, order: { p, d, q }, withMean, multiStart: true });
      const byName = new Map(c.paramNames.map((n, i) => [n, c.params[i]]));
      if (withMean) expect(Math.abs(fit.mu - (byName.get(d === 0 ? "const" : "x1") as number))).toBeLessThan(1e-3);
      fit.phi.forEach((v, i) => expect(Math.abs(v - (byName.get(`ar.L${i + 1}`) as number))).toBeLessThan(1e-3));
      fit.theta.forEach((v, i) => expect(Math.abs(v - (byName.get(`ma.L${i + 1}`) as number))).toBeLessThan(1e-3));
      const sigma2 = byName.get("sigma2") as number;
      expect(Math.abs(fit.sigma2 - sigma2) / sigma2).toBeLessThan(1e-3);
      expect(Math.abs(fit.llf - c.llf)).toBeLessThan(1e-3);
      expect(Math.abs(fit.aic - c.aic)).toBeLessThan(2e-3);

      const fc = forecastArima({ fit, y, steps: 5 });
      for (let h = 0; h < 5; h++) {
        expect(Math.abs(fc.mean[h] - c.forecast[h])).toBeLessThanOrEqual(1e-4 * Math.abs(c.forecast[h]));
        expect(Math.abs(fc.sd[h] - c.forecastSe[h]) / c.forecastSe[h]).toBeLessThan(2e-3);
      }
    });
  }
});

describe("automatic order selection", () => {
  it("KPSS picks d = 0 for a stationary ARMA and d = 1 for its integrated cousin", () => {
    expect(ndiffsKpss(series.sim_arma11.y)).toBe(0);
    expect(ndiffsKpss(series.sim_arima210.y)).toBe(1);
    expect(kpssStatistic(series.aapl_last500.y)).toBeGreaterThan(0.463);
  });

  it("finds the AR structure of a simulated ARIMA(2,1,0) and never ends worse than its starting models", () => {
    const y = series.sim_arima210.y;
    const { best, d, tried } = autoArima({ y });
    expect(d).toBe(1);
    expect(best.p).toBeGreaterThanOrEqual(1);
    expect(tried.length).toBeGreaterThanOrEqual(5);
    for (const [p, q] of [
      [0, 0],
      [1, 0],
      [0, 1],
      [2, 0],
    ]) {
      const f = fitArima({ y, order: { p, d: 1, q }, withMean: false });
      expect(best.aicc).toBeLessThanOrEqual(f.aicc + 1e-6);
    }
  });

  it("selects a differenced order for 500 real log closes", () => {
    const msft = readSeriesCsv({ symbol: "MSFT" });
    const y = Array.from(msft.close.subarray(msft.close.length - 500), Math.log);
    const res = autoArima({ y });
    expect(res.d).toBe(1);
    // The stepwise search visits neighbours of the start orders, not the whole 6x6 grid.
    expect(res.tried.length).toBeLessThan(36);
  });
});

describe("arimaModel", () => {
  const full = readSeriesCsv({ symbol: "AAPL" });
  const train = sliceSeries(full, full.close.length - 20);

  it("forecasts finite prices with widening model sd, and the state round trip is exact", async () => {
    const model = await arimaModel.fit(train);
    const fc = model.predict(train);
    expect(fc.map((f) => f.horizon)).toEqual(["1d", "2d", "1w"]);
    for (const f of fc) {
      expect(Number.isFinite(f.price) && f.price > 0).toBe(true);
      expect(f.price).toBeCloseTo(train.close[train.close.length - 1] * Math.exp(f.logReturn), 10);
      expect(Math.abs(f.logReturn)).toBeLessThan(0.1);
    }
    expect(fc[0].modelSd).toBeGreaterThan(0.003);
    expect(fc[1].modelSd!).toBeGreaterThan(fc[0].modelSd!);
    expect(fc[2].modelSd!).toBeGreaterThan(fc[1].modelSd!);

    const state = JSON.parse(JSON.stringify(model.toState()));
    const loaded = await arimaModel.load(state);
    expect(loaded.predict(train)).toEqual(fc);
  });

  it("predicts from newer data with the fitted parameters, without refitting", async () => {
    const model = await arimaModel.fit(train);
    const before = JSON.stringify(model.toState());
    const later = model.predict(full);
    expect(JSON.stringify(model.toState())).toBe(before);
    expect(later[0].price / full.close[full.close.length - 1]).toBeCloseTo(Math.exp(later[0].logReturn), 12);
    // Same parameters, different origin: the forecast follows the newest close.
    expect(later[0].price).not.toBe(model.predict(train)[0].price);
  });

  it("a warm start keeps the earlier fit's order and converges to the same optimum as a search with that order", async () => {
    const anchor = await arimaModel.fit(sliceSeries(full, full.close.length - 150));
    const warm = await arimaModel.fit(train, { warm: anchor.toState() });
    type P = { p: number; d: number; q: number; withMean: boolean; orderFrom: string; modelsTried: number; llf: number; phi: number[]; theta: number[] };
    const a = anchor.toState().params as P;
    const w = warm.toState().params as P;
    expect([a.orderFrom, w.orderFrom]).toEqual(["search", "warm"]);
    expect([w.p, w.d, w.q, w.withMean]).toEqual([a.p, a.d, a.q, a.withMean]);
    expect(w.modelsTried).toBe(1);
    // The same order fitted from the default start on the same bars reaches the same likelihood.
    const fixed = fitArima({ y: Array.from(train.close.slice(-2000), Math.log), order: w, withMean: w.withMean });
    expect(Math.abs(fixed.llf - w.llf)).toBeLessThan(1e-6 * Math.abs(fixed.llf));
    // A state of another model is no warm start: the order is searched.
    const other = await arimaModel.fit(train, { warm: { name: "drift", format: 1, hyperparameters: {}, params: {} } });
    expect((other.toState().params as P).orderFrom).toBe("search");
  });
});
