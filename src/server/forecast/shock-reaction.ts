// The "shock-slope" regime mode (IntervalOptions.regime, issue 21, the 1-day Christoffersen failure): a
// correction of a volatility forecast that over- or under-reacts to the last known standardized move. For an
// origin i the state is x_i = ln(1 + z^2), z the day's move to the origin bar over the engine's 1-day forecast sd
// made the bar before (dayShockState; the plan computes it per bar and the backtests carry it per origin). A
// one-day path without it reads the same from its own scores (lastShockState: the last known origin's); a
// longer one without it is not corrected. Over the calibration set, ln(|e| / sd) is regressed on x
// (OLS): a negative slope b says the forecast over-reacts (after a large move the next standardized move is
// small, so misses anti-cluster), a positive one that it under-reacts (misses cluster). The slope is shrunk
// toward 0 by its own sampling error (positive-part James-Stein: b x max(0, 1 - se^2 / b^2), se the OLS
// standard error times sqrt(h), since h-day outcomes of consecutive origins overlap), so on data without the
// pattern it stays near 0 and the mode near plain scaling; nothing in it is a tuned constant. Scores are
// |e| / (sd exp(b x)) and the interval q x sd x exp(b x_origin), as the relative-slope mode does with its level.

/** Per bar: ln(1 + z^2), z = ln(close[t] / close[t-1]) / sd1[t-1] (NaN at bar 0 or where sd1 is unknown). */
export function dayShockState(close: ArrayLike<number>, sd1: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: close.length }, (_v, t) => (t > 0 && sd1[t - 1] > 0 ? Math.log1p((Math.log(close[t] / close[t - 1]) / sd1[t - 1]) ** 2) : Number.NaN));
}

/** The state of a path: carried (the plan's day shock), its own last known score at one day, else none (all NaN: slope 0). */
export function shockStateOf(p: { origin: ArrayLike<number>; steps: number; scale: ArrayLike<number>; shock?: ArrayLike<number>; shockServing?: number }, absErr: ArrayLike<number>, given?: { x: ArrayLike<number>; serving: number }): { x: Float64Array; serving: number } {
  if (given) return { x: Float64Array.from(given.x), serving: given.serving };
  if (p.shock) return { x: Float64Array.from(p.shock), serving: p.shockServing ?? Number.NaN };
  if (p.steps === 1) return lastShockState({ ...p, absErr });
  return { x: new Float64Array(p.origin.length).fill(Number.NaN), serving: Number.NaN };
}

/** x per origin: ln(1 + z^2) of the last origin whose outcome is known there (NaN before any is known). */
export function lastShockState(p: { origin: ArrayLike<number>; steps: number; absErr: ArrayLike<number>; scale: ArrayLike<number> }): { x: Float64Array; serving: number } {
  const n = p.origin.length;
  const x = new Float64Array(n).fill(Number.NaN);
  const at = (j: number) => Math.log1p((p.absErr[j] / p.scale[j]) ** 2);
  let known = 0;
  for (let i = 0; i < n; i++) {
    while (known < i && p.origin[known] + p.steps <= p.origin[i]) known++;
    if (known > 0) x[i] = at(known - 1);
  }
  // Serving's origin is the last bar: every origin of the path has its outcome by then.
  return { x, serving: n > 0 ? at(n - 1) : Number.NaN };
}

/** OLS slope of y on x over [lo, hi) (finite pairs only) with its standard error; null when under 3 pairs or x constant. */
export function slopeWithError(x: ArrayLike<number>, y: ArrayLike<number>, lo: number, hi: number): { b: number; se: number; m: number } | null {
  let m = 0;
  let sx = 0;
  let sy = 0;
  for (let j = lo; j < hi; j++) {
    if (!Number.isFinite(x[j]) || !Number.isFinite(y[j])) continue;
    sx += x[j];
    sy += y[j];
    m++;
  }
  if (m < 3) return null;
  const mx = sx / m;
  const my = sy / m;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let j = lo; j < hi; j++) {
    if (!Number.isFinite(x[j]) || !Number.isFinite(y[j])) continue;
    sxx += (x[j] - mx) ** 2;
    sxy += (x[j] - mx) * (y[j] - my);
    syy += (y[j] - my) ** 2;
  }
  if (!(sxx > 1e-12)) return null;
  const b = sxy / sxx;
  const rss = Math.max(0, syy - b * sxy);
  return { b, se: Math.sqrt(rss / Math.max(1, m - 2) / sxx), m };
}

/** The slope shrunk by its sampling error: b x max(0, 1 - (se sqrt(h))^2 / b^2). */
export function shrunkSlope(fit: { b: number; se: number } | null, steps: number): number {
  if (!fit || fit.b === 0) return 0;
  const v = fit.se * fit.se * Math.max(1, steps);
  return fit.b * Math.max(0, 1 - v / (fit.b * fit.b));
}

/** ln(|e| / sd) per origin (NaN where the error is 0): the regression's response, computed once per path. */
export function logScores(absErr: ArrayLike<number>, scale: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: absErr.length }, (_v, j) => (absErr[j] > 0 ? Math.log(absErr[j] / scale[j]) : Number.NaN));
}

/**
 * The calibration set [lo, hi) under the shock-slope mode: the corrected scores (unsorted: the caller picks its
 * quantiles by selection), the multiplier at the origin, the slope. `logScore` is logScores(absErr, scale).
 */
export function shockCalibration(o: { absErr: ArrayLike<number>; scale: ArrayLike<number>; x: ArrayLike<number>; logScore: ArrayLike<number>; steps: number; lo: number; hi: number; sd: number; xAt: number }): { scores: Float64Array; mult: number; slope: number } {
  const { absErr, scale, x, lo, hi } = o;
  const b = shrunkSlope(slopeWithError(x, o.logScore, lo, hi), o.steps);
  const factor = (v: number) => (Number.isFinite(v) ? Math.exp(b * v) : 1);
  const scores = new Float64Array(hi - lo);
  // A slope shrunk to 0 (most symbols) multiplies every score by exp(0) = 1: the plain scores, without the exps.
  if (b === 0) for (let j = lo; j < hi; j++) scores[j - lo] = absErr[j] / scale[j];
  else for (let j = lo; j < hi; j++) scores[j - lo] = absErr[j] / (scale[j] * factor(x[j]));
  return { scores, mult: o.sd * factor(o.xAt), slope: b };
}
