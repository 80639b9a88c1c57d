// Regime calibration of the conformal intervals (IntervalOptions.regime, issue 21): the calibration set seen
// from an origin, adjusted so coverage does not move with the volatility regime. Every mode is built and
// off (INTERVAL_DEFAULTS.regime = "none"): none improved the development window (docs/forecasting.md).
//   "elasticity"        scores |e| / sd^beta, beta the OLS slope of log|e| on log sd (clamped);
//   "mondrian"          the quantile among calibration scores whose sd is in the origin's tercile of sd;
//   "relative-mondrian" the same on the *relative* level: log sd minus the median log sd of the trailing
//                       year (after a shock / unusually calm, rather than high / low in absolute terms);
//   "relative-slope"    log(|e| / sd) regressed (OLS) on the relative level; scores |e| / (sd exp(b r)) and
//                       the interval q x sd exp(b r_origin): a location model of the log score, whose
//                       quantile lines are parallel to its mean line, so one slope serves every level.
//   "shock-slope"       the same location model on the last known standardized move (shock-reaction.ts): a
//                       correction of a forecast that over-reacts to the last shock (misses anti-cluster).

export type RegimeMode = "none" | "elasticity" | "mondrian" | "relative-mondrian" | "relative-slope" | "shock-slope";
export const BETA_MIN = 0.25;
export const BETA_MAX = 1.5;
/** Trailing origins (about a year of bars) whose median sd defines the relative level. */
export const RELATIVE_LOOKBACK = 252;

/** OLS of y on x over [lo, hi) where both are finite; null when fewer than 3 points or x does not vary. */
export function olsLine(x: ArrayLike<number>, y: ArrayLike<number>, lo: number, hi: number): { a: number; b: number } | null {
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  let m = 0;
  for (let j = lo; j < hi; j++) {
    if (!Number.isFinite(x[j]) || !Number.isFinite(y[j])) continue;
    sx += x[j];
    sy += y[j];
    sxx += x[j] * x[j];
    sxy += x[j] * y[j];
    m++;
  }
  const vx = sxx - (sx * sx) / Math.max(1, m);
  if (m < 3 || !(vx > 1e-12)) return null;
  const b = (sxy - (sx * sy) / m) / vx;
  return { a: (sy - b * sx) / m, b };
}

/** Slope of log|e| on log sd over [lo, hi) (OLS), clamped; 1 when the sds do not vary. */
export function elasticityOf(absErr: ArrayLike<number>, scale: ArrayLike<number>, lo: number, hi: number): number {
  const x = new Float64Array(hi - lo);
  const y = new Float64Array(hi - lo);
  for (let j = lo; j < hi; j++) {
    const ok = absErr[j] > 0 && scale[j] > 0;
    x[j - lo] = ok ? Math.log(scale[j]) : Number.NaN;
    y[j - lo] = ok ? Math.log(absErr[j]) : Number.NaN;
  }
  const line = olsLine(x, y, 0, hi - lo);
  return line ? Math.min(BETA_MAX, Math.max(BETA_MIN, line.b)) : 1;
}

/** log sd[i] minus the median log sd over [i - lookback + 1, i] (its own value included; no later value). */
export function relativeLevel(scale: ArrayLike<number>, lookback = RELATIVE_LOOKBACK): Float64Array {
  const out = new Float64Array(scale.length);
  for (let i = 0; i < scale.length; i++) {
    const w: number[] = [];
    for (let j = Math.max(0, i - lookback + 1); j <= i; j++) if (scale[j] > 0) w.push(Math.log(scale[j]));
    w.sort((a, b) => a - b);
    const med = w.length % 2 ? w[(w.length - 1) / 2] : (w[w.length / 2 - 1] + w[w.length / 2]) / 2;
    out[i] = scale[i] > 0 && w.length ? Math.log(scale[i]) - med : Number.NaN;
  }
  return out;
}

/**
 * The calibration set [lo, hi) seen from origin i: its sorted scores and the multiplier of the quantile.
 * `key` is what the Mondrian modes bin (log sd, or the relative level); `rel` the relative level.
 */
// "shock-slope" is calibrated by intervalPath itself (shockCalibration, with the path's log scores computed once).
export function regimeCalibration(o: { regime: Exclude<RegimeMode, "none" | "shock-slope">; absErr: Float64Array; scale: ArrayLike<number>; key: Float64Array; rel: Float64Array; lo: number; hi: number; sd: number; keyAt: number; relAt: number }): { sorted: Float64Array; beta: number; mult: number } {
  const { absErr, scale, lo, hi, sd } = o;
  if (o.regime === "elasticity") {
    const beta = elasticityOf(absErr, scale, lo, hi);
    const sorted = new Float64Array(hi - lo);
    for (let j = lo; j < hi; j++) sorted[j - lo] = absErr[j] / Math.pow(scale[j], beta);
    return { sorted: sorted.sort(), beta, mult: Math.pow(sd, beta) };
  }
  if (o.regime === "relative-slope") {
    const y = Float64Array.from({ length: hi - lo }, (_v, k) => (absErr[lo + k] > 0 ? Math.log(absErr[lo + k] / scale[lo + k]) : Number.NaN));
    const b = olsLine(o.rel.subarray(lo, hi), y, 0, hi - lo)?.b ?? 0;
    const at = (r: number) => (Number.isFinite(r) ? Math.exp(b * r) : 1);
    const sorted = new Float64Array(hi - lo);
    for (let j = lo; j < hi; j++) sorted[j - lo] = absErr[j] / (scale[j] * at(o.rel[j]));
    return { sorted: sorted.sort(), beta: 1, mult: sd * at(o.relAt) };
  }
  // Mondrian: the scores whose key falls in the origin's tercile of the calibration set's keys.
  const ks = o.key.slice(lo, hi).filter(Number.isFinite).sort();
  const cut1 = ks[Math.floor(ks.length / 3)];
  const cut2 = ks[Math.floor((2 * ks.length) / 3)];
  const bin = (x: number) => (x < cut1 ? 0 : x < cut2 ? 1 : 2);
  const mine = bin(o.keyAt);
  const out: number[] = [];
  for (let j = lo; j < hi; j++) if (Number.isFinite(o.key[j]) && bin(o.key[j]) === mine) out.push(absErr[j] / scale[j]);
  return { sorted: Float64Array.from(out).sort(), beta: 1, mult: sd };
}
