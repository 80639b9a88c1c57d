// Accuracy metrics of walk-forward forecasts. Results are plain typed objects the API and UI show as-is.
import type { HorizonBacktest } from "./backtest";
import { baselOf, scoreIntervals, summarizeIntervals, type IntervalSummary } from "./interval-scores";
import { LEVEL_KEYS, LEVELS, type LevelKey } from "./intervals";
import { kupiec, type BaselZone } from "./scores";
import { binomialUpperTail, studentTTwoSided } from "./stats";
import type { HorizonKey } from "./types";
import type { VolModelName } from "./volatility/models";

export { kupiec, type KupiecResult } from "./scores";

const mean = (x: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return x.length ? s / x.length : Number.NaN;
};

export function mae(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += Math.abs(actual[i] - forecast[i]);
  return actual.length ? s / actual.length : Number.NaN;
}

export function rmse(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += (actual[i] - forecast[i]) ** 2;
  return actual.length ? Math.sqrt(s / actual.length) : Number.NaN;
}

/** Mean absolute percentage error, in percent. */
export function mape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += Math.abs((actual[i] - forecast[i]) / actual[i]);
  return actual.length ? (100 * s) / actual.length : Number.NaN;
}

export interface DirectionResult {
  /** Scored origins with a move (a zero move has no direction). */
  n: number;
  /** Origins where the model called a direction (a zero forecast abstains and counts as wrong). */
  calls: number;
  callRate: number | null;
  correct: number;
  accuracy: number | null;
  /** Accuracy of always calling "up" on the same origins: the baseline a direction call must beat. */
  baseline: number | null;
  /** Exact one-sided McNemar test that the model beats always-up: P(X >= b | b + c, 1/2) over discordant origins. */
  pValue: number | null;
  /** Discordant counts: model right and always-up wrong (b), the reverse (c). */
  b: number;
  c: number;
}

export function directionAccuracy(actualReturn: ArrayLike<number>, forecastReturn: ArrayLike<number>): DirectionResult {
  let n = 0;
  let calls = 0;
  let correct = 0;
  let ups = 0;
  let b = 0;
  let c = 0;
  for (let i = 0; i < actualReturn.length; i++) {
    const a = Math.sign(actualReturn[i]);
    const f = Math.sign(forecastReturn[i]);
    if (a === 0) continue;
    n++;
    if (f !== 0) calls++;
    const right = a === f;
    const upRight = a > 0;
    if (right) correct++;
    if (upRight) ups++;
    if (right && !upRight) b++;
    if (!right && upRight) c++;
  }
  if (n === 0) return { n, calls, callRate: null, correct, accuracy: null, baseline: null, pValue: null, b, c };
  // A model that never calls a direction (naive) has no direction accuracy, only a call rate of 0.
  if (calls === 0) return { n, calls, callRate: 0, correct, accuracy: null, baseline: ups / n, pValue: null, b, c };
  return { n, calls, callRate: calls / n, correct, accuracy: correct / n, baseline: ups / n, pValue: binomialUpperTail(b, b + c, 0.5), b, c };
}

export interface DmResult {
  n: number;
  /** Mean loss differential (model minus baseline): negative means the model has the smaller loss. */
  meanDiff: number;
  /** Harvey-Leybourne-Newbold corrected statistic, compared with Student t(n-1). */
  stat: number;
  pValue: number;
}

/**
 * Diebold-Mariano test of equal accuracy. Loss differential d = L(e1) - L(e2); its long-run variance uses
 * autocovariances up to lag h-1 (h-step forecasts overlap), with Harvey et al.'s small-sample correction.
 */
export function dieboldMariano(o: {
  e1: ArrayLike<number>;
  e2: ArrayLike<number>;
  h: number;
  loss?: "squared" | "absolute";
}): DmResult {
  const n = o.e1.length;
  const L = o.loss === "absolute" ? Math.abs : (x: number) => x * x;
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = L(o.e1[i]) - L(o.e2[i]);
  const dbar = mean(d);
  const gamma = (k: number) => {
    let s = 0;
    for (let i = k; i < n; i++) s += (d[i] - dbar) * (d[i - k] - dbar);
    return s / n;
  };
  let lrv = gamma(0);
  for (let k = 1; k < o.h; k++) lrv += 2 * gamma(k);
  // A negative HAC estimate can occur with truncated kernels; fall back to the lag-0 variance.
  if (!(lrv > 0)) lrv = gamma(0);
  if (n < 2 || !(lrv > 0)) return { n, meanDiff: dbar, stat: Number.NaN, pValue: Number.NaN };
  const dm = dbar / Math.sqrt(lrv / n);
  const h = o.h;
  const stat = dm * Math.sqrt((n + 1 - 2 * h + (h * (h - 1)) / n) / n);
  return { n, meanDiff: dbar, stat, pValue: studentTTwoSided(stat, n - 1) };
}

export interface CoverageResult {
  level: number;
  n: number;
  coverage: number | null;
  /** Mean interval width as a fraction of the price at the origin. */
  meanWidth: number | null;
  kupiecPValue: number | null;
  /** Winkler (interval) score, % of price. */
  winkler: number | null;
  christoffersenPValue: number | null;
}

/** Label of a model that fell back to the training-mean return at a horizon. */
export const FELL_BACK_LABEL = "fell back to the mean return";

export interface HorizonMetrics {
  horizon: HorizonKey;
  steps: number;
  n: number;
  /** Price errors in the series' currency. */
  mae: number;
  rmse: number;
  mape: number;
  naiveMae: number;
  naiveRmse: number;
  /** MAE / naive MAE on the same origins. */
  maeRatio: number;
  /** Half-width of the 95% noise band of maeRatio (Newey–West se of the absolute-error differential). */
  maeRatioNoise: number | null;
  /** Mean |ln(actual / forecast)|: a scale-free error that pools across tickers. */
  logMae: number;
  naiveLogMae: number;
  direction: DirectionResult;
  /** Diebold-Mariano on squared price errors, model vs naive. */
  dm: DmResult | null;
  coverage: Record<LevelKey, CoverageResult>;
  /** The volatility model scaling the intervals (chosen before the scored window). */
  volModel: VolModelName;
  intervals: IntervalSummary;
  /** Basel traffic light of the 99% one-day interval over the last 250 days (1d only). */
  basel: { zone: BaselZone; exceptions: number; n: number } | null;
  /** Share of scored origins at which the model had fallen back to the mean return. */
  fellBackShare: number;
  /** FELL_BACK_LABEL when the model fell back at most scored origins, else null. */
  note: string | null;
}

/** Scored slices of a backtest: the same origins for the model and for naive. */
export function scoredArrays(b: HorizonBacktest) {
  const s = b.evalStart;
  const forecast = b.forecast.subarray(s);
  const actualRet = b.actual.subarray(s);
  const p0 = b.originPrice.subarray(s);
  const actualPrice = p0.map((p, i) => p * Math.exp(actualRet[i]));
  const forecastPrice = p0.map((p, i) => p * Math.exp(forecast[i]));
  return { forecast, actualRet, p0, actualPrice, forecastPrice };
}

/** Newey–West (Bartlett) long-run variance of x with the given number of lags. */
export function neweyWestVariance(x: ArrayLike<number>, lags: number): number {
  const n = x.length;
  const m = mean(x);
  const gamma = (k: number) => {
    let s = 0;
    for (let i = k; i < n; i++) s += (x[i] - m) * (x[i - k] - m);
    return s / n;
  };
  let v = gamma(0);
  for (let k = 1; k <= lags; k++) v += 2 * (1 - k / (lags + 1)) * gamma(k);
  return v;
}

/** Bartlett lag rule of Newey & West (1994), at least h-1 for overlapping h-step errors. */
export const neweyWestLags = (n: number, h: number) => Math.max(h - 1, Math.floor(4 * (n / 100) ** (2 / 9)));

function maeNoise(e1: Float64Array, e2: Float64Array, naiveMae: number, h: number): number | null {
  const n = e1.length;
  if (n < 2 || !(naiveMae > 0)) return null;
  const d = e1.map((e, i) => Math.abs(e) - Math.abs(e2[i]));
  const v = neweyWestVariance(d, neweyWestLags(n, h));
  return v > 0 ? (1.96 * Math.sqrt(v / n)) / naiveMae : null;
}

export function horizonMetrics(b: HorizonBacktest, opts: { isNaive?: boolean; reference?: boolean } = {}): HorizonMetrics {
  const { forecast, actualRet, p0, actualPrice, forecastPrice } = scoredArrays(b);
  const e1 = actualPrice.map((a, i) => a - forecastPrice[i]);
  const e2 = actualPrice.map((a, i) => a - p0[i]);
  const m = mae(actualPrice, forecastPrice);
  const nm = mae(actualPrice, p0);
  const scored = scoreIntervals(b, { reference: opts.reference });
  const intervals = summarizeIntervals([scored]);
  const coverage = {} as Record<LevelKey, CoverageResult>;
  LEVEL_KEYS.forEach((k, j) => {
    const miss = scored.miss[k];
    const n = miss.length;
    const width = scored.width[k];
    coverage[k] = {
      level: LEVELS[j],
      n,
      coverage: intervals.coverage[k],
      meanWidth: n ? width.reduce((s, v) => s + v, 0) / n / 100 : null,
      kupiecPValue: k === "95" ? intervals.kupiec95P : k === "99" ? intervals.kupiec99P : n ? kupiec({ n, misses: miss.reduce((s, v) => s + v, 0), level: LEVELS[j] }).pValue : null,
      winkler: intervals.winkler[k],
      christoffersenPValue: k === "95" ? intervals.christoffersen95P : k === "99" ? intervals.christoffersen99P : null,
    };
  });
  const fell = b.fellBack.subarray(b.evalStart);
  const fellBackShare = fell.length ? fell.reduce((s, v) => s + v, 0) / fell.length : 0;
  return {
    horizon: b.horizon,
    steps: b.steps,
    n: forecast.length,
    mae: m,
    rmse: rmse(actualPrice, forecastPrice),
    mape: mape(actualPrice, forecastPrice),
    naiveMae: nm,
    naiveRmse: rmse(actualPrice, p0),
    maeRatio: m / nm,
    maeRatioNoise: opts.isNaive ? null : maeNoise(e1, e2, nm, b.steps),
    logMae: mae(actualRet, forecast),
    naiveLogMae: mean(actualRet.map(Math.abs)),
    direction: directionAccuracy(actualRet, forecast),
    dm: opts.isNaive ? null : dieboldMariano({ e1, e2, h: b.steps }),
    coverage,
    volModel: opts.reference ? "ewma" : b.volModel,
    intervals,
    basel: baselOf(scored),
    fellBackShare,
    note: fellBackShare > 0.5 ? FELL_BACK_LABEL : null,
  };
}

/**
 * Diebold–Mariano pooled over symbols: the loss differentials of each date are averaged over the symbols
 * that have it (cross-sectional correlation stays inside the date average), then tested as one series
 * with a Newey–West variance, against Student t(T-1).
 */
export function pooledDieboldMariano({ rows, h }: { rows: readonly { date: string; d: number }[]; h: number }): DmResult {
  const byDate = new Map<string, { s: number; n: number }>();
  for (const r of rows) {
    const e = byDate.get(r.date) ?? { s: 0, n: 0 };
    e.s += r.d;
    e.n++;
    byDate.set(r.date, e);
  }
  const d = Array.from(byDate.keys()).sort().map((k) => byDate.get(k)!.s / byDate.get(k)!.n);
  const n = d.length;
  const dbar = mean(d);
  const v = n > 1 ? neweyWestVariance(d, neweyWestLags(n, h)) : Number.NaN;
  if (!(v > 0)) return { n, meanDiff: dbar, stat: Number.NaN, pValue: Number.NaN };
  const stat = dbar / Math.sqrt(v / n);
  return { n, meanDiff: dbar, stat, pValue: studentTTwoSided(stat, n - 1) };
}
