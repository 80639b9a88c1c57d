// The additive model of Prophet (Taylor & Letham 2018) on a log-price series:
//   y(t) = g(t) + s_week(t) + s_year(t) + e,  g(t) = k t + m + sum_j delta_j (t - s_j)_+
// with t the calendar time scaled to [0, 1] over the fit window, y scaled by max|y| as Prophet does,
// and Prophet's priors: delta_j ~ Laplace(0, tau), seasonal betas ~ N(0, 10^2), k, m ~ N(0, 5^2),
// sigma ~ half-N(0, 0.5). The MAP is found exactly: for fixed sigma it is a lasso/ridge problem solved
// by feature-sign search, alternated with sigma's closed-form update.
import { gramOf, lassoFeatureSign, rssOf } from "./penalized-ls";

export interface ProphetConfig {
  nChangepoints: number;
  /** Share of the history in which changepoints are placed. */
  changepointRange: number;
  changepointPriorScale: number;
  seasonalityPriorScale: number;
  weeklyOrder: number;
  yearlyOrder: number;
}

export const PROPHET_DEFAULTS: ProphetConfig = {
  nChangepoints: 25,
  changepointRange: 0.8,
  changepointPriorScale: 0.05,
  seasonalityPriorScale: 10,
  weeklyOrder: 3,
  yearlyOrder: 10,
};

export interface ProphetParams {
  /** Epoch day at t = 0 and days per unit of t. */
  dayOrigin: number;
  dayScale: number;
  yScale: number;
  /** Changepoint locations in scaled time. */
  changepoints: number[];
  k: number;
  m: number;
  deltas: number[];
  weeklyOrder: number;
  yearlyOrder: number;
  /** Fourier coefficients: weekly (sin 1, cos 1, sin 2, ...) then yearly. */
  beta: number[];
  /** Noise sd in scaled units. */
  sigma: number;
}

const TAU = 2 * Math.PI;

function fourierInto(out: Float64Array, offset: number, day: number, period: number, order: number): void {
  for (let n = 1; n <= order; n++) {
    const a = (TAU * n * day) / period;
    out[offset + 2 * (n - 1)] = Math.sin(a);
    out[offset + 2 * (n - 1) + 1] = Math.cos(a);
  }
}

export interface ProphetComponents {
  trend: number;
  weekly: number;
  yearly: number;
}

/** Components at an epoch day, in log-price units. */
export function prophetComponents(p: ProphetParams, day: number): ProphetComponents {
  const t = (day - p.dayOrigin) / p.dayScale;
  let g = p.k * t + p.m;
  for (let j = 0; j < p.changepoints.length; j++) if (t > p.changepoints[j]) g += p.deltas[j] * (t - p.changepoints[j]);
  const fw = new Float64Array(2 * p.weeklyOrder);
  const fy = new Float64Array(2 * p.yearlyOrder);
  fourierInto(fw, 0, day, 7, p.weeklyOrder);
  fourierInto(fy, 0, day, 365.25, p.yearlyOrder);
  let w = 0;
  for (let i = 0; i < fw.length; i++) w += p.beta[i] * fw[i];
  let yr = 0;
  for (let i = 0; i < fy.length; i++) yr += p.beta[fw.length + i] * fy[i];
  return { trend: g * p.yScale, weekly: w * p.yScale, yearly: yr * p.yScale };
}

export function prophetValue(p: ProphetParams, day: number): number {
  const c = prophetComponents(p, day);
  return c.trend + c.weekly + c.yearly;
}

/** Fits on (epoch day, value) pairs, oldest first. */
export function fitProphet({
  days,
  y,
  config = PROPHET_DEFAULTS,
}: {
  days: ArrayLike<number>;
  y: ArrayLike<number>;
  config?: ProphetConfig;
}): ProphetParams & { solves: number } {
  const n = y.length;
  if (n < 20) throw new Error("prophet: need at least 20 observations");
  const dayOrigin = days[0];
  const dayScale = Math.max(1, days[n - 1] - dayOrigin);
  let yScale = 0;
  for (let i = 0; i < n; i++) yScale = Math.max(yScale, Math.abs(y[i]));
  if (!(yScale > 0)) yScale = 1;
  // Changepoints at evenly spaced observations of the first changepointRange of history (Prophet's rule).
  const histSize = Math.floor(n * config.changepointRange);
  const changepoints: number[] = [];
  for (let j = 1; j <= config.nChangepoints && histSize > 1; j++) {
    const idx = Math.round(((histSize - 1) * j) / config.nChangepoints);
    const t = (days[idx] - dayOrigin) / dayScale;
    if (changepoints.length === 0 || t > changepoints[changepoints.length - 1]) changepoints.push(t);
  }
  const s = changepoints.length;
  const nw = 2 * config.weeklyOrder;
  const ny = 2 * config.yearlyOrder;
  const k = 2 + s + nw + ny;
  const x = new Float64Array(n * k);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = (days[i] - dayOrigin) / dayScale;
    const o = i * k;
    x[o] = t;
    x[o + 1] = 1;
    for (let j = 0; j < s; j++) x[o + 2 + j] = t > changepoints[j] ? t - changepoints[j] : 0;
    fourierInto(x, o + 2 + s, days[i], 7, config.weeklyOrder);
    fourierInto(x, o + 2 + s + nw, days[i], 365.25, config.yearlyOrder);
    ys[i] = y[i] / yScale;
  }
  const g = gramOf(x, ys, n, k);
  const l1 = new Float64Array(k);
  const l2 = new Float64Array(k);
  l2[0] = l2[1] = 1 / 25;
  for (let j = 0; j < s; j++) l1[2 + j] = 1 / config.changepointPriorScale;
  for (let j = 2 + s; j < k; j++) l2[j] = 1 / (config.seasonalityPriorScale * config.seasonalityPriorScale);
  const b = new Float64Array(k);
  let sigma2 = 0.01;
  let solves = 0;
  for (let outer = 0; outer < 100; outer++) {
    solves += lassoFeatureSign({ g, b, s2: sigma2, l1, l2 });
    // d/dsigma [RSS/(2 s^2) + n log s + s^2/(2 * 0.5^2)] = 0  =>  4 s^4 + n s^2 - RSS = 0.
    const rss = rssOf(g, b);
    const next = (-n + Math.sqrt(n * n + 16 * rss)) / 8;
    const done = Math.abs(next - sigma2) <= 1e-9 * sigma2;
    sigma2 = next;
    if (done) break;
  }
  return {
    dayOrigin,
    dayScale,
    yScale,
    changepoints,
    k: b[0],
    m: b[1],
    deltas: Array.from(b.subarray(2, 2 + s)),
    weeklyOrder: config.weeklyOrder,
    yearlyOrder: config.yearlyOrder,
    beta: Array.from(b.subarray(2 + s)),
    sigma: Math.sqrt(sigma2),
    solves,
  };
}

/**
 * Variance (log units) of the trend change h days past the history end under Prophet's generative
 * assumption: changepoints keep arriving at the historical rate (S per unit of scaled time) with
 * Laplace(0, mean |delta|) rate changes. Closed form of what Prophet estimates by simulation.
 */
export function trendChangeVariance(p: ProphetParams, daysAhead: number): number {
  const s = p.changepoints.length;
  if (s === 0) return 0;
  let lambda = 1e-8;
  for (const d of p.deltas) lambda += Math.abs(d) / s;
  const h = daysAhead / p.dayScale;
  return ((s * 2 * lambda * lambda * h * h * h) / 3) * p.yScale * p.yScale;
}
