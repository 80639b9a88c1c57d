// Ledoit–Wolf shrinkage of a sample covariance toward the constant-correlation target (Ledoit & Wolf 2004,
// "Honey, I shrunk the sample covariance matrix", J. Portfolio Management 30(4)). With a few hundred days and
// up to a few dozen symbols the sample correlations are noisy; pulling them toward their average by the
// estimated optimal intensity keeps the matrix well conditioned and the tails of the portfolio honest.
// Pure: written element by element from the paper's formulas; tests/unit/portfolios checks it against values
// computed independently (scripts/golden/ledoit_wolf.py, the matrix form of the authors' covCor.m).

export interface ShrunkCovariance {
  k: number;
  /** Row-major k x k. */
  covariance: Float64Array;
  /** Row-major k x k, unit diagonal. */
  correlation: Float64Array;
  /** Weight of the target, in [0, 1]. */
  shrinkage: number;
  /** Average sample correlation (the target's off-diagonal correlation). */
  meanCorrelation: number;
}

/** Shrunk covariance of k series of T observations each (columns: one array per series, equal lengths). */
export function ledoitWolfConstantCorrelation(columns: readonly ArrayLike<number>[]): ShrunkCovariance {
  const k = columns.length;
  const T = k ? columns[0].length : 0;
  if (k === 0 || T < 2) throw new Error(`shrinkage needs at least 2 observations of at least 1 series (got ${k} x ${T})`);
  if (columns.some((c) => c.length !== T)) throw new Error("shrinkage: every series needs the same number of observations");
  const y = columns.map((c) => {
    let m = 0;
    for (let t = 0; t < T; t++) m += c[t];
    m /= T;
    return Float64Array.from({ length: T }, (_, t) => c[t] - m);
  });
  const s = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let acc = 0;
      for (let t = 0; t < T; t++) acc += y[i][t] * y[j][t];
      s[i * k + j] = s[j * k + i] = acc / T;
    }
  }
  const sd = Float64Array.from({ length: k }, (_, i) => Math.sqrt(s[i * k + i]));
  if (sd.some((v) => !(v > 0))) throw new Error("shrinkage: a series has zero variance");
  if (k === 1) return { k, covariance: s, correlation: Float64Array.of(1), shrinkage: 0, meanCorrelation: 1 };

  let rSum = 0;
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) rSum += s[i * k + j] / (sd[i] * sd[j]);
  const rBar = (2 * rSum) / (k * (k - 1));
  const f = (i: number, j: number) => (i === j ? s[i * k + i] : rBar * sd[i] * sd[j]);

  // pi-hat: the summed asymptotic variances of the sample covariances.
  let pi = 0;
  let piDiag = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let acc = 0;
      const sij = s[i * k + j];
      for (let t = 0; t < T; t++) {
        const d = y[i][t] * y[j][t] - sij;
        acc += d * d;
      }
      const pij = acc / T;
      pi += i === j ? pij : 2 * pij;
      if (i === j) piDiag += pij;
    }
  }
  // rho-hat: the summed asymptotic covariances of the target's entries with the sample's.
  let rhoOff = 0;
  for (let i = 0; i < k; i++) {
    const sii = s[i * k + i];
    for (let j = 0; j < k; j++) {
      if (i === j) continue;
      const sij = s[i * k + j];
      let acc = 0;
      for (let t = 0; t < T; t++) acc += (y[i][t] * y[i][t] - sii) * (y[i][t] * y[j][t] - sij);
      rhoOff += (sd[j] / sd[i]) * (acc / T);
    }
  }
  const rho = piDiag + rBar * rhoOff;
  // gamma-hat: how far the target is from the sample.
  let gamma = 0;
  let size = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      gamma += (f(i, j) - s[i * k + j]) ** 2;
      size += s[i * k + j] ** 2;
    }
  }
  // Every sample correlation equal (always so for two series): the target is the sample up to rounding, any
  // intensity gives the same matrix, and none is reported.
  const shrinkage = gamma > 1e-20 * size ? Math.max(0, Math.min(1, (pi - rho) / gamma / T)) : 0;

  const covariance = new Float64Array(k * k);
  const correlation = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const c = shrinkage * f(i, j) + (1 - shrinkage) * s[i * k + j];
      covariance[i * k + j] = c;
      correlation[i * k + j] = i === j ? 1 : c / (sd[i] * sd[j]);
    }
  }
  return { k, covariance, correlation, shrinkage, meanCorrelation: rBar };
}
