import { describe, expect, it } from "vitest";
import { readSeriesCsv } from "@/server/forecast/data";
import { computeFeatures, computeTargets, FEATURE_NAMES, FEATURE_WARMUP, rowIsComplete } from "@/server/forecast/features";
import { PREDICT_TAIL, recentFeatures } from "@/server/forecast/models/ml-dataset";
import type { PriceSeries } from "@/server/forecast/types";

const aapl = readSeriesCsv({ symbol: "AAPL" });
const n = aapl.dates.length;
const full = computeFeatures(aapl);
const col = (name: string) => {
  const j = full.names.indexOf(name);
  if (j < 0) throw new Error(`no feature ${name}`);
  return j;
};
const at = (t: number, name: string) => full.data[t * full.cols + col(name)];

/** Copy of the series whose bars from `from` on are scaled and perturbed: a different future. */
function alterFuture(s: PriceSeries, from: number): PriceSeries {
  const scale = (a: Float64Array, f: (i: number) => number) => a.map((v, i) => (i >= from ? v * f(i) : v));
  const wiggle = (i: number) => 1.3 + 0.1 * Math.sin(i);
  return {
    ...s,
    open: scale(s.open, wiggle),
    high: scale(s.high, (i) => wiggle(i) * 1.01),
    low: scale(s.low, (i) => wiggle(i) * 0.99),
    close: scale(s.close, wiggle),
    adjClose: scale(s.adjClose, wiggle),
    volume: scale(s.volume, (i) => 3 + Math.cos(i)),
  };
}

function sameBits(a: Float64Array, b: Float64Array): boolean {
  return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
}

describe("technical features on AAPL", () => {
  it("has one column per named feature and is complete after the warm-up", () => {
    expect(full.names).toEqual([...FEATURE_NAMES]);
    expect(full.rows).toBe(n);
    expect(full.data.length).toBe(n * full.cols);
    expect(rowIsComplete(full, 0)).toBe(false);
    for (let t = FEATURE_WARMUP + 10; t < n; t++) expect(rowIsComplete(full, t)).toBe(true);
  });

  it.each([n - 1, n - 300, 2000, 120])("never looks ahead: changing bars after row %i leaves every earlier row bit-identical", (cut) => {
    const altered = computeFeatures(alterFuture(aapl, cut + 1));
    const rowBytes = (cut + 1) * full.cols;
    expect(sameBits(altered.data.subarray(0, rowBytes), full.data.subarray(0, rowBytes))).toBe(true);
    // The perturbation is real: the first altered row differs.
    if (cut + 1 < n) expect(sameBits(altered.data.subarray(rowBytes, rowBytes + full.cols), full.data.subarray(rowBytes, rowBytes + full.cols))).toBe(false);
  });

  it("targets are the h-day forward log returns and NaN where the future is missing", () => {
    const y = computeTargets(aapl).byHorizon;
    const t = 4000;
    expect(y["1d"][t]).toBeCloseTo(Math.log(aapl.adjClose[t + 1] / aapl.adjClose[t]), 15);
    expect(y["1w"][t]).toBeCloseTo(Math.log(aapl.adjClose[t + 5] / aapl.adjClose[t]), 15);
    expect(Number.isNaN(y["1d"][n - 1])).toBe(true);
    expect(Number.isNaN(y["1w"][n - 5])).toBe(true);
    expect(Number.isFinite(y["1w"][n - 6])).toBe(true);
  });

  const p = aapl.adjClose;
  const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
  const window = (t: number, len: number) => Array.from(p.subarray(t - len + 1, t + 1));

  it.each([500, 3000, n - 1])("matches scalar re-computations at row %i", (t) => {
    expect(at(t, "ret_lag1")).toBeCloseTo(Math.log(p[t] / p[t - 1]), 14);
    expect(at(t, "ret_lag7")).toBeCloseTo(Math.log(p[t - 6] / p[t - 7]), 14);
    expect(at(t, "sma20_ratio")).toBeCloseTo(p[t] / mean(window(t, 20)) - 1, 12);
    expect(at(t, "sma50_ratio")).toBeCloseTo(p[t] / mean(window(t, 50)) - 1, 12);

    // EMA by its textbook definition, seeded with the SMA of the first 10 bars.
    let e = mean(Array.from(p.subarray(0, 10)));
    for (let k = 10; k <= t; k++) e = (2 / 11) * p[k] + (9 / 11) * e;
    expect(at(t, "ema10_ratio")).toBeCloseTo(p[t] / e - 1, 12);

    const w = window(t, 20);
    const m = mean(w);
    const sd = Math.sqrt(mean(w.map((v) => (v - m) ** 2)));
    expect(at(t, "bb_pctb")).toBeCloseTo((p[t] - (m - 2 * sd)) / (4 * sd), 10);
    expect(at(t, "bb_width")).toBeCloseTo((4 * sd) / m, 12);

    const rets = Array.from({ length: 20 }, (_, k) => Math.log(p[t - k] / p[t - k - 1]));
    const rm = mean(rets);
    expect(at(t, "rv20")).toBeCloseTo(Math.sqrt(mean(rets.map((r) => (r - rm) ** 2))), 12);

    const vols = Array.from(aapl.volume.subarray(t - 19, t + 1));
    expect(at(t, "volume_ratio")).toBeCloseTo(Math.log((aapl.volume[t] + 1) / (mean(vols) + 1)), 10);

    // Wilder RSI from the price changes.
    let g = 0;
    let l = 0;
    for (let k = 1; k <= 14; k++) {
      const d = p[k] - p[k - 1];
      g += Math.max(d, 0) / 14;
      l += Math.max(-d, 0) / 14;
    }
    for (let k = 15; k <= t; k++) {
      const d = p[k] - p[k - 1];
      g = (g * 13 + Math.max(d, 0)) / 14;
      l = (l * 13 + Math.max(-d, 0)) / 14;
    }
    expect(at(t, "rsi14")).toBeCloseTo(100 - 100 / (1 + g / l), 9);
    const rsi = at(t, "rsi14");
    expect(rsi).toBeGreaterThan(0);
    expect(rsi).toBeLessThan(100);
  });

  it("encodes the weekday Monday=0 .. Friday=4", () => {
    const t = aapl.dates.indexOf("2024-03-08"); // a Friday
    expect(t).toBe(n - 1);
    expect(at(t, "day_of_week")).toBe(4);
    expect(at(t - 4, "day_of_week")).toBe(0);
  });

  it("normalizes ATR and MACD by price so they are comparable across price levels", () => {
    const scaled = computeFeatures({ ...aapl, high: aapl.high.map((v) => v * 10), low: aapl.low.map((v) => v * 10), close: aapl.close.map((v) => v * 10), adjClose: aapl.adjClose.map((v) => v * 10) });
    for (const name of ["atr14", "macd", "macd_signal", "rsi14", "sma50_ratio"]) {
      const j = full.names.indexOf(name);
      expect(scaled.data[(n - 1) * full.cols + j]).toBeCloseTo(full.data[(n - 1) * full.cols + j], 10);
    }
  });

  it(`predict-time features from the last ${PREDICT_TAIL} bars match the full-history values`, () => {
    const recent = recentFeatures({ series: aapl, count: 3 });
    expect(recent.rows).toBe(3);
    for (let r = 0; r < 3; r++) {
      for (let j = 0; j < full.cols; j++) {
        const a = recent.data[r * full.cols + j];
        const b = full.data[(n - 3 + r) * full.cols + j];
        // Recursive indicators forget their seed geometrically: (49/51)^550 ~ 3e-10 for EMA50.
        expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-8 * Math.max(1, Math.abs(b)));
      }
    }
  });
});
