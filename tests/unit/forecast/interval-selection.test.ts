import { describe, expect, it } from "vitest";
import { defaultIntervalPath, intervalPath, LEVEL_KEYS, type RegimeMode } from "@/server/forecast/intervals";
import { scoreIntervals } from "@/server/forecast/interval-scores";
import { walkForwardProbabilities } from "@/server/forecast/direction-calibration";
import { kthSmallest } from "@/server/forecast/math/select";
import { lastShockState, shrunkSlope, slopeWithError } from "@/server/forecast/shock-reaction";
import type { HorizonBacktest } from "@/server/forecast/backtest-records";

// The conformal quantiles are picked by selection (math/select.ts) instead of a sort per origin, and a
// backtest's default path is computed once for its artifact, metrics and direction calibration: both must
// give the values the sort and the separate computations gave, to the last bit.
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296;
}

describe("kthSmallest", () => {
  it("equals the sorted array's value at every rank, with ties, sorted and reversed input", () => {
    const u = lcg(7);
    const cases: Float64Array[] = [
      Float64Array.from({ length: 501 }, () => u()),
      Float64Array.from({ length: 300 }, () => Math.floor(u() * 5)), // many ties
      Float64Array.from({ length: 200 }, (_v, i) => i / 7), // sorted
      Float64Array.from({ length: 200 }, (_v, i) => 100 - i), // reversed
      Float64Array.of(3),
      Float64Array.of(2, 1),
    ];
    for (const xs of cases) {
      const sorted = Float64Array.from(xs).sort();
      for (let k = 1; k <= xs.length; k++) expect(kthSmallest(Float64Array.from(xs), k)).toBe(sorted[k - 1]);
    }
  });

  it("orders NaN after every number, as a typed-array sort does", () => {
    expect(kthSmallest(Float64Array.of(2, Number.NaN, 1), 2)).toBe(2);
    expect(kthSmallest(Float64Array.of(2, Number.NaN, 1), 3)).toBeNaN();
  });

  it("rejects a rank outside the array", () => {
    expect(() => kthSmallest(Float64Array.of(1, 2), 0)).toThrow(RangeError);
    expect(() => kthSmallest(Float64Array.of(1, 2), 3)).toThrow(RangeError);
  });
});

/** A path with a known shock reaction: the forecast sd over-reacts to the day's move. */
function path(n: number, seed: number, steps = 1) {
  const u = lcg(seed);
  const normal = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  const scale = new Float64Array(n);
  const actual = new Float64Array(n);
  let z = 0;
  for (let i = 0; i < n; i++) {
    scale[i] = 0.015 * (1 + z * z) ** 0.3;
    z = normal();
    actual[i] = 0.015 * z * Math.sqrt(steps);
  }
  return { origin: Float64Array.from({ length: n }, (_v, i) => i), steps, forecast: new Float64Array(n), actual, scale };
}

/** The quantile as the engine computed it before selection: a full sort of the set. */
function sortedQuantile(scores: Float64Array, level: number) {
  const s = Float64Array.from(scores).sort();
  const k = Math.min(s.length, Math.max(1, Math.ceil((s.length + 1) * level)));
  return s[k - 1];
}

describe("intervalPath by selection", () => {
  it("gives the half-widths a sort per origin gives (plain mode, recomputed here by sorting)", () => {
    const p = path(900, 3);
    const got = intervalPath(p, { regime: "none", window: 500 });
    for (const i of [60, 61, 400, 899]) {
      const lo = Math.max(0, i - 500);
      const scores = Float64Array.from({ length: i - lo }, (_v, k) => Math.abs(p.actual[lo + k]) / p.scale[lo + k]);
      expect(got.half["95"][i]).toBe(sortedQuantile(scores, 0.95) * p.scale[i]);
      expect(got.half["80"][i]).toBe(sortedQuantile(scores, 0.8) * p.scale[i]);
    }
  });

  it("shock-slope: each origin's half-width is its corrected scores' sorted quantile times the origin's multiplier", () => {
    const p = path(900, 5);
    const absErr = Float64Array.from(p.actual, Math.abs);
    const x = lastShockState({ ...p, absErr }).x;
    const got = intervalPath(p, { regime: "shock-slope", window: 500 });
    expect(got.shockSlope).toBeLessThan(0); // the simulated over-reaction is found
    let corrected = 0;
    for (const i of [61, 100, 500, 750, 899]) {
      // One-day steps: origins before i are known at i. The calibration as shock-reaction.ts documents it, by sorting.
      const lo = Math.max(0, i - 500);
      const y = Float64Array.from(absErr, (e, j) => (e > 0 ? Math.log(e / p.scale[j]) : Number.NaN));
      const b = shrunkSlope(slopeWithError(x, y, lo, i), 1);
      const factor = (v: number) => (Number.isFinite(v) ? Math.exp(b * v) : 1);
      const scores = Float64Array.from({ length: i - lo }, (_v, k) => absErr[lo + k] / (p.scale[lo + k] * factor(x[lo + k])));
      if (b !== 0) corrected++;
      for (const [k, level] of [["80", 0.8], ["95", 0.95], ["99", 0.99]] as const) expect(got.half[k][i]).toBe(sortedQuantile(scores, level) * (p.scale[i] * factor(x[i])));
    }
    expect(corrected).toBeGreaterThan(0); // the check ran on origins with a non-zero slope
  });

  it("every regime mode gives identical paths on repeated calls and the default path is shared, not recomputed", () => {
    const p = path(800, 9) as unknown as HorizonBacktest;
    for (const regime of ["none", "shock-slope", "elasticity", "mondrian", "relative-slope", "relative-mondrian"] as RegimeMode[]) {
      const a = intervalPath(p, { regime });
      const b = intervalPath(p, { regime });
      for (const k of LEVEL_KEYS) expect(Array.from(a.half[k])).toEqual(Array.from(b.half[k]));
    }
    const once = defaultIntervalPath(p);
    expect(defaultIntervalPath(p)).toBe(once);
    const fresh = intervalPath(p);
    for (const k of LEVEL_KEYS) expect(Array.from(once.half[k])).toEqual(Array.from(fresh.half[k]));
    expect(once.final).toEqual(fresh.final);
  });
});

describe("metrics and direction calibration read the default path", () => {
  it("scoreIntervals with no options scores the same intervals as the path computed apart", () => {
    const raw = path(800, 11);
    const b = { ...raw, horizon: "1d", evalStart: 300, refScale: raw.scale, fellBack: new Uint8Array(800) } as unknown as HorizonBacktest;
    const scored = scoreIntervals(b);
    const apart = intervalPath({ ...raw });
    let m = 0;
    for (let i = 300; i < 800; i++) {
      if (Number.isNaN(apart.half["95"][i])) continue;
      const miss = Math.abs(raw.actual[i]) > apart.half["95"][i] ? 1 : 0;
      expect(scored.miss["95"][m++]).toBe(miss);
    }
    expect(m).toBe(scored.miss["95"].length);
    expect(walkForwardProbabilities(b).stated.length).toBeGreaterThan(0);
  });
});
