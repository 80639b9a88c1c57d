// ARIMA(p, d, q) with optional mean (d = 0) or drift (d = 1), fitted by exact maximum likelihood on the
// d-th difference, which is what statsmodels' ARIMA computes with its diffuse initialisation of the
// integrated states. Coefficients are optimised in statsmodels' unconstrained (PACF) parametrisation,
// so every candidate is stationary and invertible.
import { armaFilter, armaSpace, constrainStationary, unconstrainStationary } from "./arma-kalman";
import { difference } from "./kpss";
import { leastSquares } from "./linalg";
import { minimizeBfgs } from "./optimize";

export interface ArimaOrder {
  p: number;
  d: number;
  q: number;
}

export interface ArimaFit extends ArimaOrder {
  /** Whether a mean (d = 0) or drift (d = 1) of the differenced series is estimated. */
  withMean: boolean;
  phi: number[];
  theta: number[];
  /** Mean of the d-th difference (0 when withMean is false). */
  mu: number;
  sigma2: number;
  llf: number;
  aic: number;
  aicc: number;
  bic: number;
  /** Observations in the likelihood (n - d). */
  nobs: number;
  converged: boolean;
  /** Largest |partial autocorrelation| of the AR and MA parts: near 1 means a near-unit root. */
  maxPacf: number;
  /** The optimum in the optimiser's unconstrained parametrisation. */
  x: number[];
}

function unpack(x: Float64Array, p: number, q: number): { phi: Float64Array; theta: Float64Array } {
  const phi = constrainStationary(x.subarray(0, p));
  const mt = constrainStationary(x.subarray(p, p + q));
  const theta = new Float64Array(q);
  for (let i = 0; i < q; i++) theta[i] = -mt[i];
  return { phi, theta };
}

/** Hannan-Rissanen starting values in unconstrained form; zeros when they are not stationary/invertible. */
function startValues(z: Float64Array, p: number, q: number, withMean: boolean): Float64Array {
  const n = z.length;
  const x0 = new Float64Array(p + q);
  if (p + q === 0) return x0;
  let mean = 0;
  if (withMean) {
    for (let i = 0; i < n; i++) mean += z[i];
    mean /= n;
  }
  const zc = new Float64Array(n);
  for (let i = 0; i < n; i++) zc[i] = z[i] - mean;
  const resid = new Float64Array(n);
  if (q > 0) {
    const m = Math.min(Math.floor(n / 5), Math.max(10, 2 * (p + q)));
    const rows = n - m;
    if (rows <= m + 5) return x0;
    const xm = new Float64Array(rows * m);
    const ym = new Float64Array(rows);
    for (let t = m; t < n; t++) {
      ym[t - m] = zc[t];
      for (let j = 0; j < m; j++) xm[(t - m) * m + j] = zc[t - 1 - j];
    }
    const ar = leastSquares(xm, ym, rows, m);
    if (!ar) return x0;
    for (let t = m; t < n; t++) {
      let s = zc[t];
      for (let j = 0; j < m; j++) s -= ar[j] * zc[t - 1 - j];
      resid[t] = s;
    }
  }
  const start = Math.max(p, q > 0 ? Math.min(Math.floor(n / 5), Math.max(10, 2 * (p + q))) + q : 0);
  const rows = n - start;
  const k = p + q;
  if (rows <= k + 5) return x0;
  const xm = new Float64Array(rows * k);
  const ym = new Float64Array(rows);
  for (let t = start; t < n; t++) {
    ym[t - start] = zc[t];
    for (let j = 0; j < p; j++) xm[(t - start) * k + j] = zc[t - 1 - j];
    for (let j = 0; j < q; j++) xm[(t - start) * k + p + j] = resid[t - 1 - j];
  }
  const b = leastSquares(xm, ym, rows, k);
  if (!b) return x0;
  for (let shrink = 1; shrink > 0.1; shrink *= 0.7) {
    const ua = unconstrainStationary(Array.from(b.subarray(0, p), (v) => v * shrink));
    const um = unconstrainStationary(Array.from(b.subarray(p, k), (v) => -v * shrink));
    if (ua && um) {
      x0.set(ua, 0);
      x0.set(um, p);
      return x0;
    }
  }
  return x0;
}

export function fitArima({
  y,
  order,
  withMean,
  gtol = 1e-8,
  multiStart = false,
  maxIter = 200,
  start,
  central = true,
}: {
  y: ArrayLike<number>;
  order: ArimaOrder;
  withMean: boolean;
  gtol?: number;
  /** Also start from fixed alternative points and keep the best optimum (ARMA likelihoods can be multimodal). */
  multiStart?: boolean;
  maxIter?: number;
  /** Starting point in unconstrained form (e.g. a previous, looser fit's `x`). */
  start?: ArrayLike<number>;
  /** Central finite differences; forward ones halve the cost when only an approximate optimum is needed. */
  central?: boolean;
}): ArimaFit {
  const { p, d, q } = order;
  const z = difference(y, d);
  const n = z.length;
  const mean = withMean ? "estimate" : "none";
  const objective = (x: Float64Array): number => {
    const { phi, theta } = unpack(x, p, q);
    const res = armaFilter(z, armaSpace(phi, theta), mean);
    return res && Number.isFinite(res.llf) ? -res.llf / n : 1e10;
  };
  const starts = [start && start.length === p + q ? Float64Array.from(start) : startValues(z, p, q, withMean)];
  if (multiStart && p + q > 0)
    for (const v of [0, 0.3, -0.3, 0.8, -0.8]) {
      const x = new Float64Array(p + q);
      for (let i = 0; i < p; i++) x[i] = v / (i + 1);
      for (let i = 0; i < q; i++) x[p + i] = -v / (i + 1);
      starts.push(x);
    }
  let opt = minimizeBfgs(objective, starts[0], { gtol, maxIter, central });
  for (let s = 1; s < starts.length; s++) {
    const o = minimizeBfgs(objective, starts[s], { gtol, maxIter, central });
    if (o.f < opt.f - 1e-12) opt = o;
  }
  const { phi, theta } = unpack(opt.x, p, q);
  const res = armaFilter(z, armaSpace(phi, theta), mean);
  if (!res) throw new Error(`ARIMA(${p},${d},${q}) failed to evaluate at its optimum`);
  let maxPacf = 0;
  for (let i = 0; i < opt.x.length; i++) maxPacf = Math.max(maxPacf, Math.abs(opt.x[i]) / Math.sqrt(1 + opt.x[i] * opt.x[i]));
  const k = p + q + (withMean ? 1 : 0) + 1;
  const aic = -2 * res.llf + 2 * k;
  return {
    p,
    d,
    q,
    withMean,
    phi: Array.from(phi),
    theta: Array.from(theta),
    mu: res.mu,
    sigma2: res.sigma2,
    llf: res.llf,
    aic,
    aicc: n - k - 1 > 0 ? aic + (2 * k * (k + 1)) / (n - k - 1) : Infinity,
    bic: -2 * res.llf + k * Math.log(n),
    nobs: n,
    converged: opt.converged,
    maxPacf,
    x: Array.from(opt.x),
  };
}

export type ArimaParams = Pick<ArimaFit, "p" | "d" | "q" | "phi" | "theta" | "mu" | "sigma2">;

export interface ArimaForecast {
  /** Forecast levels y_{n+1..n+steps}. */
  mean: Float64Array;
  /** Standard deviation of y_{n+h} - y_n. */
  sd: Float64Array;
}

/**
 * Forecasts `steps` ahead from the end of y with fixed parameters (no refit). The filter runs over the
 * last `window` differences from the stationary prior, which for an invertible MA equals the full-sample
 * filter to machine precision once the covariance has converged.
 */
export function forecastArima({
  fit,
  y,
  steps,
  window = 2000,
}: {
  fit: ArimaParams;
  y: ArrayLike<number>;
  steps: number;
  window?: number;
}): ArimaForecast {
  const { d } = fit;
  const n = y.length;
  const from = Math.max(0, n - window - d);
  const ys = Array.prototype.slice.call(y, from) as number[];
  if (ys.length <= d) throw new Error("ARIMA forecast needs more observations than the differencing order");
  const sp = armaSpace(fit.phi, fit.theta);
  const r = sp.r;
  const res = armaFilter(difference(ys, d), sp, fit.mu);
  if (!res) throw new Error("ARIMA forecast: parameters are not stationary");
  // last[k] = last value of the k-th difference of y, for undoing the differencing.
  const last: number[] = [];
  for (let k = 0; k < d; k++) {
    const dk = difference(ys, k);
    last.push(dk[dk.length - 1]);
  }
  // Augmented state (c_1..c_d, alpha): c_k accumulates the k-fold integrated innovations, so Var(c_d)
  // is the variance of y_{n+h} - y_n including the covariance between steps.
  const m = d + r;
  const c = new Float64Array(m * m);
  for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) c[(d + i) * m + d + j] = res.p[i * r + j];
  const a = Float64Array.from(res.a);
  const mean = new Float64Array(steps);
  const sd = new Float64Array(steps);
  const tmp = new Float64Array(m * m);
  const row = (i: number, j: number): number => {
    // Transition matrix A of the augmented state.
    if (i < d) {
      if (j < d) return j <= i ? 1 : 0;
      return j === d ? 1 : 0;
    }
    const ii = i - d;
    if (j < d) return 0;
    const jj = j - d;
    return jj === 0 ? sp.phi[ii] : jj === ii + 1 ? 1 : 0;
  };
  const amat = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) amat[i * m + j] = row(i, j);
  for (let h = 0; h < steps; h++) {
    const zhat = fit.mu + a[0];
    let cur = zhat;
    for (let k = d - 1; k >= 0; k--) {
      last[k] += cur;
      cur = last[k];
    }
    mean[h] = d === 0 ? zhat : last[0];
    if (d === 0) sd[h] = Math.sqrt(c[0] * fit.sigma2);
    // C <- A C A' + B B', B = (0, R).
    for (let i = 0; i < m; i++)
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let k = 0; k < m; k++) s += amat[i * m + k] * c[k * m + j];
        tmp[i * m + j] = s;
      }
    for (let i = 0; i < m; i++)
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let k = 0; k < m; k++) s += tmp[i * m + k] * amat[j * m + k];
        c[i * m + j] = s + (i >= d && j >= d ? sp.rvec[i - d] * sp.rvec[j - d] : 0);
      }
    if (d > 0) sd[h] = Math.sqrt(c[(d - 1) * m + d - 1] * fit.sigma2);
    const a0 = a[0];
    for (let i = 0; i < r; i++) a[i] = sp.phi[i] * a0 + (i + 1 < r ? a[i + 1] : 0);
  }
  return { mean, sd };
}
