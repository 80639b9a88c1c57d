import { describe, expect, it } from "vitest";
import type { HorizonBacktest } from "@/server/forecast/backtest";
import { NORMAL_Z, scoreIntervals } from "@/server/forecast/interval-scores";

// The HAR-Gaussian benchmark of bench:models (issue 21): the naive forecast with z x sd intervals, no conformal
// calibration. Hand-computed: forecast 0, sd 0.02, outcomes exp(0) (inside) and exp(0.05) (outside 80 and 95%).
const b = {
  horizon: "1d",
  steps: 1,
  origin: Int32Array.from([10, 11]),
  forecast: Float64Array.from([0, 0]),
  actual: Float64Array.from([0, 0.05]),
  scale: Float64Array.from([1, 1]),
  refScale: Float64Array.from([1, 1]),
  evalStart: 0,
} as unknown as HorizonBacktest;

describe("Gaussian intervals (the HAR-Gaussian benchmark)", () => {
  it("uses the normal quantiles", () => {
    expect(NORMAL_Z["95"]).toBeCloseTo(1.959964, 6);
    expect(NORMAL_Z["80"]).toBeCloseTo(1.281552, 6);
    expect(NORMAL_Z["99"]).toBeCloseTo(2.575829, 6);
  });

  it("scores z x sd intervals on the price scale: width, misses and Winkler by hand", () => {
    const s = scoreIntervals(b, { gaussianSd: Float64Array.from([0.02, 0.02]) });
    const half95 = 1.959963984540054 * 0.02;
    const width95 = 100 * (Math.exp(half95) - Math.exp(-half95));
    expect(s.width["95"][0]).toBeCloseTo(width95, 10);
    expect(s.miss["95"]).toEqual([0, 1]);
    expect(s.miss["99"]).toEqual([0, 0]); // 2.5758 x 0.02 = 0.0515 > 0.05
    // Outside by exp(0.05) - exp(half95), penalised 2 / 0.05 = 40 times.
    expect(s.winkler["95"][1]).toBeCloseTo(width95 + 100 * 40 * (Math.exp(0.05) - Math.exp(half95)), 8);
    // A missing sd gives no interval at that origin.
    expect(scoreIntervals(b, { gaussianSd: Float64Array.from([Number.NaN, 0.02]) }).miss["95"]).toEqual([1]);
  });
});
