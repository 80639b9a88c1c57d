// Log-HAR model of variance (Corsi 2009) on the range variance proxy: ln of the mean variance over the
// next h days regressed directly on ln of the last day's, week's and month's mean variance, plus the
// market's weekly mean variance when it is known. exp() of the fit is bias-corrected by half the
// residual variance (log-normal mean).
// With `split` (the overnight gap as its own term, in the spirit of Andersen, Bollerslev & Diebold's 2007
// HAR-CJ): the day's, week's and month's intraday (Garman–Klass) part and the gap's share of each enter as
// separate regressors, ln gk_X and ln(total_X / gk_X), so the regression estimates how persistent gap
// variance is instead of assuming it is as persistent as range variance. The target is unchanged, and the
// regressors span the plain model's (ln total_X = ln gk_X + ln(total_X / gk_X)), so it nests it.
import { leastSquares } from "../math/linalg";
import { VARIANCE_FLOOR } from "./range";

export interface HarFit {
  /** [const, daily, weekly, monthly], with a split [..., gk daily, weekly, monthly, gap share daily, weekly, monthly], then [..., market]. */
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

/**
 * How the overnight gap enters the split model: "log-ratio" ln gk_X and ln(total_X / gk_X) for the day, week
 * and month; "share" ln total_X and the gap's share of each, 1 - gk_X / total_X (bounded, so a day with
 * almost no intraday range is no high-leverage row); "share-daily" the day's share only.
 */
export type HarSplitForm = "log-ratio" | "share" | "share-daily";

/** The intraday part of the range variance and its prefix sums (the split model's extra regressors). */
export interface HarSplit {
  gk: ArrayLike<number>;
  gkCum: Float64Array;
  form: HarSplitForm;
  /** Huber M-estimate (IRLS, k = 1.345 x the residuals' MAD scale) instead of least squares. */
  robust: boolean;
}

/** The regressors at bar t (needs t >= 21), or undefined when the market term is asked for and missing. */
export function harRow(o: { cum: Float64Array; rv: ArrayLike<number>; marketWeek?: ArrayLike<number>; split?: HarSplit; t: number }): number[] | undefined {
  const { cum, rv, t } = o;
  if (t < LAGS.month - 1) return undefined;
  const total = [rv[t], meanOf(cum, t - LAGS.week + 1, t), meanOf(cum, t - LAGS.month + 1, t)];
  if (!o.split) return withMarket([1, ...total.map(Math.log)], o.marketWeek, t);
  const { gk, gkCum } = o.split;
  // The intraday part, floored as the total is; its share of the total is at most 1 (the gap term >= 0).
  const part = [gk[t], meanOf(gkCum, t - LAGS.week + 1, t), meanOf(gkCum, t - LAGS.month + 1, t)].map((v, i) => Math.min(Math.max(v, VARIANCE_FLOOR), total[i]));
  const share = part.map((v, i) => 1 - v / total[i]);
  if (o.split.form === "share") return withMarket([1, ...total.map(Math.log), ...share], o.marketWeek, t);
  if (o.split.form === "share-daily") return withMarket([1, ...total.map(Math.log), share[0]], o.marketWeek, t);
  return withMarket([1, ...part.map(Math.log), ...part.map((v, i) => Math.log(total[i] / v))], o.marketWeek, t);
}

function withMarket(row: number[], marketWeek: ArrayLike<number> | undefined, t: number): number[] | undefined {
  if (marketWeek) {
    const m = marketWeek[t];
    if (!(m > 0)) return undefined;
    row.push(Math.log(m));
  }
  return row;
}

/**
 * Every bar's regressors of one variant (with or without the market term and the split), computed once per
 * series: a walk-forward path refits hundreds of times over overlapping windows and forecasts at every origin,
 * and built row by row each time they were most of a volatility plan's CPU. Row t is harRow(t), the same
 * numbers; `ok[t]` is 0 where harRow gives none.
 */
export interface HarRows {
  k: number;
  x: Float64Array;
  ok: Uint8Array;
}

type RowSource = { cum: Float64Array; rv: ArrayLike<number>; marketWeek?: ArrayLike<number>; split?: HarSplit };
// Keyed by the series' prefix sums (one per volatility context), then by the variant's own arrays.
const rowCache = new WeakMap<Float64Array, { marketWeek?: ArrayLike<number>; split?: HarSplit; rv: ArrayLike<number>; rows: HarRows }[]>();

export function harRows(o: RowSource): HarRows {
  const cached = rowCache.get(o.cum) ?? [];
  const hit = cached.find((c) => c.marketWeek === o.marketWeek && c.split === o.split && c.rv === o.rv);
  if (hit) return hit.rows;
  const n = o.rv.length;
  let k = 0;
  let x = new Float64Array(0);
  const ok = new Uint8Array(n);
  for (let t = LAGS.month - 1; t < n; t++) {
    const row = harRow({ ...o, t });
    if (!row) continue;
    if (k === 0) {
      k = row.length;
      x = new Float64Array(n * k);
    }
    x.set(row, t * k);
    ok[t] = 1;
  }
  const rows = { k, x, ok };
  cached.push({ marketWeek: o.marketWeek, split: o.split, rv: o.rv, rows });
  rowCache.set(o.cum, cached);
  return rows;
}

/** Row t of `rows` (a view), or undefined where harRow gives none. */
export const harRowAt = (rows: HarRows, t: number): Float64Array | undefined => (rows.ok[t] ? rows.x.subarray(t * rows.k, (t + 1) * rows.k) : undefined);

/**
 * Fits on origins j in [from, to] whose target (bars j+1..j+h) ends at or before `last`, i.e. was known at
 * bar `last`. Returns undefined when fewer than HAR_MIN_ROWS rows qualify.
 */
export function fitHar(o: RowSource & { from: number; last: number; h: number }): HarFit | undefined {
  const all = harRows(o);
  const { k } = all;
  const first = Math.max(o.from, LAGS.month - 1);
  let m = 0;
  for (let j = first; j + o.h <= o.last; j++) m += all.ok[j];
  if (m < HAR_MIN_ROWS) return undefined;
  const x = new Float64Array(m * k);
  const y = new Float64Array(m);
  let i = 0;
  for (let j = first; j + o.h <= o.last; j++) {
    if (!all.ok[j]) continue;
    x.set(all.x.subarray(j * k, (j + 1) * k), i * k);
    y[i++] = Math.log(meanOf(o.cum, j + 1, j + o.h));
  }
  const coef = o.split?.robust ? huber(x, y, m, k) : leastSquares(x, y, m, k);
  if (!coef) return undefined;
  let ss = 0;
  for (let r = 0; r < m; r++) {
    let p = 0;
    for (let a = 0; a < k; a++) p += coef[a] * x[r * k + a];
    ss += (y[r] - p) ** 2;
  }
  return { coef: Array.from(coef), s2: ss / Math.max(1, m - k), rows: m };
}

/** Huber regression by iteratively reweighted least squares from the least-squares fit (at most 50 steps). */
function huber(x: Float64Array, y: Float64Array, n: number, k: number): Float64Array | null {
  let coef = leastSquares(x, y, n, k);
  const xw = new Float64Array(x.length);
  const yw = new Float64Array(n);
  const r = new Float64Array(n);
  for (let it = 0; coef && it < 50; it++) {
    for (let i = 0; i < n; i++) {
      let p = 0;
      for (let a = 0; a < k; a++) p += coef[a] * x[i * k + a];
      r[i] = y[i] - p;
    }
    const med = (v: Float64Array) => Float64Array.from(v).sort()[n >> 1];
    const m = med(r);
    const c = (1.345 * med(r.map((v) => Math.abs(v - m)))) / 0.6745;
    if (!(c > 0)) break;
    for (let i = 0; i < n; i++) {
      const w = Math.sqrt(Math.abs(r[i]) <= c ? 1 : c / Math.abs(r[i]));
      yw[i] = w * y[i];
      for (let a = 0; a < k; a++) xw[i * k + a] = w * x[i * k + a];
    }
    const next = leastSquares(xw, yw, n, k);
    if (!next) return coef;
    const moved = next.reduce((d, v, a) => Math.max(d, Math.abs(v - coef![a])), 0);
    coef = next;
    if (moved < 1e-9) break;
  }
  return coef;
}

/** Forecast variance of the sum of the next h daily returns. */
export function harHorizonVariance(fit: HarFit, row: ArrayLike<number>, h: number): number {
  let p = 0;
  for (let a = 0; a < fit.coef.length; a++) p += fit.coef[a] * row[a];
  return h * Math.exp(p + fit.s2 / 2);
}
