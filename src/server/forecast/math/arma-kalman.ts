// Exact Gaussian likelihood of a stationary ARMA(p, q) with mean, via the Kalman filter on the
// Harvey state space (state dimension r = max(p, q + 1)), initialised at the stationary covariance
// like statsmodels' SARIMAX. The filter runs with unit innovation variance, so sigma2 and the mean
// are concentrated out exactly (profile likelihood): the optimiser only searches over the ARMA
// coefficients. Once the covariance reaches its steady state only the state mean is updated.
import { solveLinear } from "./linalg";

/** statsmodels' constrain_stationary_univariate: R^n -> coefficients of a stationary AR polynomial. */
export function constrainStationary(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const prev = new Float64Array(n);
  const cur = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const r = x[k] / Math.sqrt(1 + x[k] * x[k]);
    for (let i = 0; i < k; i++) cur[i] = prev[i] + r * prev[k - i - 1];
    cur[k] = r;
    prev.set(cur);
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = -cur[i];
  return out;
}

/** Inverse of constrainStationary; null when the coefficients are not strictly stationary. */
export function unconstrainStationary(c: ArrayLike<number>): Float64Array | null {
  const n = c.length;
  let row = new Float64Array(n);
  for (let i = 0; i < n; i++) row[i] = -c[i];
  const r = new Float64Array(n);
  for (let k = n - 1; k >= 0; k--) {
    const rk = row[k];
    r[k] = rk;
    if (!(Math.abs(rk) < 1)) return null;
    const next = new Float64Array(n);
    for (let i = 0; i < k; i++) next[i] = (row[i] - rk * row[k - i - 1]) / (1 - rk * rk);
    row = next;
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = r[i] / Math.sqrt(1 - r[i] * r[i]);
  return out;
}

export interface ArmaSpace {
  r: number;
  /** First column of the companion transition matrix (phi padded to r). */
  phi: Float64Array;
  /** Selection vector R = [1, theta_1, ..., theta_{r-1}]. */
  rvec: Float64Array;
}

export function armaSpace(phi: ArrayLike<number>, theta: ArrayLike<number>): ArmaSpace {
  const r = Math.max(phi.length, theta.length + 1);
  const ph = new Float64Array(r);
  const rv = new Float64Array(r);
  for (let i = 0; i < phi.length; i++) ph[i] = phi[i];
  rv[0] = 1;
  for (let i = 0; i < theta.length; i++) rv[i + 1] = theta[i];
  return { r, phi: ph, rvec: rv };
}

/** (T M)_{ij} for the companion T: phi_i M_{0j} + M_{i+1,j}. */
function leftT(sp: ArmaSpace, m: Float64Array, out: Float64Array): void {
  const { r, phi } = sp;
  for (let i = 0; i < r; i++)
    for (let j = 0; j < r; j++) out[i * r + j] = phi[i] * m[j] + (i + 1 < r ? m[(i + 1) * r + j] : 0);
}

/** (M T')_{ij} = phi_j M_{i0} + M_{i,j+1}. */
function rightTt(sp: ArmaSpace, m: Float64Array, out: Float64Array): void {
  const { r, phi } = sp;
  for (let i = 0; i < r; i++)
    for (let j = 0; j < r; j++) out[i * r + j] = phi[j] * m[i * r] + (j + 1 < r ? m[i * r + j + 1] : 0);
}

/**
 * Stationary state covariance (unit innovation variance): P = T P T' + R R'. Null if not stationary.
 * Solved over the r(r+1)/2 distinct entries of the symmetric P, using the companion structure
 * (T P T')_ij = phi_i phi_j P_00 + phi_i P_0,j+1 + phi_j P_i+1,0 + P_i+1,j+1.
 */
export function stationaryCov(sp: ArmaSpace): Float64Array | null {
  const { r, phi, rvec } = sp;
  const m = (r * (r + 1)) / 2;
  const idx = (i: number, j: number): number => (i <= j ? i * r - (i * (i - 1)) / 2 + (j - i) : j * r - (j * (j - 1)) / 2 + (i - j));
  const a = new Float64Array(m * m);
  const b = new Float64Array(m);
  for (let i = 0; i < r; i++)
    for (let j = i; j < r; j++) {
      const row = idx(i, j);
      b[row] = rvec[i] * rvec[j];
      a[row * m + row] += 1;
      a[row * m + idx(0, 0)] -= phi[i] * phi[j];
      if (j + 1 < r) a[row * m + idx(0, j + 1)] -= phi[i];
      if (i + 1 < r) a[row * m + idx(i + 1, 0)] -= phi[j];
      if (i + 1 < r && j + 1 < r) a[row * m + idx(i + 1, j + 1)] -= 1;
    }
  const sol = solveLinear(a, b, m);
  if (!sol) return null;
  const p = new Float64Array(r * r);
  for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) p[i * r + j] = sol[idx(i, j)];
  // A non-stationary AR part can still give a solvable system; its "covariance" is not positive.
  for (let i = 0; i < r; i++) if (!(p[i * r + i] > 0)) return null;
  return p;
}

export interface ArmaFilterResult {
  llf: number;
  sigma2: number;
  mu: number;
  nobs: number;
  /** Predicted state mean for the first unseen step (of the demeaned series). */
  a: Float64Array;
  /** Its covariance, in units of sigma2. */
  p: Float64Array;
}

/**
 * Filters z through the ARMA. mean: "none" (zero mean), "estimate" (profiled GLS mean) or a fixed value.
 * sigma2 is estimated (profiled) unless given.
 */
export function armaFilter(
  z: Float64Array,
  sp: ArmaSpace,
  mean: "none" | "estimate" | number,
  p0?: Float64Array,
): ArmaFilterResult | null {
  const { r, phi, rvec } = sp;
  const n = z.length;
  const pInit = p0 ?? stationaryCov(sp);
  if (!pInit) return null;
  const p = Float64Array.from(pInit);
  const tp = new Float64Array(r * r);
  const tpt = new Float64Array(r * r);
  const a = new Float64Array(r);
  const b = new Float64Array(r); // state of the all-ones regressor, for the profiled mean
  const k = new Float64Array(r);
  const fixedMu = typeof mean === "number" ? mean : 0;
  const estMean = mean === "estimate";
  let svv = 0;
  let svw = 0;
  let sww = 0;
  let sumLogF = 0;
  let steady = false;
  let f = 1;
  let t = 0;
  for (; t < n && !steady; t++) {
    f = p[0];
    if (!(f > 1e-12)) return null;
    for (let i = 0; i < r; i++) k[i] = (phi[i] * p[0] + (i + 1 < r ? p[(i + 1) * r] : 0)) / f;
    const v = z[t] - fixedMu - a[0];
    const w = 1 - b[0];
    svv += (v * v) / f;
    sumLogF += Math.log(f);
    if (estMean) {
      svw += (v * w) / f;
      sww += (w * w) / f;
    }
    // a <- T a + K v (companion product written out).
    const a0 = a[0];
    const b0 = b[0];
    for (let i = 0; i < r; i++) {
      a[i] = phi[i] * a0 + (i + 1 < r ? a[i + 1] : 0) + k[i] * v;
      if (estMean) b[i] = phi[i] * b0 + (i + 1 < r ? b[i + 1] : 0) + k[i] * w;
    }
    // P <- T P T' - K K' F + R R', with T P T' formed in two companion products (no allocation).
    leftT(sp, p, tp);
    rightTt(sp, tp, tpt);
    let change = 0;
    for (let i = 0; i < r; i++)
      for (let j = 0; j < r; j++) {
        const ij = i * r + j;
        const nv = tpt[ij] - k[i] * k[j] * f + rvec[i] * rvec[j];
        const dv = Math.abs(nv - p[ij]);
        if (dv > change) change = dv;
        p[ij] = nv;
      }
    if (change < 1e-11) steady = true;
  }
  if (t < n) {
    // Steady state: constant gain and innovation variance, only the state mean moves.
    const rest = n - t;
    let vv = 0;
    let vw = 0;
    let ww = 0;
    const last = r - 1;
    for (; t < n; t++) {
      const a0 = a[0];
      const v = z[t] - fixedMu - a0;
      vv += v * v;
      for (let i = 0; i < last; i++) a[i] = phi[i] * a0 + a[i + 1] + k[i] * v;
      a[last] = phi[last] * a0 + k[last] * v;
      if (estMean) {
        const b0 = b[0];
        const w = 1 - b0;
        vw += v * w;
        ww += w * w;
        for (let i = 0; i < last; i++) b[i] = phi[i] * b0 + b[i + 1] + k[i] * w;
        b[last] = phi[last] * b0 + k[last] * w;
      }
    }
    svv += vv / f;
    svw += vw / f;
    sww += ww / f;
    sumLogF += rest * Math.log(f);
  }
  let mu = fixedMu;
  let rss = svv;
  if (estMean && sww > 0) {
    const m = svw / sww;
    mu = m;
    rss = svv - svw * m;
    // The filter is linear in the data, so the state of (z - m) is a - m * b.
    for (let i = 0; i < r; i++) a[i] -= m * b[i];
  }
  const sigma2 = rss / n;
  const llf = -0.5 * n * (Math.log(2 * Math.PI) + Math.log(sigma2) + 1) - 0.5 * sumLogF;
  return { llf, sigma2, mu, nobs: n, a, p };
}
