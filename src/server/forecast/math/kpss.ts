// KPSS test of level stationarity (Kwiatkowski et al. 1992), used the way pmdarima's ndiffs uses it:
// keep differencing while the test rejects stationarity at 5%.

/** 5% critical value of the level-stationarity KPSS statistic. */
export const KPSS_CRITICAL_5PCT = 0.463;

export function kpssStatistic(x: ArrayLike<number>): number {
  const n = x.length;
  if (n < 3) return 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  const e = new Float64Array(n);
  for (let i = 0; i < n; i++) e[i] = x[i] - mean;
  let s = 0;
  let eta = 0;
  let g0 = 0;
  for (let i = 0; i < n; i++) {
    s += e[i];
    eta += s * s;
    g0 += e[i] * e[i];
  }
  eta /= n * n;
  // Newey-West long-run variance with the short Bartlett truncation lag used by R's tseries / pmdarima.
  const lags = Math.trunc((3 * Math.sqrt(n)) / 13);
  let lrv = g0 / n;
  for (let l = 1; l <= lags; l++) {
    let c = 0;
    for (let i = l; i < n; i++) c += e[i] * e[i - l];
    lrv += (2 * (1 - l / (lags + 1)) * c) / n;
  }
  return lrv > 0 ? eta / lrv : Infinity;
}

export function difference(x: ArrayLike<number>, d: number): Float64Array {
  let cur: Float64Array = Float64Array.from(x);
  for (let k = 0; k < d; k++) {
    const next = new Float64Array(Math.max(0, cur.length - 1));
    for (let i = 1; i < cur.length; i++) next[i - 1] = cur[i] - cur[i - 1];
    cur = next;
  }
  return cur;
}

/** Number of differences (0..maxD) after which KPSS no longer rejects level stationarity at 5%. */
export function ndiffsKpss(x: ArrayLike<number>, maxD = 2): number {
  let d = 0;
  let cur: Float64Array = Float64Array.from(x);
  while (d < maxD && kpssStatistic(cur) > KPSS_CRITICAL_5PCT) {
    cur = difference(cur, 1);
    d++;
  }
  return d;
}
