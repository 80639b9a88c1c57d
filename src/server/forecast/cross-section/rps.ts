// The ranked probability score of a cross-sectional quintile forecast, as the M6 competition defines it: for
// each asset, the mean over the 5 quintiles of the squared difference between the cumulative predicted and
// the cumulative realised quintile vectors; then the mean over assets. The uniform forecast (0.2 each) scores
// 0.16 when the quintiles are equally full (and, with quintilesOf below, for 23 assets too).
export const QUINTILES = 5;
export const UNIFORM: readonly number[] = Array(QUINTILES).fill(1 / QUINTILES);

/**
 * Quintile (0 lowest .. 4 highest return) of each value: rank r = 1..N in ascending order (ties broken by
 * position, so the result is a function of the values alone), quintile ceil(5 r / N) - 1.
 */
export function quintilesOf(values: ArrayLike<number>): Uint8Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  const out = new Uint8Array(n);
  order.forEach((i, k) => (out[i] = Math.ceil((QUINTILES * (k + 1)) / n) - 1));
  return out;
}

/** RPS of one asset: probabilities of quintiles 0..4 against the quintile it landed in. */
export function rpsOne(probs: ArrayLike<number>, outcome: number): number {
  let cp = 0;
  let s = 0;
  for (let q = 0; q < QUINTILES; q++) {
    cp += probs[q];
    const co = q >= outcome ? 1 : 0;
    s += (cp - co) ** 2;
  }
  return s / QUINTILES;
}

/** RPS of a cross-section: the mean over assets. */
export function rps(probs: readonly ArrayLike<number>[], outcomes: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < probs.length; i++) s += rpsOne(probs[i], outcomes[i]);
  return s / probs.length;
}
