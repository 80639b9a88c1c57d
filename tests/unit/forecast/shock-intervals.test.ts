import { describe, expect, it } from "vitest";
import { intervalPath, type RegimeMode } from "@/server/forecast/intervals";
import { christoffersen } from "@/server/forecast/scores";
import { dayShockState, lastShockState, shockStateOf, shrunkSlope, slopeWithError } from "@/server/forecast/shock-reaction";

// The shock-slope mode (issue 21, the 1-day Christoffersen failure): a volatility forecast that over-reacts
// to the last day's move makes misses anti-cluster (after a miss the next interval is too wide). The mode
// estimates that reaction from the calibration scores and removes it; where the forecast does not over-react
// it stays at plain scaling.
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296;
}
/** One-day returns with a persistent true sd; the forecast sd is the true one x (1 + z_prev^2)^react, z_prev yesterday's true standardized move. */
function simulate(n: number, react: number, seed: number) {
  const u = lcg(seed);
  const normal = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  // Student-t(5)-like tails (scaled to unit variance), so big moves happen as in daily returns.
  const t5 = () => normal() / Math.sqrt([0, 0, 0, 0, 0].reduce((s) => s + normal() ** 2, 0) / 5) / Math.sqrt(5 / 3);
  const scale = new Float64Array(n);
  const actual = new Float64Array(n);
  let logv = Math.log(0.015);
  let zPrev = 0;
  for (let i = 0; i < n; i++) {
    logv = Math.log(0.015) + 0.98 * (logv - Math.log(0.015)) + 0.1 * normal();
    const trueSd = Math.exp(logv);
    scale[i] = trueSd * (1 + zPrev * zPrev) ** react;
    zPrev = t5();
    actual[i] = trueSd * zPrev;
  }
  return { origin: Float64Array.from({ length: n }, (_x, i) => i), steps: 1, forecast: new Float64Array(n), actual, scale };
}
const FROM = 600;
function misses(p: ReturnType<typeof simulate>, regime: RegimeMode) {
  const path = intervalPath(p, { regime, window: 500 });
  const m: number[] = [];
  const half: number[] = [];
  for (let i = FROM; i < p.actual.length; i++) {
    m.push(Math.abs(p.actual[i]) > path.half["95"][i] ? 1 : 0);
    half.push(path.half["95"][i]);
  }
  const pairs = [0, 0, 0, 0];
  for (let t = 1; t < m.length; t++) pairs[2 * m[t - 1] + m[t]]++;
  return { coverage: 1 - m.reduce((s, x) => s + x, 0) / m.length, afterMiss: pairs[3] / (pairs[2] + pairs[3]), p: christoffersen(m).pValue, half, final: path.final["95"].q };
}

describe("shock-slope intervals: the reaction to the last known standardized move", () => {
  it("the state is ln(1 + z^2) of the last origin whose outcome is known there, nothing later", () => {
    const s = lastShockState({ origin: [0, 1, 2, 3], steps: 2, absErr: [1, 2, 3, 4], scale: [1, 1, 1, 1] });
    // Origin 2 knows origin 0's outcome (0 + 2 <= 2), origin 3 knows origin 1's; serving (after the last bar) knows all.
    expect(Array.from(s.x).map((x) => (Number.isNaN(x) ? null : x))).toEqual([null, null, Math.log(2), Math.log(5)]);
    expect(s.serving).toBeCloseTo(Math.log(17), 12);
  });

  it("the plan's state is the day's move over the 1-day sd of the bar before; a longer path without it is not corrected", () => {
    const close = [100, 110, 99, 99];
    const sd1 = [0.1, 0.05, Number.NaN, 0.02];
    const x = dayShockState(close, sd1);
    expect(Number.isNaN(x[0])).toBe(true);
    expect(x[1]).toBeCloseTo(Math.log1p((Math.log(1.1) / 0.1) ** 2), 12);
    expect(x[2]).toBeCloseTo(Math.log1p((Math.log(0.9) / 0.05) ** 2), 12);
    expect(Number.isNaN(x[3])).toBe(true); // the sd of the bar before is unknown
    const p = { origin: [0, 1, 2], steps: 2, scale: [1, 1, 1] };
    expect(Array.from(shockStateOf({ ...p, shock: [1, 2, 3], shockServing: 4 }, [1, 1, 1]).x)).toEqual([1, 2, 3]);
    expect(shockStateOf(p, [1, 1, 1]).x.every(Number.isNaN)).toBe(true);
    // A one-day path without a carried state reads its own last known score.
    expect(shockStateOf({ ...p, steps: 1 }, [3, 1, 1]).x[1]).toBeCloseTo(Math.log(10), 12);
  });

  it("the slope is OLS with its standard error, shrunk to 0 when it is within its noise", () => {
    const x = [0, 1, 2, 3, 4];
    const fit = slopeWithError(x, [1, 3, 5, 7, 9], 0, 5)!;
    expect(fit.b).toBeCloseTo(2, 12);
    expect(fit.se).toBeCloseTo(0, 12);
    expect(shrunkSlope(fit, 1)).toBeCloseTo(2, 12);
    // b = 1, se = 1: shrunk to 0; b = 2, se = 1 at h = 1: 2 x (1 - 1/4) = 1.5, at h = 2 (se x sqrt 2): 2 x (1 - 2/4) = 1.
    expect(shrunkSlope({ b: 1, se: 1 }, 1)).toBe(0);
    expect(shrunkSlope({ b: 2, se: 1 }, 1)).toBeCloseTo(1.5, 12);
    expect(shrunkSlope({ b: 2, se: 1 }, 2)).toBeCloseTo(1, 12);
  });

  it("removes the anti-clustering of misses of an over-reacting forecast", () => {
    const p = simulate(12_000, 0.3, 3);
    const plain = misses(p, "none");
    const shock = misses(p, "shock-slope");
    // Plain scaling: after a miss the next day almost never misses, and the independence test rejects.
    expect(plain.afterMiss).toBeLessThan(0.025);
    expect(plain.p).toBeLessThan(0.001);
    // The mode: the miss rate after a miss is back near 5%, the test no longer rejects, coverage holds.
    expect(shock.afterMiss).toBeGreaterThan(0.035);
    expect(shock.p).toBeGreaterThan(0.05);
    expect(Math.abs(shock.coverage - 0.95)).toBeLessThan(0.006);
    // Served after a large last move the quantile is narrower than plain's (the correction is folded into it).
    const big = { ...p, actual: p.actual.map((a, i) => (i === p.actual.length - 1 ? 5 * p.scale[i] : a)) };
    expect(intervalPath(big, { regime: "shock-slope", window: 500 }).final["95"].q).toBeLessThan(0.9 * intervalPath(big, { regime: "none", window: 500 }).final["95"].q);
  });

  it("stays at plain scaling where the forecast does not over-react", () => {
    const p = simulate(12_000, 0, 5);
    const plain = misses(p, "none");
    const shock = misses(p, "shock-slope");
    const rel = shock.half.map((h, i) => Math.abs(h / plain.half[i] - 1));
    // The shrunk slope is noise here: the widths move 1.0% from plain on average (seed 5), the coverage not at all.
    expect(rel.reduce((s, x) => s + x, 0) / rel.length).toBeLessThan(0.0125);
    expect(Math.abs(shock.coverage - plain.coverage)).toBeLessThan(0.003);
  });

  it("never reads an outcome not yet known: a changed future leaves earlier widths as they were", () => {
    const p = simulate(3_000, 0.3, 9);
    const cut = 2_000;
    const changed = { ...p, actual: p.actual.map((a, i) => (i >= cut ? a * (2 + Math.sin(i)) : a)) };
    const a = intervalPath(p, { regime: "shock-slope", window: 500 });
    const b = intervalPath(changed, { regime: "shock-slope", window: 500 });
    // Origin i's width reads outcomes of origins before i only (steps 1), so every origin up to the cut agrees.
    expect(Array.from(b.half["95"].subarray(0, cut + 1))).toEqual(Array.from(a.half["95"].subarray(0, cut + 1)));
    expect(b.half["95"][cut + 5]).not.toBe(a.half["95"][cut + 5]);
  });
});
