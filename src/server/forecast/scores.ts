// Proper scores and calibration tests of interval and quantile forecasts: Winkler (interval) score, CRPS
// from quantiles, coverage by volatility tercile, Christoffersen's independence test and the Basel
// traffic light. Plain functions over plain arrays: a stored per-origin backtest can be re-scored.
import { chiSquareSf } from "./stats";

/** Winkler (1972) interval score: width plus 2/alpha times the distance by which y falls outside. */
export function winklerScore({ lower, upper, y, alpha }: { lower: number; upper: number; y: number; alpha: number }): number {
  return upper - lower + (2 / alpha) * Math.max(0, lower - y) + (2 / alpha) * Math.max(0, y - upper);
}

/** Pinball (quantile) loss of quantile q at level tau. */
export function pinball({ q, y, tau }: { q: number; y: number; tau: number }): number {
  return ((y < q ? 1 : 0) - tau) * (q - y);
}

/**
 * CRPS approximated from quantiles: CRPS = 2 ∫ pinball_tau d tau over [0, 1], each level standing for the
 * stretch between the midpoints to its neighbours (the outer ones reaching 0 and 1), so the weights sum to 1.
 */
export function crpsFromQuantiles({ levels, quantiles, y }: { levels: readonly number[]; quantiles: readonly number[]; y: number }): number {
  let s = 0;
  const K = levels.length;
  for (let k = 0; k < K; k++) {
    const lo = k === 0 ? 0 : (levels[k - 1] + levels[k]) / 2;
    const hi = k === K - 1 ? 1 : (levels[k] + levels[k + 1]) / 2;
    s += (hi - lo) * pinball({ q: quantiles[k], y, tau: levels[k] });
  }
  return 2 * s;
}

/** Tercile (0 low, 1 mid, 2 high) of each value among the given values (ties share the lower tercile). */
export function terciles(values: ArrayLike<number>): Uint8Array {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const t1 = sorted[Math.floor(n / 3)];
  const t2 = sorted[Math.floor((2 * n) / 3)];
  return Uint8Array.from(values, (v) => (v < t1 ? 0 : v < t2 ? 1 : 2));
}

export interface ChristoffersenResult {
  lr: number;
  pValue: number;
  /** Transition counts n_ij: state i (0 hit, 1 miss) followed by state j. */
  counts: [number, number, number, number];
}

/**
 * Christoffersen (1998) independence test: a first-order Markov chain of misses against independent misses
 * (likelihood ratio, chi-square with 1 df). NaN when no miss, or no hit, occurred.
 */
export function christoffersen(misses: ArrayLike<number>): ChristoffersenResult {
  let n00 = 0;
  let n01 = 0;
  let n10 = 0;
  let n11 = 0;
  for (let i = 1; i < misses.length; i++) {
    const a = misses[i - 1];
    const b = misses[i];
    if (a === 0 && b === 0) n00++;
    else if (a === 0) n01++;
    else if (b === 0) n10++;
    else n11++;
  }
  const counts: ChristoffersenResult["counts"] = [n00, n01, n10, n11];
  const xlogy = (x: number, y: number) => (x === 0 ? 0 : x * Math.log(y));
  const pi01 = n01 / (n00 + n01 || 1);
  const pi11 = n11 / (n10 + n11 || 1);
  const pi = (n01 + n11) / (n00 + n01 + n10 + n11 || 1);
  if (pi === 0 || pi === 1) return { lr: Number.NaN, pValue: Number.NaN, counts };
  const l0 = xlogy(n00 + n10, 1 - pi) + xlogy(n01 + n11, pi);
  const l1 = xlogy(n00, 1 - pi01) + xlogy(n01, pi01) + xlogy(n10, 1 - pi11) + xlogy(n11, pi11);
  const lr = Math.max(0, -2 * (l0 - l1));
  return { lr, pValue: chiSquareSf(lr, 1), counts };
}

/** Every h-th entry: h-day outcomes of consecutive origins overlap, so the tests use non-overlapping ones. */
export function nonOverlapping<T extends ArrayLike<number>>(x: T, h: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < x.length; i += Math.max(1, h)) out.push(x[i]);
  return out;
}

export type BaselZone = "green" | "yellow" | "red";

/**
 * Basel (1996) traffic light of a 99% interval over the last 250 one-day outcomes: green up to 4 misses,
 * yellow 5-9, red from 10. With fewer than 250 outcomes the thresholds scale with the count.
 */
export function baselZone(misses: ArrayLike<number>): { zone: BaselZone; exceptions: number; n: number } {
  const from = Math.max(0, misses.length - 250);
  let x = 0;
  for (let i = from; i < misses.length; i++) x += misses[i];
  const n = misses.length - from;
  const f = n / 250;
  const zone: BaselZone = x >= 10 * f ? "red" : x >= 5 * f ? "yellow" : "green";
  return { zone, exceptions: x, n };
}

export interface KupiecResult {
  n: number;
  misses: number;
  expectedRate: number;
  lr: number;
  pValue: number;
}

/** Kupiec proportion-of-failures likelihood ratio test against a miss rate of 1 - level (chi-square, 1 df). */
export function kupiec(o: { n: number; misses: number; level: number }): KupiecResult {
  const p = 1 - o.level;
  const { n, misses: x } = o;
  const xlogy = (a: number, b: number) => (a === 0 ? 0 : a * Math.log(b));
  const ll0 = xlogy(n - x, 1 - p) + xlogy(x, p);
  const ll1 = n > 0 ? xlogy(n - x, 1 - x / n) + xlogy(x, x / n) : 0;
  const lr = Math.max(0, -2 * (ll0 - ll1));
  return { n, misses: x, expectedRate: p, lr, pValue: n > 0 ? chiSquareSf(lr, 1) : Number.NaN };
}
