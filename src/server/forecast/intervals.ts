// Conformal intervals on volatility-standardized out-of-sample residuals, with adaptive conformal inference
// (Gibbs & Candès 2021). The score of an origin is |actual - forecast| / sd, sd the volatility model's
// forecast sd of the h-step log return at that origin; the interval at a new origin is
// forecast +- quantile(scores) x sd, mapped to prices through exp(). Each level's miss rate steers its own
// quantile level (alpha_t+1 = alpha_t + gamma (alpha - miss_t)), using only misses already known, so
// coverage holds when the residual distribution drifts.
import type { HorizonBacktest } from "./backtest-records";
import { regimeCalibration, relativeLevel, type RegimeMode } from "./regime";
import { kthSmallest } from "./math/select";
import { logScores, shockCalibration, shockStateOf } from "./shock-reaction";
import type { PriceSeries } from "./types";

export const LEVELS = [0.8, 0.95, 0.99] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_KEYS = ["80", "95", "99"] as const;
export type LevelKey = (typeof LEVEL_KEYS)[number];
export const INTERVAL_DEFAULTS = {
  /** RiskMetrics decay of the reference EWMA volatility. */
  lambda: 0.94,
  /**
   * Most recent known scores forming a calibration set (~2 years). Chosen on the development window
   * (scored origins 2020-03..2022-03, before the reported window), naive forecast, log-HAR scale: 500
   * scores gave 95% Winkler scores 0.9158 / 0.9050 / 0.8692 of the reference at 1d / 2d / 1w, 250 gave
   * 0.9191 / 0.9084 / 0.8741 and every known score (up to 630) 0.9155 / 0.9045 / 0.8704; 500 keeps
   * rolling in a long-running deployment (docs/forecasting.md, "Development window").
   */
  window: 500,
  /** Fewer known scores than this and no interval is given. */
  minCalibration: 60,
  /**
   * ACI step per one-day outcome; an h-day horizon steps gamma/h per origin (h consecutive origins share
   * most of one outcome). 0 = plain rolling split conformal, the choice on the development window: with the
   * log-HAR scale and 500 scores, steps of 0 / 0.001 / 0.0025 / 0.005 gave 95% Winkler scores 0.9158 /
   * 0.9199 / 0.9201 / 0.9218 of the reference at 1d, with every volatility tercile's 95% coverage inside
   * 0.94-0.97 at every horizon even without adaptation (a good volatility scale leaves the standardized
   * scores stable). Pass a positive gamma to adapt (Gibbs & Candès use 0.005).
   */
  gamma: 0,
  /**
   * Regime calibration (IntervalOptions.regime): "shock-slope", the reaction to the day's standardized move
   * estimated per symbol from its calibration scores (shock-reaction.ts). Chosen on the development window
   * (`vol-dev-window.ts /tmp/dev-data --shock`): 95% Winkler / reference 0.91376 / 0.90159 / 0.86462 against
   * 0.91489 / 0.90162 / 0.86478 without it; the other modes scored worse than none there.
   */
  regime: "shock-slope" as RegimeMode,
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

/** Split-conformal quantile: the ceil((n+1)·level)-th smallest score (the largest when that exceeds n). */
export function conformalQuantile(scores: ArrayLike<number>, level: number): number {
  const sorted = Float64Array.from(scores).sort();
  return sortedQuantile(sorted, level);
}

function sortedQuantile(sorted: Float64Array, level: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  return sorted[conformalRank(n, level) - 1];
}

const conformalRank = (n: number, level: number) => Math.min(n, Math.max(1, Math.ceil((n + 1) * level)));

/**
 * The same quantiles from unsorted scores, by selection (reorders `scores`); the values a full sort would give.
 * Ranks in ascending order: a selection leaves every larger score after its rank, so each next rank is picked
 * among those only (the 95% and 99% ranks of 500 scores among the top 100 after the 80% one).
 */
function selectedQuantiles(scores: Float64Array, levels: readonly number[]): number[] {
  const n = scores.length;
  if (n === 0) return levels.map(() => Number.NaN);
  const ranks = levels.map((level) => conformalRank(n, level));
  const order = ranks.map((_r, j) => j).sort((a, b) => ranks[a] - ranks[b]);
  const out = new Array<number>(levels.length);
  let from = 0;
  for (const j of order) {
    out[j] = kthSmallest(scores.subarray(from), ranks[j] - from);
    from = ranks[j] - 1;
  }
  return out;
}

/** What the conformal path needs from a backtest: one entry per origin, oldest first. */
export interface ResidualPath {
  origin: ArrayLike<number>;
  steps: number;
  forecast: ArrayLike<number>;
  actual: ArrayLike<number>;
  /** Forecast sd of the h-step log return at each origin. */
  scale: ArrayLike<number>;
  /** The shock-slope mode's state per origin: ln(1 + z^2) of the day's move to the origin (shock-reaction.ts). */
  shock?: ArrayLike<number>;
  /** The same for the day's move to the last bar (serving's origin). */
  shockServing?: number;
}

export interface IntervalOptions {
  window?: number;
  minCalibration?: number;
  /** 0 turns adaptation off (plain rolling split conformal). */
  gamma?: number;
  /** Regime calibration (regime.ts): "none" (plain), "elasticity", "mondrian", "relative-mondrian", "relative-slope", "shock-slope". */
  regime?: RegimeMode;
  /** The relative modes' level per origin (log sd minus its trailing year's median); from `scale` when absent. */
  relative?: ArrayLike<number>;
  /** The shock-slope mode's state per origin and at serving (shock-reaction.ts); from the path's own scores when absent. */
  shock?: { x: ArrayLike<number>; serving: number };
}

export { BETA_MAX, BETA_MIN, elasticityOf, type RegimeMode } from "./regime";

export interface IntervalPath {
  /** Half-width in log-return units per level and origin; NaN where too few scores were known. */
  half: Record<LevelKey, Float64Array>;
  /** The adapted miss rate and the score quantile after the last origin's outcome: what serving uses. */
  final: Record<LevelKey, { alpha: number; q: number }>;
  /** Known scores in the final calibration set. */
  n: number;
  /** true when the miss rates were adapted (gamma > 0). */
  adaptive: boolean;
  /** The interval's sd exponent after the last outcome (1: plain volatility scaling). */
  beta: number;
  /** shock-slope: exp(b x) at serving's origin, folded into `final`'s quantiles (absent in the other modes). */
  shockFactor?: number;
  /** shock-slope: the shrunk slope b of the final calibration set, so serving on a later bar uses that bar's move. */
  shockSlope?: number;
}

export function standardizedScores(p: ResidualPath): Float64Array {
  return Float64Array.from(p.actual, (a, i) => Math.abs(a - p.forecast[i]) / p.scale[i]);
}

// The adapted miss rate stays in [alpha/4, 3 alpha]: an unbounded step could ask for a level above the
// largest calibration score (an infinite interval) after a run of misses.
const clampAlpha = (a: number, base: number) => Math.min(3 * base, Math.max(base / 4, a));

/**
 * Interval half-widths at every origin from scores whose outcome was known by then (origin + h <= now),
 * with the miss rate of each level adapted from the misses known by then.
 */
export function intervalPath(p: ResidualPath, opts: IntervalOptions = {}): IntervalPath {
  const window = opts.window ?? INTERVAL_DEFAULTS.window;
  const minCal = opts.minCalibration ?? INTERVAL_DEFAULTS.minCalibration;
  const gamma = (opts.gamma ?? INTERVAL_DEFAULTS.gamma) / Math.max(1, p.steps);
  const regime = opts.regime ?? INTERVAL_DEFAULTS.regime;
  const n = p.origin.length;
  const absErr = Float64Array.from(p.actual, (a, i) => Math.abs(a - p.forecast[i]));
  // Only the regime modes read log sds or relative levels: the plain path (every training's) computes none.
  const relModes = regime === "relative-mondrian" || regime === "relative-slope";
  const rel = relModes ? (opts.relative ? Float64Array.from(opts.relative) : relativeLevel(p.scale)) : new Float64Array(0);
  const shock = regime === "shock-slope" ? shockStateOf(p, absErr, opts.shock) : null;
  // ln(|e| / sd) per origin, once per path: the shock-slope fit of every calibration set reads it.
  const logScore = shock ? logScores(absErr, p.scale) : new Float64Array(0);
  const key = regime === "mondrian" ? Float64Array.from(p.scale, (x) => Math.log(x)) : rel;
  const half = {} as Record<LevelKey, Float64Array>;
  for (const k of LEVEL_KEYS) half[k] = new Float64Array(n).fill(Number.NaN);
  const alpha = LEVELS.map((lv) => 1 - lv);
  let known = 0;
  let fed = 0; // origins whose miss has already moved alpha
  const feed = (upTo: number) => {
    for (; fed < upTo; fed++) {
      LEVEL_KEYS.forEach((k, j) => {
        const h = half[k][fed];
        if (Number.isNaN(h)) return;
        const miss = absErr[fed] > h ? 1 : 0;
        alpha[j] = clampAlpha(alpha[j] + gamma * (1 - LEVELS[j] - miss), 1 - LEVELS[j]);
      });
    }
  };
  /**
   * The calibration set [lo, hi) seen from origin i (i = n: serving, at sd 1 and level 0): its scores and the
   * multiplier. The plain and shock-slope modes give the scores unsorted (`sorted` false): the three quantiles
   * an origin needs are picked by selection, the values a sort gives, at a fraction of a sort's cost.
   */
  const calibrate = (lo: number, hi: number, sd: number, i: number): { scores: Float64Array; sorted: boolean; beta: number; mult: number; slope?: number } => {
    if (shock) return { ...shockCalibration({ absErr, scale: p.scale, x: shock.x, logScore, steps: p.steps, lo, hi, sd, xAt: i < n ? shock.x[i] : shock.serving }), sorted: false, beta: 1 };
    if (regime !== "none" && regime !== "shock-slope") {
      const c = regimeCalibration({ regime, absErr, scale: p.scale, key, rel, lo, hi, sd, keyAt: i < n ? key[i] : 0, relAt: i < n ? rel[i] : 0 });
      return { ...c, scores: c.sorted, sorted: true };
    }
    // No exp(log(sd)) rounding in the plain path.
    const scores = new Float64Array(hi - lo);
    for (let j = lo; j < hi; j++) scores[j - lo] = absErr[j] / p.scale[j];
    return { scores, sorted: false, beta: 1, mult: sd };
  };
  const quantilesOf = (c: { scores: Float64Array; sorted: boolean }, levels: readonly number[]) => (c.sorted ? levels.map((level) => sortedQuantile(c.scores, level)) : selectedQuantiles(c.scores, levels));
  for (let i = 0; i < n; i++) {
    while (known < i && p.origin[known] + p.steps <= p.origin[i]) known++;
    feed(known);
    if (known < minCal) continue;
    const c = calibrate(Math.max(0, known - window), known, p.scale[i], i);
    const q = quantilesOf(c, alpha.map((a) => 1 - a));
    LEVEL_KEYS.forEach((k, j) => (half[k][i] = q[j] * c.mult));
  }
  feed(n);
  const lo = Math.max(0, n - window);
  // Serving's own origin is not known here: the elasticity and the plain quantile serve at any sd (at sd 1
  // every mode's multiplier is 1, except shock-slope's, which is exp(b x) of the last known move and is
  // folded into the served quantile).
  const last: { scores: Float64Array; sorted: boolean; beta: number; mult: number; slope?: number } = n > lo ? calibrate(lo, n, 1, n) : { scores: new Float64Array(0), sorted: true, beta: 1, mult: 1 };
  const final = {} as IntervalPath["final"];
  // A short history still ships a quantile from the scores it has, as before; its measured coverage says how far to trust it.
  const lastQ = quantilesOf(last, alpha.map((a) => 1 - a));
  LEVEL_KEYS.forEach((k, j) => (final[k] = { alpha: alpha[j], q: last.scores.length ? lastQ[j] * last.mult : Number.NaN }));
  return { half, final, n: n - lo, adaptive: gamma > 0, beta: regime === "elasticity" ? last.beta : 1, ...(shock ? { shockFactor: last.mult, shockSlope: last.slope ?? 0 } : {}) };
}

const defaultPaths = new WeakMap<object, IntervalPath>();

/**
 * A backtest horizon's intervals under the engine's defaults, computed once per backtest (not changed after it is
 * made): its artifact's calibration, metrics and direction calibration read this one path, not three.
 */
export function defaultIntervalPath(b: ResidualPath): IntervalPath {
  let path = defaultPaths.get(b);
  if (!path) {
    path = intervalPath(b);
    defaultPaths.set(b, path);
  }
  return path;
}

/** The path of a backtest under `opts`: the shared default path when `opts` change none of the defaults, else computed. */
export function backtestIntervalPath(b: ResidualPath, opts: IntervalOptions = {}): IntervalPath {
  const defaults: Record<string, unknown> = INTERVAL_DEFAULTS;
  const unchanged = Object.entries(opts).every(([k, v]) => v === undefined || v === defaults[k]);
  return unchanged ? defaultIntervalPath(b) : intervalPath(b, opts);
}

export interface Calibration {
  method: "conformal-aci" | "vol-scaled-split-conformal";
  /** The volatility model whose forecast sd scales the interval (older artifacts: the EWMA). */
  volModel?: string;
  /** Its fitted state, so serving forecasts the variance without refitting. */
  volState?: unknown;
  lambda: number;
  window: number;
  /** Scores in the calibration set. */
  n: number;
  /** |residual| / sd quantile per level. */
  quantiles: Record<LevelKey, number>;
  /** Adapted miss rate per level at the end of the backtest. */
  alpha?: Record<LevelKey, number>;
  /** The shock-slope correction exp(b x) of the last bar's move, already in `quantiles` (regime.ts). */
  shockFactor?: number;
  /** Its slope b: serving on a bar after the training window swaps the training bar's factor for that bar's (serve.ts). */
  shockSlope?: number;
}

/** The quantiles an artifact ships with: the conformal path's state after its last known outcome. */
export function calibrationOf(o: { path: IntervalPath; volModel: string; volState: unknown; window?: number }): Calibration {
  const quantiles = {} as Record<LevelKey, number>;
  const alpha = {} as Record<LevelKey, number>;
  for (const k of LEVEL_KEYS) {
    quantiles[k] = o.path.final[k].q;
    alpha[k] = o.path.final[k].alpha;
  }
  return { method: o.path.adaptive ? "conformal-aci" : "vol-scaled-split-conformal", volModel: o.volModel, volState: o.volState, lambda: INTERVAL_DEFAULTS.lambda, window: o.window ?? INTERVAL_DEFAULTS.window, n: o.path.n, quantiles, alpha, ...(o.path.shockFactor !== undefined ? { shockFactor: o.path.shockFactor, shockSlope: o.path.shockSlope ?? 0 } : {}) };
}

export interface Interval {
  lower: number;
  upper: number;
}

/** Price interval from a log-return forecast, its forecast sd and a score quantile. */
export function priceInterval(o: { price0: number; logReturn: number; sd: number; q: number }): Interval {
  const half = o.q * o.sd;
  return { lower: o.price0 * Math.exp(o.logReturn - half), upper: o.price0 * Math.exp(o.logReturn + half) };
}

/** Served quantile levels: the median and both ends of the 80/95/99% intervals. */
export const QUANTILE_LEVELS = [0.005, 0.025, 0.1, 0.5, 0.9, 0.975, 0.995] as const;
export const QUANTILE_KEYS = ["0.5", "2.5", "10", "50", "90", "97.5", "99.5"] as const;
export type QuantileKey = (typeof QUANTILE_KEYS)[number];

/** Quantiles of the log return (ascending) from the forecast and the three interval half-widths. */
export function quantilesOf(f: number, half: Record<LevelKey, number>): number[] {
  return [f - half["99"], f - half["95"], f - half["80"], f, f + half["80"], f + half["95"], f + half["99"]];
}
