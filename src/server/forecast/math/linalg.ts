// Small dense linear algebra on row-major Float64Arrays, sized for ARIMA state spaces and
// regression designs of at most a few hundred columns.

/** Solves A x = b (A n x n row-major, copied) by Gaussian elimination with partial pivoting. Null if singular. */
export function solveLinear(a: Float64Array, b: Float64Array, n: number): Float64Array | null {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let c = 0; c < n; c++) {
    let piv = c;
    let best = Math.abs(m[c * n + c]);
    for (let r = c + 1; r < n; r++) {
      const v = Math.abs(m[r * n + c]);
      if (v > best) {
        best = v;
        piv = r;
      }
    }
    if (!(best > 1e-300)) return null;
    if (piv !== c) {
      for (let k = 0; k < n; k++) {
        const t = m[c * n + k];
        m[c * n + k] = m[piv * n + k];
        m[piv * n + k] = t;
      }
      const t = x[c];
      x[c] = x[piv];
      x[piv] = t;
    }
    const d = m[c * n + c];
    for (let r = c + 1; r < n; r++) {
      const f = m[r * n + c] / d;
      if (f === 0) continue;
      for (let k = c; k < n; k++) m[r * n + k] -= f * m[c * n + k];
      x[r] -= f * x[c];
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = x[r];
    for (let k = r + 1; k < n; k++) s -= m[r * n + k] * x[k];
    x[r] = s / m[r * n + r];
  }
  return x;
}

/**
 * Least squares min ||y - X b|| via the normal equations with a tiny ridge, which is plenty for the
 * well-conditioned lag regressions used for starting values. X is n x k row-major.
 */
export function leastSquares(x: Float64Array, y: Float64Array, n: number, k: number, ridge = 1e-10): Float64Array | null {
  const g = new Float64Array(k * k);
  const r = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const o = i * k;
    for (let a = 0; a < k; a++) {
      const xa = x[o + a];
      if (xa === 0) continue;
      r[a] += xa * y[i];
      for (let b = a; b < k; b++) g[a * k + b] += xa * x[o + b];
    }
  }
  for (let a = 0; a < k; a++) {
    g[a * k + a] += ridge * (g[a * k + a] + 1);
    for (let b = 0; b < a; b++) g[a * k + b] = g[b * k + a];
  }
  return solveLinear(g, r, k);
}
