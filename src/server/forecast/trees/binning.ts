// Quantile binning: each feature is mapped once to at most maxBins ordered bins, so split search is a
// histogram scan over bins instead of a sort per node. A feature with at most maxBins distinct values
// gets one bin per value, which makes the histogram search exact (same splits as a sorted search).

export interface BinMapper {
  /** Per feature, ascending upper edges: value x falls in the first bin b with x <= edges[b]. */
  edges: Float64Array[];
  /** Per feature, number of bins (edges.length + 1; NaN and values above the last edge use the last bin). */
  nBins: Int32Array;
}

export interface BinnedMatrix {
  rows: number;
  cols: number;
  /** Column-major bins: bins[f * rows + i]. */
  bins: Uint8Array;
}

/** Builds edges from the finite values of each column of a row-major matrix. */
export function fitBins(X: Float64Array, rows: number, cols: number, maxBins = 64): BinMapper {
  if (maxBins < 2 || maxBins > 256) throw new Error("maxBins must be in 2..256");
  const edges: Float64Array[] = [];
  const nBins = new Int32Array(cols);
  const col = new Float64Array(rows);
  for (let f = 0; f < cols; f++) {
    let m = 0;
    for (let i = 0; i < rows; i++) {
      const v = X[i * cols + f];
      if (Number.isFinite(v)) col[m++] = v;
    }
    const sorted = col.subarray(0, m).slice().sort();
    const distinct: number[] = [];
    for (let i = 0; i < m; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
    const e: number[] = [];
    if (distinct.length <= maxBins) {
      for (let i = 0; i + 1 < distinct.length; i++) e.push(midpoint(distinct[i], distinct[i + 1]));
    } else {
      // Cut at quantiles; each cut sits halfway to the next distinct value so ties stay in one bin.
      for (let b = 1; b < maxBins; b++) {
        const idx = Math.floor((b * m) / maxBins);
        const v = sorted[idx - 1];
        let j = idx;
        while (j < m && sorted[j] === v) j++;
        if (j >= m) break;
        const edge = midpoint(v, sorted[j]);
        if (e.length === 0 || edge > e[e.length - 1]) e.push(edge);
      }
    }
    edges.push(Float64Array.from(e));
    nBins[f] = e.length + 1;
  }
  return { edges, nBins };
}

function midpoint(a: number, b: number): number {
  const m = a + (b - a) / 2;
  // Guard against rounding up to b, which would put b on the wrong side.
  return m < b ? m : a;
}

export function binValue(edges: Float64Array, x: number): number {
  if (!(x <= edges[edges.length - 1])) return edges.length; // also NaN
  let lo = 0;
  let hi = edges.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x <= edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function binMatrix(X: Float64Array, rows: number, cols: number, mapper: BinMapper): BinnedMatrix {
  const bins = new Uint8Array(rows * cols);
  for (let f = 0; f < cols; f++) {
    const e = mapper.edges[f];
    for (let i = 0; i < rows; i++) bins[f * rows + i] = e.length === 0 ? 0 : binValue(e, X[i * cols + f]);
  }
  return { rows, cols, bins };
}
