import { describe, expect, it } from "vitest";
import { readSeriesCsv, sliceSeries, windowSeries } from "@/server/forecast/data";
import { epochDay, isoFromEpochDay, nextWeekdays } from "@/server/forecast/math/calendar";
import { PROPHET_DEFAULTS, prophetComponents, type ProphetParams } from "@/server/forecast/math/prophet-core";
import { fitProphetModel, prophetModel } from "@/server/forecast/models/prophet";
import type { PriceSeries } from "@/server/forecast/types";

/** Seeded standard normals (LCG + Box-Muller), so the simulated series is the same on every run. */
function normals(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

// Four years of weekdays with a known kink in the trend and known seasonalities (log-price units).
const START = epochDay("2016-01-04");
const KINK = START + 2 * 365;
const SLOPE_BEFORE = 0.3 / 365.25;
const SLOPE_AFTER = -0.2 / 365.25;
const trueTrend = (day: number) => 4 + SLOPE_BEFORE * Math.min(day - START, KINK - START) + SLOPE_AFTER * Math.max(0, day - KINK);
const trueYearly = (day: number) => 0.04 * Math.sin((2 * Math.PI * day) / 365.25) + 0.02 * Math.cos((4 * Math.PI * day) / 365.25);
const trueWeekly = (day: number) => 0.006 * Math.sin((2 * Math.PI * day) / 7);

function simulated(): PriceSeries {
  const noise = normals(42);
  const days = [START, ...nextWeekdays(isoFromEpochDay(START), 1043)];
  const close = Float64Array.from(days, (d) => Math.exp(trueTrend(d) + trueYearly(d) + trueWeekly(d) + 0.004 * noise()));
  return {
    symbol: "SIM",
    dates: days.map(isoFromEpochDay),
    open: close,
    high: close,
    low: close,
    close,
    adjClose: close,
    volume: new Float64Array(days.length).fill(1e6),
  };
}

describe("Prophet-style model on a simulated series", () => {
  const series = simulated();
  const model = fitProphetModel({ series, config: PROPHET_DEFAULTS, window: 5000 });
  const p = model.toState().params as ProphetParams;
  const trendAt = (day: number) => prophetComponents(p, day).trend;

  it("recovers the trend slopes on both sides of the change and places the change near it", () => {
    const before = (trendAt(START + 600) - trendAt(START + 100)) / 500;
    const after = (trendAt(KINK + 500) - trendAt(KINK + 100)) / 400;
    expect(before * 365.25).toBeCloseTo(0.3, 1);
    expect(after * 365.25).toBeCloseTo(-0.2, 1);
    expect(Math.abs(before * 365.25 - 0.3)).toBeLessThan(0.03);
    expect(Math.abs(after * 365.25 + 0.2)).toBeLessThan(0.03);
    // The sparse prior concentrates the rate change near the true kink.
    const perYear = (365.25 * p.yScale) / p.dayScale;
    let near = 0;
    let total = 0;
    p.changepoints.forEach((cp, j) => {
      const day = p.dayOrigin + cp * p.dayScale;
      total += Math.abs(p.deltas[j]) * perYear;
      if (Math.abs(day - KINK) <= 90) near += p.deltas[j] * perYear;
    });
    expect(near).toBeLessThan(-0.4);
    expect(near).toBeGreaterThan(-0.6);
    // Low noise lets small changes buy fit elsewhere, but the biggest one sits at the kink and the L1
    // prior zeroes some candidates exactly.
    expect(total).toBeLessThan(1.2);
    const biggest = p.deltas.reduce((bi, d, j) => (Math.abs(d) > Math.abs(p.deltas[bi]) ? j : bi), 0);
    expect(Math.abs(p.dayOrigin + p.changepoints[biggest] * p.dayScale - KINK)).toBeLessThanOrEqual(90);
    expect(p.deltas.filter((d) => d === 0).length).toBeGreaterThanOrEqual(5);
  });

  it("recovers the yearly and weekly seasonal shapes", () => {
    const days = Array.from({ length: 365 }, (_, i) => START + 365 + i);
    const yearlyErr = maxCenteredError(days.map((d) => prophetComponents(p, d).yearly), days.map(trueYearly));
    expect(yearlyErr).toBeLessThan(0.008);
    // Weekly seasonality is only observed on weekdays: compare the Monday..Friday shape.
    const week = nextWeekdays("2018-06-01", 5);
    const weeklyErr = maxCenteredError(week.map((d) => prophetComponents(p, d).weekly), week.map(trueWeekly));
    expect(weeklyErr).toBeLessThan(0.0015);
    expect(p.sigma * p.yScale).toBeGreaterThan(0.003);
    expect(p.sigma * p.yScale).toBeLessThan(0.006);
  });

  it("forecasts the next weekdays from the fitted post-change slope", () => {
    const fc = model.predict(series);
    const last = series.dates[series.dates.length - 1];
    const week = nextWeekdays(last, 5);
    const lastDay = epochDay(last);
    const truth = trueTrend(week[4]) + trueYearly(week[4]) + trueWeekly(week[4]) - (trueTrend(lastDay) + trueYearly(lastDay) + trueWeekly(lastDay));
    expect(Math.abs(fc[2].logReturn - truth)).toBeLessThan(0.004);
    expect(fc[2].modelSd!).toBeGreaterThan(fc[0].modelSd!);
  });
});

function maxCenteredError(a: number[], b: number[]): number {
  const ma = a.reduce((s, v) => s + v, 0) / a.length;
  const mb = b.reduce((s, v) => s + v, 0) / b.length;
  return Math.max(...a.map((v, i) => Math.abs(v - ma - (b[i] - mb))));
}

describe("prophetModel on real data", () => {
  const full = readSeriesCsv({ symbol: "MSFT" });
  const train = sliceSeries(full, full.close.length - 10);
  const decade = windowSeries(train, train.close.length - 2520);

  it("fits ten years and gives finite forecasts with model sd", async () => {
    const model = await prophetModel.fit(decade);
    const fc = model.predict(decade);
    for (const f of fc) {
      expect(Number.isFinite(f.price) && f.price > 0).toBe(true);
      expect(Math.abs(f.logReturn)).toBeLessThan(0.05);
      expect(f.modelSd).toBeGreaterThan(0.005);
    }
    const params = model.toState().params as ProphetParams & { trainEnd: string };
    expect(params.trainEnd).toBe(decade.dates[decade.dates.length - 1]);
  });

  it("round-trips its state to identical forecasts and does not refit in predict", async () => {
    const model = await prophetModel.fit(train);
    const before = JSON.stringify(model.toState());
    const loaded = await prophetModel.load(JSON.parse(before));
    expect(loaded.predict(train)).toEqual(model.predict(train));
    const later = loaded.predict(full);
    expect(JSON.stringify(loaded.toState())).toBe(before);
    expect(later[0].price).toBeCloseTo(full.close[full.close.length - 1] * Math.exp(later[0].logReturn), 8);
    expect(later[0].price).not.toBe(model.predict(train)[0].price);
  });
});
