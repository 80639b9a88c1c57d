// Accuracy metrics of walk-forward forecasts. Results are plain typed objects the API and UI show as-is.
import type { HorizonBacktest } from "./backtest";
import { LEVEL_KEYS, rollingCoverage, type LevelKey } from "./intervals";
import { binomialUpperTail, chiSquareSf, studentTTwoSided } from "./stats";
import type { HorizonKey } from "./types";

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
  /** Origins where both the forecast and the outcome moved (zero moves carry no direction). */
  n: number;
  correct: number;
  accuracy: number | null;
  /** Exact one-sided binomial p-value of doing this well by coin flips: P(X >= correct | n, 0.5). */
  pValue: number | null;
}

export function directionAccuracy(actualReturn: ArrayLike<number>, forecastReturn: ArrayLike<number>): DirectionResult {
  let n = 0;
  let correct = 0;
  for (let i = 0; i < actualReturn.length; i++) {
    const a = Math.sign(actualReturn[i]);
    const f = Math.sign(forecastReturn[i]);
    if (a === 0 || f === 0) continue;
    n++;
    if (a === f) correct++;
  }
  if (n === 0) return { n, correct, accuracy: null, pValue: null };
  return { n, correct, accuracy: correct / n, pValue: binomialUpperTail(correct, n, 0.5) };
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

export interface CoverageResult {
  level: number;
  n: number;
  coverage: number | null;
  /** Mean interval width as a fraction of the price at the origin. */
  meanWidth: number | null;
  kupiecPValue: number | null;
}

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
  /** MAE / naive MAE on the same origins (the MASE with the out-of-sample naive as scale). */
  maeRatio: number;
  /** Mean |ln(actual / forecast)|: a scale-free error that pools across tickers. */
  logMae: number;
  naiveLogMae: number;
  direction: DirectionResult;
  /** Diebold-Mariano on squared price errors, model vs naive. */
  dm: DmResult | null;
  coverage: Record<LevelKey, CoverageResult>;
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

export function horizonMetrics(b: HorizonBacktest, opts: { isNaive?: boolean } = {}): HorizonMetrics {
  const { forecast, actualRet, p0, actualPrice, forecastPrice } = scoredArrays(b);
  const e1 = actualPrice.map((a, i) => a - forecastPrice[i]);
  const e2 = actualPrice.map((a, i) => a - p0[i]);
  const m = mae(actualPrice, forecastPrice);
  const nm = mae(actualPrice, p0);
  const cov = rollingCoverage(b);
  const coverage = {} as Record<LevelKey, CoverageResult>;
  for (const k of LEVEL_KEYS) {
    const c = cov[k];
    coverage[k] = {
      level: c.level,
      n: c.n,
      coverage: c.n ? c.coverage : null,
      meanWidth: c.n ? c.meanWidth : null,
      kupiecPValue: c.n ? kupiec({ n: c.n, misses: c.n - c.hits, level: c.level }).pValue : null,
    };
  }
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
    logMae: mae(actualRet, forecast),
    naiveLogMae: mean(actualRet.map(Math.abs)),
    direction: directionAccuracy(actualRet, forecast),
    dm: opts.isNaive ? null : dieboldMariano({ e1, e2, h: b.steps }),
    coverage,
  };
}
