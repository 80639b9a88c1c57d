// Volatility-scaled split conformal intervals. Out-of-sample residuals of h-step log returns are divided by
// the volatility known at their origin (EWMA daily vol x sqrt(h)); the interval at a new origin is the
// forecast +- quantile(|scaled residual|) x current vol x sqrt(h), mapped to prices through exp().
// Coverage is always measured on origins whose calibration set lies strictly in their past.
import type { HorizonBacktest } from "./backtest";
import type { PriceSeries } from "./types";

export const LEVELS = [0.8, 0.95, 0.99] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_KEYS = ["80", "95", "99"] as const;
export type LevelKey = (typeof LEVEL_KEYS)[number];

export const INTERVAL_DEFAULTS = {
  /** RiskMetrics decay: reacts to volatility clusters within weeks. */
  lambda: 0.94,
  /** Most recent scored residuals forming a calibration set (~1 year). */
  window: 250,
  /** Fewer known residuals than this and no interval is scored. */
  minCalibration: 60,
} as const;

const VOL_FLOOR = 1e-4;

/** EWMA volatility of daily close log returns; vol[i] uses returns up to bar i only. */
export function ewmaVol(series: PriceSeries, lambda: number = INTERVAL_DEFAULTS.lambda): Float64Array {
  const c = series.close;
  const n = c.length;
  const out = new Float64Array(n);
  let v = 0;
  let sum = 0;
  for (let i = 1; i < n; i++) {
    const r = Math.log(c[i] / c[i - 1]);
    // Expanding mean for the first 20 returns, so the start never depends on later bars.
    if (i <= 20) {
      sum += r * r;
      v = sum / i;
    } else {
      v = lambda * v + (1 - lambda) * r * r;
    }
    out[i] = Math.max(Math.sqrt(v), VOL_FLOOR);
  }
  if (n > 0) out[0] = n > 1 ? out[1] : VOL_FLOOR;
  return out;
}

export function scaledScores(b: HorizonBacktest): Float64Array {
  const s = Math.sqrt(b.steps);
  return b.actual.map((a, i) => Math.abs(a - b.forecast[i]) / (b.vol[i] * s));
}

/** Split-conformal quantile: the ceil((n+1)·level)-th smallest score (the largest when that exceeds n). */
export function conformalQuantile(scores: ArrayLike<number>, level: number): number {
  const sorted = Float64Array.from(scores).sort();
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const k = Math.min(n, Math.ceil((n + 1) * level));
  return sorted[k - 1];
}

export interface Calibration {
  method: "vol-scaled-split-conformal";
  lambda: number;
  window: number;
  /** Residuals in the calibration set. */
  n: number;
  /** |residual| / (vol·sqrt(h)) quantile per level. */
  quantiles: Record<LevelKey, number>;
}

/** Quantiles from the most recent `window` known residuals: what the artifact ships with. */
export function calibrate(b: HorizonBacktest, window: number = INTERVAL_DEFAULTS.window): Calibration {
  const scores = scaledScores(b);
  const cal = scores.subarray(Math.max(0, scores.length - window));
  const quantiles = {} as Record<LevelKey, number>;
  LEVELS.forEach((lv, i) => (quantiles[LEVEL_KEYS[i]] = conformalQuantile(cal, lv)));
  return { method: "vol-scaled-split-conformal", lambda: INTERVAL_DEFAULTS.lambda, window, n: cal.length, quantiles };
}

export interface Interval {
  lower: number;
  upper: number;
}

export function priceInterval(o: { price0: number; logReturn: number; vol: number; steps: number; q: number }): Interval {
  const half = o.q * o.vol * Math.sqrt(o.steps);
  return { lower: o.price0 * Math.exp(o.logReturn - half), upper: o.price0 * Math.exp(o.logReturn + half) };
}

export interface LevelCoverage {
  level: number;
  n: number;
  hits: number;
  coverage: number;
  /** Mean interval width as a fraction of the origin price. */
  meanWidth: number;
  /** 1 where the outcome fell outside the interval, per scored origin (input to the Kupiec test). */
  misses: Uint8Array;
}

/**
 * Rolling out-of-sample coverage over the scored origins: each origin's quantile comes from the last
 * `window` residuals whose outcome was already known at that origin (origin + h <= current origin).
 */
export function rollingCoverage(
  b: HorizonBacktest,
  opts: { window?: number; minCalibration?: number } = {},
): Record<LevelKey, LevelCoverage> {
  const window = opts.window ?? INTERVAL_DEFAULTS.window;
  const minCal = opts.minCalibration ?? INTERVAL_DEFAULTS.minCalibration;
  const scores = scaledScores(b);
  const acc = LEVELS.map((level) => ({ level, n: 0, hits: 0, width: 0, misses: [] as number[] }));
  let known = 0; // entries [0, known) have outcomes known at the current origin
  for (let i = b.evalStart; i < b.origin.length; i++) {
    while (known < i && b.origin[known] + b.steps <= b.origin[i]) known++;
    if (known < minCal) continue;
    const cal = scores.subarray(Math.max(0, known - window), known);
    const sorted = Float64Array.from(cal).sort();
    const m = sorted.length;
    const s = b.vol[i] * Math.sqrt(b.steps);
    const err = Math.abs(b.actual[i] - b.forecast[i]);
    for (const a of acc) {
      const q = sorted[Math.min(m, Math.ceil((m + 1) * a.level)) - 1];
      const half = q * s;
      const inside = err <= half;
      a.n++;
      if (inside) a.hits++;
      a.misses.push(inside ? 0 : 1);
      a.width += Math.exp(b.forecast[i] + half) - Math.exp(b.forecast[i] - half);
    }
  }
  const out = {} as Record<LevelKey, LevelCoverage>;
  acc.forEach((a, i) => {
    out[LEVEL_KEYS[i]] = {
      level: a.level,
      n: a.n,
      hits: a.hits,
      coverage: a.n ? a.hits / a.n : Number.NaN,
      meanWidth: a.n ? a.width / a.n : Number.NaN,
      misses: Uint8Array.from(a.misses),
    };
  });
  return out;
}
