// The k-th smallest value of an array by selection (Hoare's quickselect with a median-of-three pivot), the
// value a full sort would put at place k - 1, in O(n) expected time instead of a sort's O(n log n). The
// conformal intervals take three order statistics of 500 scores at each of thousands of origins: a sort per
// origin was most of a retrain's interval cost.

/** The k-th smallest (1-based) of `xs`, reordering `xs` in place. NaN counts as larger than every number, as in a typed-array sort. */
export function kthSmallest(xs: Float64Array, k: number): number {
  const n = xs.length;
  if (!(k >= 1 && k <= n)) throw new RangeError(`k must be in 1..${n}, got ${k}`);
  // NaN breaks the comparisons below: such a set (never one of the engine's) is sorted instead.
  for (let i = 0; i < n; i++) if (xs[i] !== xs[i]) return xs.sort()[k - 1];
  const target = k - 1;
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of three to the middle: sorted data (common here) stays O(n).
    if (xs[mid] < xs[lo]) swap(xs, mid, lo);
    if (xs[hi] < xs[lo]) swap(xs, hi, lo);
    if (xs[hi] < xs[mid]) swap(xs, hi, mid);
    const pivot = xs[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (xs[i] < pivot) i++;
      while (xs[j] > pivot) j--;
      if (i <= j) {
        swap(xs, i, j);
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return xs[target];
  }
  return xs[target];
}

function swap(xs: Float64Array, a: number, b: number): void {
  const t = xs[a];
  xs[a] = xs[b];
  xs[b] = t;
}
