import { beforeAll, describe, expect, it } from "vitest";
import type { ModelArtifact } from "@/server/forecast/artifacts";
import { readSeriesCsv, windowSeries } from "@/server/forecast/data";
import { MODELS } from "@/server/forecast/model-list";
import { forecastWithLoaded } from "@/server/forecast/serve";
import { trainTicker, type TrainResult } from "@/server/forecast/train";
import type { PriceSeries } from "@/server/forecast/types";
import { eventFactorAtEnd } from "@/server/forecast/volatility/event-term";
import { volContext, type VolState } from "@/server/forecast/volatility/models";
import { volSdAtEnd } from "@/server/forecast/volatility/plan";
import { shippedMarketVariance } from "@/server/forecast/volatility/shipped-market";

// The shock-slope correction exp(b x) of the training bar's move is folded into an artifact's quantiles.
// Served on a later bar (an artifact is served every day until the next training), that bar's move must
// count instead, never the training bar's.
const full = readSeriesCsv({ symbol: "JPM" });
const series = windowSeries(full, full.dates.length - 900);

/** The series with one more bar closing at `close` (range inside the day's move). */
function withBar(s: PriceSeries, date: string, close: number): PriceSeries {
  const n = s.close.length;
  const prev = s.close[n - 1];
  const add = (a: Float64Array, v: number) => Float64Array.from([...a, v]);
  return { ...s, dates: [...s.dates, date], open: add(s.open, prev), high: add(s.high, Math.max(prev, close)), low: add(s.low, Math.min(prev, close)), close: add(s.close, close), adjClose: add(s.adjClose, s.adjClose[n - 1] * (close / prev)), volume: add(s.volume, s.volume[n - 1]) };
}

let trained: TrainResult;
beforeAll(async () => {
  trained = await trainTicker({ specs: MODELS, series, models: ["naive"], origins: 300, warmup: 60, refitEvery: 63, trainWindow: 800, version: "shock-1" });
}, 120_000);

/** Served 95% half-width over (the calibration's quantile x the volatility model's sd with its event term). */
function servedOverPlain(artifact: ModelArtifact, s: PriceSeries): number {
  const model = trained.models[0].model;
  const cal = artifact.calibration["1d"]!;
  const ctx = volContext(s, shippedMarketVariance());
  const out = forecastWithLoaded({ loaded: { artifact, model }, series: s, ctx }).horizons["1d"]!;
  const half = Math.log(out.intervals!["95"].upper / s.close[s.close.length - 1]) - out.logReturn;
  const sd = volSdAtEnd({ ctx, state: cal.volState as VolState, steps: 1 }) * (cal.eventMultiplier ? eventFactorAtEnd({ series: s, steps: 1, multiplier: cal.eventMultiplier, source: cal.eventSource }) : 1);
  return half / (cal.quantiles["95"] * sd);
}

describe("the shock-slope correction at serving", () => {
  it("is recorded with its slope, and served as trained at the training bar", () => {
    const cal = trained.models[0].artifact.calibration["1d"]!;
    expect(cal.shockFactor).toBeGreaterThan(0);
    expect(typeof cal.shockSlope).toBe("number");
    expect(servedOverPlain(trained.models[0].artifact, series)).toBeCloseTo(1, 9);
  });

  it("on a later bar reads that bar's move, not the training bar's", () => {
    // A slope the mode could have measured on an over-reacting forecast, and the factor of a large training-bar move.
    const a = structuredClone(trained.models[0].artifact);
    const cal = a.calibration["1d"]!;
    cal.shockSlope = -0.2;
    cal.shockFactor = Math.exp(-0.2 * 3);
    const last = series.close[series.close.length - 1];
    // A flat day: x = ln(1 + 0) = 0, so the folded factor is taken out and nothing is put back.
    expect(servedOverPlain(a, withBar(series, "2024-03-11", last))).toBeCloseTo(1 / cal.shockFactor, 9);
    // A 6% day: x > 0, narrower than after the flat day by exp(-0.2 x), and never the training bar's factor.
    const big = servedOverPlain(a, withBar(series, "2024-03-11", last * 1.06));
    expect(big).toBeLessThan(1 / cal.shockFactor);
    expect(big).toBeGreaterThan(0);
    expect(Math.abs(big - 1)).toBeGreaterThan(1e-3);
  });

  it("changes nothing for a calibration without the mode", () => {
    const a = structuredClone(trained.models[0].artifact);
    delete a.calibration["1d"]!.shockFactor;
    delete a.calibration["1d"]!.shockSlope;
    const last = series.close[series.close.length - 1];
    expect(servedOverPlain(a, withBar(series, "2024-03-11", last * 1.06))).toBeCloseTo(1, 9);
  });
});
