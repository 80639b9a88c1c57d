import { describe, expect, it } from "vitest";
import { summarizeIntervals, type ScoredIntervals } from "@/server/forecast/interval-scores";
import { directionAccuracy, neweyWestVariance, pooledDieboldMariano } from "@/server/forecast/metrics";
import { baselZone, christoffersen, crpsFromQuantiles, nonOverlapping, pinball, terciles, winklerScore } from "@/server/forecast/scores";
import { chiSquareSf, studentTTwoSided } from "@/server/forecast/stats";

describe("interval and quantile scores", () => {
  it("Winkler score is the width plus 2/alpha times the miss distance", () => {
    expect(winklerScore({ lower: 90, upper: 110, y: 100, alpha: 0.05 })).toBe(20);
    expect(winklerScore({ lower: 90, upper: 110, y: 115, alpha: 0.05 })).toBeCloseTo(20 + 40 * 5, 12);
    expect(winklerScore({ lower: 90, upper: 110, y: 88, alpha: 0.2 })).toBeCloseTo(20 + 10 * 2, 12);
  });

  it("CRPS from quantiles is twice the weighted pinball loss", () => {
    expect(pinball({ q: 10, y: 12, tau: 0.9 })).toBeCloseTo(0.9 * 2, 12);
    expect(pinball({ q: 10, y: 8, tau: 0.9 })).toBeCloseTo(0.1 * 2, 12);
    // Levels 0.25, 0.5, 0.75 get weights 0.375, 0.25, 0.375.
    const levels = [0.25, 0.5, 0.75];
    const quantiles = [-1, 0, 1];
    const y = 0.5;
    // Pinball losses 0.25 x 1.5, 0.5 x 0.5, 0.25 x 0.5.
    const hand = 2 * (0.375 * 0.375 + 0.25 * 0.25 + 0.375 * 0.125);
    expect(crpsFromQuantiles({ levels, quantiles, y })).toBeCloseTo(hand, 12);
  });

  it("Christoffersen's independence test from the transition counts", () => {
    const misses = [0, 0, 1, 1, 0, 0, 0, 1, 0, 0];
    const r = christoffersen(misses);
    expect(r.counts).toEqual([4, 2, 2, 1]);
    const pi01 = 2 / 6;
    const pi11 = 1 / 3;
    const pi = 3 / 9;
    const l0 = 6 * Math.log(1 - pi) + 3 * Math.log(pi);
    const l1 = 4 * Math.log(1 - pi01) + 2 * Math.log(pi01) + 2 * Math.log(1 - pi11) + Math.log(pi11);
    expect(r.lr).toBeCloseTo(Math.max(0, -2 * (l0 - l1)), 12);
    expect(r.pValue).toBeCloseTo(chiSquareSf(r.lr, 1), 12);
    // Clustered misses are rejected; none at all cannot be tested.
    expect(christoffersen([...Array(100).fill(0), 1, 1, 1, 1, 1, ...Array(100).fill(0)]).pValue).toBeLessThan(0.001);
    expect(christoffersen(Array(50).fill(0)).pValue).toBeNaN();
  });

  it("Basel traffic light over the last 250 days, terciles and non-overlapping subsamples", () => {
    const base = Array(300).fill(0);
    const withMisses = (k: number) => base.map((_v, i) => (i >= 50 && i < 50 + k ? 1 : 0));
    expect(baselZone(withMisses(4)).zone).toBe("green");
    expect(baselZone(withMisses(5)).zone).toBe("yellow");
    expect(baselZone(withMisses(10))).toEqual({ zone: "red", exceptions: 10, n: 250 });
    // Misses before the last 250 days do not count.
    expect(baselZone(base.map((_v, i) => (i < 50 ? 1 : 0))).exceptions).toBe(0);
    expect(Array.from(terciles([5, 1, 9, 3, 7, 2]))).toEqual([1, 0, 2, 1, 2, 0]);
    expect(nonOverlapping([1, 2, 3, 4, 5, 6, 7], 5)).toEqual([1, 6]);
  });

  it("pools per-origin scores over symbols", () => {
    const one = (miss: number[], tercile: number[], miss80: number[]): ScoredIntervals => ({
      steps: 1,
      winkler: { "80": miss.map(() => 1), "95": miss.map((m) => (m ? 10 : 2)), "99": miss.map(() => 3) },
      width: { "80": miss.map(() => 1), "95": miss.map(() => 2), "99": miss.map(() => 3) },
      miss: { "80": miss80, "95": miss, "99": miss.map(() => 0) },
      crps: miss.map(() => 0.5),
      tercile,
      origin: miss.map((_m, i) => i),
    });
    const s = summarizeIntervals([one([0, 1, 0], [0, 1, 2], [1, 1, 0]), one([0, 0, 1], [2, 1, 0], [1, 0, 1])]);
    expect(s.n).toBe(6);
    expect(s.coverage["95"]).toBeCloseTo(4 / 6, 12);
    expect(s.winkler["95"]).toBeCloseTo((2 + 10 + 2 + 2 + 2 + 10) / 6, 12);
    expect(s.coverage95ByVolTercile).toEqual([0.5, 0.5, 1]);
    // 80% misses: tercile 0 holds (1, 1) -> 0, tercile 1 (1, 0) -> 0.5, tercile 2 (0, 1) -> 0.5.
    expect(s.coverage80ByVolTercile).toEqual([0, 0.5, 0.5]);
    expect(s.coverage["80"]).toBeCloseTo(2 / 6, 12);
    expect(s.coverage["99"]).toBe(1);
    expect(s.width95).toBe(2);
  });
});

describe("honest point metrics", () => {
  it("score every origin, count abstentions as misses and test against always-up (McNemar)", () => {
    const actual = [0.01, -0.02, 0.03, 0, 0.01, -0.01, 0.02, 0.01];
    const forecast = [0.001, -0.001, -0.002, 0.001, 0, 0.003, 0.001, 0.002];
    const d = directionAccuracy(actual, forecast);
    // Moves at 0,1,2,4,5,6,7; calls at all but 4; right at 0,1,6,7; up at 0,2,4,6,7.
    expect(d).toMatchObject({ n: 7, calls: 6, correct: 4, b: 1, c: 2 });
    expect(d.callRate).toBeCloseTo(6 / 7, 12);
    expect(d.accuracy).toBeCloseTo(4 / 7, 12);
    expect(d.baseline).toBeCloseTo(5 / 7, 12);
    // P(X >= 1 | 3, 1/2) = 7/8.
    expect(d.pValue).toBeCloseTo(7 / 8, 12);
  });

  it("Newey-West variance with Bartlett weights", () => {
    const x = [1, 3, 2, 5, 4];
    const m = 3;
    const g = (k: number) => x.slice(k).reduce((s, v, i) => s + (v - m) * (x[i] - m), 0) / 5;
    expect(neweyWestVariance(x, 0)).toBeCloseTo(g(0), 12);
    expect(neweyWestVariance(x, 2)).toBeCloseTo(g(0) + 2 * (2 / 3) * g(1) + 2 * (1 / 3) * g(2), 12);
  });

  it("pooled Diebold-Mariano averages the loss differentials of each date over symbols", () => {
    const rows = [
      { date: "2024-01-02", d: 1 },
      { date: "2024-01-02", d: 3 },
      { date: "2024-01-03", d: -1 },
      { date: "2024-01-04", d: 0.5 },
      { date: "2024-01-04", d: 1.5 },
      { date: "2024-01-05", d: 2 },
    ];
    const r = pooledDieboldMariano({ rows, h: 1 });
    // Date means 2, -1, 1, 2 (mean 1); Newey-West with 1 lag: gamma0 = 1.5, gamma1 = -0.5, v = 1.5 - 0.5.
    expect(r.n).toBe(4);
    expect(r.meanDiff).toBeCloseTo(1, 12);
    expect(r.stat).toBeCloseTo(1 / Math.sqrt(1 / 4), 12);
    expect(r.pValue).toBeCloseTo(studentTTwoSided(r.stat, 3), 12);
  });
});

describe("a model that never calls a direction", () => {
  it("has no accuracy, a call rate of 0 and the always-up baseline", () => {
    const d = directionAccuracy([0.01, -0.02, 0.03], [0, 0, 0]);
    expect(d).toMatchObject({ n: 3, calls: 0, callRate: 0, accuracy: null, pValue: null });
    expect(d.baseline).toBeCloseTo(2 / 3, 12);
  });
});
