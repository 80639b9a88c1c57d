import { describe, expect, it } from "vitest";
import { backtest, type HorizonBacktest } from "@/server/forecast/backtest";
import { listSymbols, readSeriesCsv, seriesFromBars, sliceSeries } from "@/server/forecast/data";
import { calibrationOf, conformalQuantile, ewmaVol, intervalPath, priceInterval, standardizedScores } from "@/server/forecast/intervals";
import { rollingCoverage } from "@/server/forecast/interval-coverage";
import { REFERENCE_WINDOW, scoreIntervals } from "@/server/forecast/interval-scores";
import { naiveModel } from "@/server/forecast/models/naive";
import { createRng } from "@/server/forecast/trees/rng";
import type { PriceSeries } from "@/server/forecast/types";

/** Deterministic normal draws (mulberry32 + Box-Muller). */
function normals(seed: number, n: number): Float64Array {
  const rng = createRng(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  return out;
}

/** Prices whose daily log returns are N(0, sigma_t^2), sigma_t switching between calm and turbulent regimes. */
function simulated(n: number, seed: number): { series: PriceSeries; sigma: Float64Array } {
  const z = normals(seed, n);
  const sigma = Float64Array.from({ length: n }, (_v, i) => (Math.floor(i / 300) % 2 ? 0.025 : 0.01) * (1 + 0.3 * Math.sin(i / 40)));
  let p = 100;
  const start = Date.UTC(2010, 0, 4);
  const bars = Array.from({ length: n }, (_v, i) => {
    if (i > 0) p *= Math.exp(sigma[i] * z[i]);
    const date = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
    return { date, open: p, high: p * 1.01, low: p * 0.99, close: p, adjClose: p, volume: 1e6 };
  });
  return { series: seriesFromBars({ symbol: "SIM", bars }), sigma };
}

const tolerance = (level: number, n: number) => 3 * Math.sqrt((level * (1 - level)) / n) + 0.01;

describe("EWMA volatility", () => {
  it("uses only returns up to each bar", () => {
    const s = readSeriesCsv({ symbol: "NVDA" });
    const full = ewmaVol(s);
    const prefix = ewmaVol(sliceSeries(s, 3000));
    expect(Array.from(prefix)).toEqual(Array.from(full.subarray(0, 3000)));
  });
});

describe("volatility-scaled split conformal intervals", () => {
  it("cover at their nominal rates on held-out origins of a simulated series with known distribution", async () => {
    const { series } = simulated(3000, 7);
    const r = await backtest({ spec: naiveModel, series, origins: 2000, warmup: 250, refitEvery: 1000 });
    for (const h of ["1d", "1w"] as const) {
      const cov = rollingCoverage(r.horizons[h]!);
      for (const k of ["80", "95", "99"] as const) {
        const c = cov[k];
        expect(c.n).toBe(r.horizons[h]!.origin.length - r.horizons[h]!.evalStart);
        expect(Math.abs(c.coverage - c.level)).toBeLessThan(tolerance(c.level, c.n));
      }
      // Wider at higher confidence.
      expect(cov["80"].meanWidth).toBeLessThan(cov["95"].meanWidth);
      expect(cov["95"].meanWidth).toBeLessThan(cov["99"].meanWidth);
    }
  });

  it("scores each origin with a calibration set from its past only", async () => {
    const { series } = simulated(1200, 11);
    const r = await backtest({ spec: naiveModel, series, origins: 600, warmup: 200, refitEvery: 1000 });
    const b = r.horizons["2d"]!;
    const cut = b.evalStart + 300;
    // Changing outcomes from `cut` on leaves every earlier hit/miss unchanged.
    const changed: HorizonBacktest = { ...b, actual: b.actual.map((a, i) => (i >= cut ? a * 5 + 0.1 : a)) };
    const x = rollingCoverage(b)["95"].misses;
    const y = rollingCoverage(changed)["95"].misses;
    const scoredBefore = cut - b.evalStart;
    expect(Array.from(y.subarray(0, scoredBefore))).toEqual(Array.from(x.subarray(0, scoredBefore)));
    expect(Array.from(y.subarray(scoredBefore))).not.toEqual(Array.from(x.subarray(scoredBefore)));
  });

  it("calibrates the shipped quantiles on the most recent scores at the adapted level and maps them to prices", async () => {
    const { series } = simulated(1000, 3);
    const r = await backtest({ spec: naiveModel, series, origins: 400, warmup: 100, refitEvery: 1000 });
    const b = r.horizons["1d"]!;
    // The adaptive path (the engine's default is plain split conformal, gamma 0) on a one-year window.
    const path = intervalPath(b, { window: 250, gamma: 0.005 });
    const cal = calibrationOf({ path, volModel: b.volModel, volState: { model: "ewma" }, window: 250 });
    const scores = standardizedScores(b);
    expect(cal.n).toBe(250);
    expect(cal.method).toBe("conformal-aci");
    const last = scores.subarray(scores.length - 250);
    for (const k of ["80", "95", "99"] as const) {
      expect(cal.quantiles[k]).toBe(conformalQuantile(last, 1 - cal.alpha![k]));
      // Adaptation is bounded to [alpha/4, 3 alpha].
      const base = 1 - Number(k) / 100;
      expect(cal.alpha![k]).toBeGreaterThanOrEqual(base / 4 - 1e-12);
      expect(cal.alpha![k]).toBeLessThanOrEqual(3 * base + 1e-12);
    }
    const sorted = Array.from(last).sort((p, q) => p - q);
    expect(cal.quantiles["95"]).toBe(sorted[Math.min(249, Math.ceil(251 * (1 - cal.alpha!["95"])) - 1)]);
    const iv = priceInterval({ price0: 50, logReturn: 0.01, sd: 0.04, q: 1.5 });
    expect(iv.lower).toBeCloseTo(50 * Math.exp(0.01 - 0.06), 12);
    expect(iv.upper).toBeCloseTo(50 * Math.exp(0.01 + 0.06), 12);
  });

  it("with regime none ships plain split-conformal quantiles of the last 500 scores; by default the shock-slope ones; the reference on its own 250", async () => {
    const { series } = simulated(1000, 5);
    const r = await backtest({ spec: naiveModel, series, origins: 600, warmup: 100, refitEvery: 1000 });
    const b = r.horizons["1d"]!;
    // The default (shock-slope, regime.ts) carries the plan's day-move state and folds its factor into the quantiles.
    const dflt = calibrationOf({ path: intervalPath(b), volModel: b.volModel, volState: { model: "ewma" } });
    expect(dflt).toEqual(calibrationOf({ path: intervalPath(b, { regime: "shock-slope" }), volModel: b.volModel, volState: { model: "ewma" } }));
    expect(b.shock?.length).toBe(b.origin.length);
    expect(dflt.shockFactor).toBeGreaterThan(0);
    const cal = calibrationOf({ path: intervalPath(b, { regime: "none" }), volModel: b.volModel, volState: { model: "ewma" } });
    expect(cal.shockFactor).toBeUndefined();
    const last = standardizedScores(b).subarray(b.forecast.length - 500);
    expect(cal.method).toBe("vol-scaled-split-conformal");
    expect(cal.n).toBe(500);
    expect(cal.window).toBe(500);
    for (const k of ["80", "95", "99"] as const) {
      expect(cal.alpha![k]).toBeCloseTo(1 - Number(k) / 100, 12);
      expect(cal.quantiles[k]).toBe(conformalQuantile(last, Number(k) / 100));
    }
    // The reference keeps the pre-v2 intervals: EWMA scale, 250 scores, no adaptation.
    const ref = intervalPath({ ...b, scale: b.refScale }, { window: REFERENCE_WINDOW, gamma: 0, regime: "none" });
    const scored = scoreIntervals(b, { reference: true });
    const i = b.forecast.length - 1;
    const lower = Math.exp(b.forecast[i] - ref.half["95"][i]);
    const upper = Math.exp(b.forecast[i] + ref.half["95"][i]);
    expect(scored.width["95"].at(-1)).toBeCloseTo(100 * (upper - lower), 12);
    expect(REFERENCE_WINDOW).toBe(250);
  });

  it("adaptive conformal holds coverage when the scale is wrong after a regime shift", () => {
    // A scale that misses a doubling of volatility halfway: plain split conformal under-covers, ACI less so.
    const n = 3000;
    const z = normals(21, n);
    const origin = Array.from({ length: n }, (_v, i) => i);
    const actual = Array.from(z, (v, i) => v * (i < 1500 ? 0.01 : 0.02));
    const p = { origin, steps: 1, forecast: origin.map(() => 0), actual, scale: origin.map(() => 0.01) };
    const cover = (gamma: number) => {
      const path = intervalPath(p, { gamma });
      let hits = 0;
      let c = 0;
      // The year after the shift: the rolling calibration set still holds mostly calm scores.
      for (let i = 1500; i < 1750; i++) {
        c++;
        if (Math.abs(actual[i]) <= path.half["95"][i]) hits++;
      }
      return hits / c;
    };
    const plain = cover(0);
    const adaptive = cover(0.005);
    expect(plain).toBeLessThan(0.9);
    expect(adaptive).toBeGreaterThan(plain + 0.02);
  });

  it("reaches 93-97% pooled 95% coverage at 1d over the shipped tickers' last two years", async () => {
    let n = 0;
    let hits = 0;
    for (const symbol of listSymbols()) {
      const r = await backtest({ spec: naiveModel, series: readSeriesCsv({ symbol }), origins: 504, horizons: ["1d"] });
      const c = rollingCoverage(r.horizons["1d"]!)["95"];
      n += c.n;
      hits += c.hits;
    }
    expect(n).toBeGreaterThan(20 * 500);
    expect(hits / n).toBeGreaterThanOrEqual(0.93);
    expect(hits / n).toBeLessThanOrEqual(0.97);
    // 23 walk-forward backtests with their volatility plans: a long test, not a timed one.
  }, 300_000);
});
