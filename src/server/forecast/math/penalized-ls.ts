import { solveLinear } from "./linalg";

// Penalised least squares
//   min_b  (1/(2 s2)) ||y - X b||^2 + sum_j l1_j |b_j| + sum_j l2_j b_j^2 / 2
// on the Gram form (X'X, X'y), so the cost does not grow with the number of rows.
// This is the MAP problem of a linear model with Laplace and Gaussian priors at fixed noise s2.

export interface Gram {
  k: number;
  /** X'X, k x k row-major. */
  xtx: Float64Array;
  /** X'y. */
  xty: Float64Array;
  /** y'y. */
  yty: number;
  n: number;
}

export function gramOf(x: Float64Array, y: ArrayLike<number>, n: number, k: number): Gram {
  const xtx = new Float64Array(k * k);
  const xty = new Float64Array(k);
  let yty = 0;
  for (let i = 0; i < n; i++) {
    const o = i * k;
    const yi = y[i];
    yty += yi * yi;
    for (let a = 0; a < k; a++) {
      const xa = x[o + a];
      if (xa === 0) continue;
      xty[a] += xa * yi;
      for (let b = a; b < k; b++) xtx[a * k + b] += xa * x[o + b];
    }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) xtx[a * k + b] = xtx[b * k + a];
  return { k, xtx, xty, yty, n };
}

/** Residual sum of squares ||y - X b||^2 from the Gram form. */
export function rssOf(g: Gram, b: Float64Array): number {
  const { k, xtx, xty } = g;
  let q = 0;
  let c = 0;
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += xtx[i * k + j] * b[j];
    q += b[i] * s;
    c += b[i] * xty[i];
  }
  return Math.max(0, q - 2 * c + g.yty);
}

/**
 * Exact minimiser of F(b) = 1/2 b'Ab - c'b + sum_j l1_j |b_j| with A = X'X/s2 + diag(l2), c = X'y/s2,
 * by feature-sign search (Lee, Battle, Raina & Ng 2007): guess the signs of an active set, solve the
 * resulting linear system, line-search over sign changes, repeat. Correlated columns (changepoint hinges)
 * make coordinate descent crawl; this needs only a few dozen small dense solves. Works in place on b
 * (a warm start is fine); returns the number of linear solves.
 */
export function lassoFeatureSign({
  g,
  b,
  s2,
  l1,
  l2,
  maxSolves = 2000,
}: {
  g: Gram;
  b: Float64Array;
  s2: number;
  l1: Float64Array;
  l2: Float64Array;
  maxSolves?: number;
}): number {
  const k = g.k;
  const a = new Float64Array(k * k);
  const c = new Float64Array(k);
  let scale = 1;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) a[i * k + j] = g.xtx[i * k + j] / s2;
    a[i * k + i] += l2[i];
    c[i] = g.xty[i] / s2;
    scale = Math.max(scale, Math.abs(c[i]), a[i * k + i]);
  }
  const tol = 1e-9 * scale;
  const objective = (x: Float64Array): number => {
    let f = 0;
    for (let i = 0; i < k; i++) {
      let ax = 0;
      for (let j = 0; j < k; j++) ax += a[i * k + j] * x[j];
      f += 0.5 * x[i] * ax - c[i] * x[i] + l1[i] * Math.abs(x[i]);
    }
    return f;
  };
  const gradient = (x: Float64Array, out: Float64Array): void => {
    for (let i = 0; i < k; i++) {
      let ax = 0;
      for (let j = 0; j < k; j++) ax += a[i * k + j] * x[j];
      out[i] = ax - c[i];
    }
  };
  const theta = new Float64Array(k);
  const active = new Uint8Array(k);
  for (let i = 0; i < k; i++) {
    theta[i] = Math.sign(b[i]);
    active[i] = l1[i] === 0 || b[i] !== 0 ? 1 : 0;
  }
  const grad = new Float64Array(k);
  let solves = 0;
  while (solves < maxSolves) {
    // Feature-sign steps until the active coefficients satisfy their optimality conditions.
    for (;;) {
      const idx: number[] = [];
      for (let i = 0; i < k; i++) if (active[i]) idx.push(i);
      const m = idx.length;
      const sub = new Float64Array(m * m);
      const rhs = new Float64Array(m);
      for (let u = 0; u < m; u++) {
        for (let v = 0; v < m; v++) sub[u * m + v] = a[idx[u] * k + idx[v]];
        rhs[u] = c[idx[u]] - l1[idx[u]] * theta[idx[u]];
      }
      const sol = m > 0 ? solveLinear(sub, rhs, m) : new Float64Array(0);
      solves++;
      if (!sol) return solves;
      // Discrete line search from b to the solution over every sign change on the way.
      const target = Float64Array.from(b);
      for (let u = 0; u < m; u++) target[idx[u]] = sol[u];
      let best = target;
      let bestF = objective(target);
      for (const j of idx) {
        if (l1[j] === 0 || b[j] === 0 || Math.sign(target[j]) === Math.sign(b[j])) continue;
        const t = b[j] / (b[j] - target[j]);
        const point = new Float64Array(k);
        for (let i = 0; i < k; i++) point[i] = b[i] + t * (target[i] - b[i]);
        point[j] = 0;
        const f = objective(point);
        if (f < bestF) {
          bestF = f;
          best = point;
        }
      }
      b.set(best);
      for (let i = 0; i < k; i++) {
        if (l1[i] > 0 && b[i] === 0) active[i] = 0;
        theta[i] = Math.sign(b[i]);
      }
      gradient(b, grad);
      let ok = true;
      for (let i = 0; i < k && ok; i++) {
        if (!active[i]) continue;
        const r = l1[i] === 0 ? grad[i] : grad[i] + l1[i] * theta[i];
        if (Math.abs(r) > tol) ok = false;
      }
      if (ok || solves >= maxSolves) break;
    }
    // Activate the zero coefficient that most violates its subgradient condition.
    let worst = -1;
    let worstV = tol;
    for (let i = 0; i < k; i++) {
      if (active[i]) continue;
      const v = Math.abs(grad[i]) - l1[i];
      if (v > worstV) {
        worstV = v;
        worst = i;
      }
    }
    if (worst < 0) return solves;
    active[worst] = 1;
    theta[worst] = -Math.sign(grad[worst]);
  }
  return solves;
}
