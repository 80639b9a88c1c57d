// Log-HAR model of variance (Corsi 2009) on the range variance proxy: ln of the mean variance over the
// next h days regressed directly on ln of the last day's, week's and month's mean variance, plus the
// market's weekly mean variance when it is known. exp() of the fit is bias-corrected by half the
// residual variance (log-normal mean).
import { leastSquares } from "../math/linalg";

export interface HarFit {
  /** [const, daily, weekly, monthly] or [..., market] coefficients. */
  coef: number[];
  /** Residual variance of the log regression. */
  s2: number;
  rows: number;
}

const LAGS = { week: 5, month: 22 } as const;
export const HAR_MIN_ROWS = 100;

/** Prefix sums, so the weekly and monthly means cost O(1) each. */
export function prefixSums(x: ArrayLike<number>): Float64Array {
  const c = new Float64Array(x.length + 1);
  for (let i = 0; i < x.length; i++) c[i + 1] = c[i] + x[i];
  return c;
}

const meanOf = (cum: Float64Array, from: number, to: number) => (cum[to + 1] - cum[from]) / (to - from + 1);

/** Mean of the last 5 values up to each bar; NaN unless all 5 are known (the market term). */
export function weeklyMean(x: ArrayLike<number>): Float64Array {
  const out = new Float64Array(x.length).fill(Number.NaN);
  for (let t = LAGS.week - 1; t < x.length; t++) {
    let s = 0;
    for (let k = 0; k < LAGS.week; k++) s += x[t - k];
    out[t] = s / LAGS.week;
  }
  return out;
}

/** The regressors at bar t (needs t >= 21), or undefined when the market term is asked for and missing. */
export function harRow(o: { cum: Float64Array; rv: ArrayLike<number>; marketWeek?: ArrayLike<number>; t: number }): number[] | undefined {
  const { cum, rv, t } = o;
  if (t < LAGS.month - 1) return undefined;
  const row = [1, Math.log(rv[t]), Math.log(meanOf(cum, t - LAGS.week + 1, t)), Math.log(meanOf(cum, t - LAGS.month + 1, t))];
  if (o.marketWeek) {
    const m = o.marketWeek[t];
    if (!(m > 0)) return undefined;
    row.push(Math.log(m));
  }
  return row;
}

/**
 * Fits on origins j in [from, to] whose target (bars j+1..j+h) ends at or before `last`, i.e. was known at
 * bar `last`. Returns undefined when fewer than HAR_MIN_ROWS rows qualify.
 */
export function fitHar(o: {
  rv: ArrayLike<number>;
  cum: Float64Array;
  marketWeek?: ArrayLike<number>;
  from: number;
  last: number;
  h: number;
}): HarFit | undefined {
  const rows: number[][] = [];
  const y: number[] = [];
  for (let j = Math.max(o.from, LAGS.month - 1); j + o.h <= o.last; j++) {
    const row = harRow({ cum: o.cum, rv: o.rv, marketWeek: o.marketWeek, t: j });
    if (!row) continue;
    rows.push(row);
    y.push(Math.log(meanOf(o.cum, j + 1, j + o.h)));
  }
  if (rows.length < HAR_MIN_ROWS) return undefined;
  const k = rows[0].length;
  const x = new Float64Array(rows.length * k);
  rows.forEach((r, i) => x.set(r, i * k));
  const coef = leastSquares(x, Float64Array.from(y), rows.length, k);
  if (!coef) return undefined;
  let ss = 0;
  rows.forEach((r, i) => {
    let p = 0;
    for (let a = 0; a < k; a++) p += coef[a] * r[a];
    ss += (y[i] - p) ** 2;
  });
  return { coef: Array.from(coef), s2: ss / Math.max(1, rows.length - k), rows: rows.length };
}

/** Forecast variance of the sum of the next h daily returns. */
export function harHorizonVariance(fit: HarFit, row: number[], h: number): number {
  let p = 0;
  for (let a = 0; a < fit.coef.length; a++) p += fit.coef[a] * row[a];
  return h * Math.exp(p + fit.s2 / 2);
}
