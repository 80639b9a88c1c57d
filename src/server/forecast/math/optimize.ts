// Quasi-Newton minimisation (BFGS with a dense inverse-Hessian, fine for <= ~20 parameters) using
// central finite-difference gradients (the ARIMA likelihood has no cheap analytic gradient), or the
// objective's own gradient when it has one (`fg`, the GARCH likelihood).

export interface MinimizeResult {
  x: Float64Array;
  f: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
}

export interface MinimizeOptions {
  /** Stop when the largest gradient component is below this. */
  gtol?: number;
  maxIter?: number;
  /** Finite-difference step (relative to max(1, |x_i|)). */
  step?: number;
  /** Central differences (2 evaluations per parameter) instead of forward differences (1). */
  central?: boolean;
  /**
   * The objective and its gradient in one call (writes the gradient into `g`, returns f): replaces the
   * finite differences, and every line-search trial then yields its gradient with its value.
   */
  fg?: (x: Float64Array, g: Float64Array) => number;
}

export function numericGradient(
  f: (x: Float64Array) => number,
  x: Float64Array,
  step: number,
  out: Float64Array,
  central = true,
  fx = NaN,
): number {
  let evals = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const h = step * Math.max(1, Math.abs(xi));
    x[i] = xi + h;
    const fp = f(x);
    if (central) {
      x[i] = xi - h;
      const fm = f(x);
      out[i] = (fp - fm) / (2 * h);
      evals += 2;
    } else {
      out[i] = (fp - fx) / h;
      evals += 1;
    }
    x[i] = xi;
  }
  return evals;
}

export function minimizeBfgs(f: (x: Float64Array) => number, x0: ArrayLike<number>, opts: MinimizeOptions = {}): MinimizeResult {
  const gtol = opts.gtol ?? 1e-8;
  const maxIter = opts.maxIter ?? 200;
  const central = opts.central ?? true;
  const step = opts.step ?? (central ? 1e-6 : 1e-7);
  const n = x0.length;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  const fg = opts.fg;
  let fx = fg ? fg(x, g) : f(x);
  let evaluations = 1;
  if (n === 0) return { x, f: fx, iterations: 0, evaluations, converged: true };
  if (!fg) evaluations += numericGradient(f, x, step, g, central, fx);
  const h = new Float64Array(n * n);
  for (let i = 0; i < n; i++) h[i * n + i] = 1;
  const d = new Float64Array(n);
  const xn = new Float64Array(n);
  const gn = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const hy = new Float64Array(n);
  let converged = false;
  let it = 0;
  for (; it < maxIter; it++) {
    if (maxAbs(g) < gtol) {
      converged = true;
      break;
    }
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = 0; j < n; j++) v -= h[i * n + j] * g[j];
      d[i] = v;
    }
    let slope = dot(d, g);
    if (!(slope < 0)) {
      // Lost positive definiteness: restart from steepest descent.
      h.fill(0);
      for (let i = 0; i < n; i++) {
        h[i * n + i] = 1;
        d[i] = -g[i];
      }
      slope = -dot(g, g);
    }
    // Cap the first step so a unit-scale direction cannot jump across the parameter space.
    let t = 1;
    const dn = Math.sqrt(dot(d, d));
    if (dn > 5) t = 5 / dn;
    let fnew = Infinity;
    for (let ls = 0; ls < 40; ls++) {
      for (let i = 0; i < n; i++) xn[i] = x[i] + t * d[i];
      fnew = fg ? fg(xn, gn) : f(xn);
      evaluations++;
      if (Number.isFinite(fnew) && fnew <= fx + 1e-4 * t * slope) break;
      // Quadratic interpolation of the step, safeguarded to [0.1t, 0.5t].
      const denom = 2 * (fnew - fx - slope * t);
      let tq = Number.isFinite(fnew) && denom > 0 ? (-slope * t * t) / denom : 0.5 * t;
      tq = Math.min(0.5 * t, Math.max(0.1 * t, tq));
      t = tq;
      fnew = Infinity;
    }
    if (!Number.isFinite(fnew)) break;
    if (!fg) evaluations += numericGradient(f, xn, step, gn, central, fnew);
    for (let i = 0; i < n; i++) {
      s[i] = xn[i] - x[i];
      y[i] = gn[i] - g[i];
    }
    const improvement = fx - fnew;
    x.set(xn);
    g.set(gn);
    fx = fnew;
    const sy = dot(s, y);
    if (sy > 1e-18) {
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < n; j++) v += h[i * n + j] * y[j];
        hy[i] = v;
      }
      const yhy = dot(y, hy);
      const rho = 1 / sy;
      const c = (1 + yhy * rho) * rho;
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) h[i * n + j] += c * s[i] * s[j] - rho * (hy[i] * s[j] + s[i] * hy[j]);
    }
    if (improvement >= 0 && improvement < 1e-16 * Math.max(1, Math.abs(fx)) && maxAbs(g) < gtol * 100) {
      converged = true;
      it++;
      break;
    }
  }
  return { x, f: fx, iterations: it, evaluations, converged };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}
