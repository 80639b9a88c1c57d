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

function negLogLik(r: ArrayLike<number>, p: GarchParams, init: number): number {
  const n = r.length;
  let s2 = init;
  let ll = 0;
  for (let i = 0; i < n; i++) {
    const e = r[i] - p.mu;
    ll += Math.log(s2) + (e * e) / s2;
    s2 = p.omega + (p.alpha + (e < 0 ? p.gamma : 0)) * e * e + p.beta * s2;
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
  const res = minimizeBfgs(f, x0, { gtol: 1e-7, maxIter: 300 });
  const p = { mu, ...decode(res.x, gjr, v) };
  return { ...p, logLik: -res.f * n - 0.5 * n * Math.log(2 * Math.PI), converged: res.converged };
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
