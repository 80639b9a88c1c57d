// The pieces of a Gaussian copula: seeded standard normal draws, the Cholesky factor of a correlation matrix,
// the normal distribution function, and a symbol's empirical quantile function. Draws correlated through the
// factor become uniforms through Phi, and each symbol's uniforms become its own calibrated standardized
// returns through its quantile function: the dependence comes from the correlation, the tails from the data.
import { mulberry32 } from "../math/seeded-random";

/** n x k standard normal draws (row-major), by Box–Muller; half of them antithetic (the second half is -first). */
export function standardNormals({ n, k, seed }: { n: number; k: number; seed: number }): Float64Array {
  // Seeded, so a figure and its backtest are reproducible to the last digit.
  const u = mulberry32(seed);
  const half = Math.ceil(n / 2);
  const out = new Float64Array(n * k);
  for (let i = 0; i < half * k; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - u()));
    const a = 2 * Math.PI * u();
    out[i] = r * Math.cos(a);
    if (i + 1 < half * k) out[i + 1] = r * Math.sin(a);
  }
  for (let i = half * k; i < n * k; i++) out[i] = -out[i - half * k];
  return out;
}

/** Lower Cholesky factor of a symmetric positive definite k x k matrix (row-major); a tiny ridge if needed. */
export function cholesky(a: ArrayLike<number>, k: number): Float64Array {
  for (let ridge = 0; ridge <= 1e-6; ridge = ridge ? ridge * 10 : 1e-12) {
    const l = new Float64Array(k * k);
    let ok = true;
    for (let i = 0; i < k && ok; i++) {
      for (let j = 0; j <= i; j++) {
        let s = a[i * k + j] + (i === j ? ridge : 0);
        for (let p = 0; p < j; p++) s -= l[i * k + p] * l[j * k + p];
        if (i === j) {
          if (!(s > 0)) {
            ok = false;
            break;
          }
          l[i * k + i] = Math.sqrt(s);
        } else {
          l[i * k + j] = s / l[j * k + j];
        }
      }
    }
    if (ok) return l;
  }
  throw new Error("correlation matrix is not positive definite");
}

/**
 * erfc by Numerical Recipes' Chebyshev fit (relative error below 1.2e-7 everywhere): closed form, so the
 * millions of uniforms a backtest maps cost no iteration (forecast/stats.ts's incomplete gamma would).
 */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Standard normal distribution function. */
export const normalCdf = (x: number): number => 0.5 * erfc(-x / Math.SQRT2);

/**
 * Uniforms of n correlated draws (row-major n x k): z L^T mapped through Phi. Computed once per correlation
 * estimate; every origin that shares the estimate reuses them (common random numbers).
 */
export function copulaUniforms({ z, n, k, factor }: { z: Float64Array; n: number; k: number; factor: Float64Array }): Float64Array {
  const out = new Float64Array(n * k);
  for (let d = 0; d < n; d++) {
    for (let i = 0; i < k; i++) {
      let x = 0;
      for (let p = 0; p <= i; p++) x += factor[i * k + p] * z[d * k + p];
      out[d * k + i] = normalCdf(x);
    }
  }
  return out;
}

/** The empirical quantile at u of sorted values (Hazen positions, linear between order statistics, flat beyond). */
export function empiricalQuantile(sorted: ArrayLike<number>, u: number): number {
  const m = sorted.length;
  const pos = u * m - 0.5;
  if (pos <= 0) return sorted[0];
  if (pos >= m - 1) return sorted[m - 1];
  const j = Math.floor(pos);
  return sorted[j] + (sorted[j + 1] - sorted[j]) * (pos - j);
}

/** Loss quantile (value at risk) and the mean loss at or beyond it (expected shortfall) of losses sorted ascending. */
export function tailOf(sorted: Float64Array, level: number): { var: number; es: number } {
  const n = sorted.length;
  const at = Math.min(n - 1, Math.max(0, Math.ceil(level * n) - 1));
  let sum = 0;
  for (let j = at; j < n; j++) sum += sorted[j];
  return { var: sorted[at], es: sum / (n - at) };
}
