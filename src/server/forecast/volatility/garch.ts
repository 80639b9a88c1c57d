// GARCH(1,1) (Bollerslev 1986) and GJR-GARCH(1,1) (Glosten, Jagannathan & Runkle 1993) fitted by Gaussian
// (quasi-)maximum likelihood on demeaned daily log returns. The h-step variance is the sum of the
// mean-reverting k-step conditional variances, not h times today's.
import { minimizeBfgs } from "../math/optimize";

export interface GarchParams {
  mu: number;
  omega: number;
  alpha: number;
  /** Extra ARCH weight on negative shocks (0 for plain GARCH). */
  gamma: number;
  beta: number;
}

const persistenceOf = (p: GarchParams) => p.alpha + p.gamma / 2 + p.beta;

/** Unconstrained x -> parameters with omega > 0, alpha, gamma, beta >= 0 and persistence < 1. */
function decode(x: Float64Array, gjr: boolean, scale: number): Omit<GarchParams, "mu"> {
  const ea = Math.exp(x[1]);
  const eb = Math.exp(x[2]);
  const eg = gjr ? Math.exp(x[3]) : 0;
  const d = 1 + ea + eb + eg;
  return { omega: Math.exp(x[0]) * scale, alpha: ea / d, beta: eb / d, gamma: (2 * eg) / d };
}

/** Conditional variances sigma2[i] of r[i] given r[0..i-1]; sigma2[n] is the one-step forecast after r[n-1]. */
export function garchFilter(r: ArrayLike<number>, p: GarchParams, init: number): Float64Array {
  const n = r.length;
  const s2 = new Float64Array(n + 1);
  s2[0] = init;
  for (let i = 0; i < n; i++) {
    const e = r[i] - p.mu;
    s2[i + 1] = p.omega + (p.alpha + (e < 0 ? p.gamma : 0)) * e * e + p.beta * s2[i];
  }
  return s2;
}

/**
 * Gaussian negative log-likelihood (without the constant) and, when `grad` is given, its gradient in
 * (omega, alpha, beta, gamma), from the recursion of d sigma2 / d theta alongside sigma2 (sigma2[0] = init
 * is fixed, so its derivatives start at 0).
 */
export function negLogLik(r: ArrayLike<number>, p: GarchParams, init: number, grad?: Float64Array): number {
  const n = r.length;
  const { mu, omega, alpha, gamma, beta } = p;
  let s2 = init;
  let ll = 0;
  let dw = 0;
  let da = 0;
  let db = 0;
  let dg = 0;
  let gw = 0;
  let ga = 0;
  let gb = 0;
  let gg = 0;
  for (let i = 0; i < n; i++) {
    const e = r[i] - mu;
    const e2 = e * e;
    ll += Math.log(s2) + e2 / s2;
    if (grad) {
      // d/d sigma2 of log sigma2 + e2 / sigma2, times d sigma2 / d theta.
      const w = (1 - e2 / s2) / s2;
      gw += w * dw;
      ga += w * da;
      gb += w * db;
      gg += w * dg;
      const neg = e < 0 ? e2 : 0;
      dw = 1 + beta * dw;
      da = e2 + beta * da;
      db = s2 + beta * db;
      dg = neg + beta * dg;
    }
    s2 = omega + (alpha + (e < 0 ? gamma : 0)) * e2 + beta * s2;
  }
  if (grad) {
    grad[0] = 0.5 * gw;
    grad[1] = 0.5 * ga;
    grad[2] = 0.5 * gb;
    grad[3] = 0.5 * gg;
  }
  return 0.5 * ll;
}

export function sampleVariance(r: ArrayLike<number>, mu: number): number {
  let s = 0;
  for (let i = 0; i < r.length; i++) s += (r[i] - mu) ** 2;
  return r.length ? s / r.length : 0;
}

export function fitGarch({ returns, gjr = false }: { returns: ArrayLike<number>; gjr?: boolean }): GarchParams & { logLik: number; converged: boolean } {
  const n = returns.length;
  let mu = 0;
  for (let i = 0; i < n; i++) mu += returns[i];
  mu = n ? mu / n : 0;
  const v = Math.max(sampleVariance(returns, mu), 1e-10);
  // Start near the typical daily-equity fit: alpha 0.08, beta 0.9 (gamma split off alpha for GJR).
  const a0 = gjr ? 0.03 : 0.08;
  const g0 = gjr ? 0.08 : 0;
  const slack = 1 - a0 - 0.9 - g0 / 2;
  // Always this point (never an earlier fit): the fit is then a function of the returns alone.
  const x0 = [Math.log(slack), Math.log(a0 / slack), Math.log(0.9 / slack)];
  if (gjr) x0.push(Math.log(g0 / 2 / slack));
  const f = (x: Float64Array) => {
    const p = { mu, ...decode(x, gjr, v) };
    const nll = negLogLik(returns, p, v);
    return Number.isFinite(nll) ? nll / n : Number.POSITIVE_INFINITY;
  };
  const res = minimizeBfgs(f, x0, { gtol: 1e-7, maxIter: 300, fg: (x, g) => garchObjective(returns, mu, v, gjr, x, g) });
  const p = { mu, ...decode(res.x, gjr, v) };
  return { ...p, logLik: -res.f * n - 0.5 * n * Math.log(2 * Math.PI), converged: res.converged };
}

/**
 * The fit's objective, the negative log-likelihood per return at unconstrained x (see decode), with its
 * gradient in x written into g: the chain rule through omega = e^x0 * scale and the softmax-like shares
 * q_k = e^x_k / d (alpha = q1, beta = q2, gamma = 2 q3), where dq_j / dx_k = q_j (delta_jk - q_k).
 */
export function garchObjective(r: ArrayLike<number>, mu: number, /** omega scale and sigma2[0]: the sample variance */ scale: number, gjr: boolean, x: Float64Array, g: Float64Array): number {
  const p = { mu, ...decode(x, gjr, scale) };
  const n = r.length;
  const gt = new Float64Array(4);
  const nll = negLogLik(r, p, scale, gt);
  if (!Number.isFinite(nll)) {
    g.fill(0);
    return Number.POSITIVE_INFINITY;
  }
  const q = [p.alpha, p.beta, p.gamma / 2];
  const dq = [gt[1], gt[2], 2 * gt[3]];
  const k = gjr ? 3 : 2;
  let s = 0;
  for (let j = 0; j < k; j++) s += q[j] * dq[j];
  g[0] = (gt[0] * p.omega) / n;
  for (let j = 0; j < k; j++) g[j + 1] = (q[j] * (dq[j] - s)) / n;
  return nll / n;
}

/** Variance of the sum of the next h returns given the one-step variance s2next. */
export function garchHorizonVariance(p: GarchParams, s2next: number, h: number): number {
  const phi = persistenceOf(p);
  const longRun = phi < 1 ? p.omega / (1 - phi) : s2next;
  let total = 0;
  let dev = s2next - longRun;
  for (let k = 0; k < h; k++) {
    total += longRun + dev;
    dev *= phi;
  }
  return total;
}
