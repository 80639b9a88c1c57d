// Random-forest regression on a binned matrix: bootstrap rows per tree, mtry features per node.
import type { BinMapper, BinnedMatrix } from "./binning";
import { createRng } from "./rng";
import { buildTree, predictTree, type Tree } from "./tree";

export interface ForestParams {
  nTrees: number;
  maxDepth: number;
  minLeaf: number;
  /** Features tried per node. */
  mtry: number;
  /** Bootstrap sample size as a fraction of the rows; false = every tree sees every row once. */
  bootstrap: boolean;
  sampleFraction: number;
  seed: number;
}

export function fitForest({
  data,
  mapper,
  y,
  rows,
  params,
}: {
  data: BinnedMatrix;
  mapper: BinMapper;
  y: Float64Array;
  /** Rows to learn from (indices into data / y). */
  rows: Int32Array;
  params: ForestParams;
}): Tree[] {
  const rng = createRng(params.seed);
  // Squared error as a second-order objective around 0: g = -y, h = 1, lambda = 0 gives mean leaves.
  const grad = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) grad[i] = Number.isFinite(y[i]) ? -y[i] : 0;
  const hess = new Float64Array(y.length).fill(1);
  const features = Int32Array.from({ length: data.cols }, (_, j) => j);
  const size = Math.max(1, Math.round(rows.length * params.sampleFraction));
  const indices = new Int32Array(params.bootstrap ? size : rows.length);
  const trees: Tree[] = [];
  for (let k = 0; k < params.nTrees; k++) {
    if (params.bootstrap) for (let i = 0; i < size; i++) indices[i] = rows[rng.int(rows.length)];
    else indices.set(rows);
    trees.push(
      buildTree({
        data,
        mapper,
        grad,
        hess,
        indices,
        features,
        params: { maxDepth: params.maxDepth, minLeaf: params.minLeaf, minChildWeight: 0, lambda: 0, gamma: 0, featuresPerNode: params.mtry },
        rng,
      }),
    );
  }
  return trees;
}

export function predictForest(trees: Tree[], x: Float64Array, offset = 0): number {
  let s = 0;
  for (const t of trees) s += predictTree(t, x, offset);
  return s / trees.length;
}
