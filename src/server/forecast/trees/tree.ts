// One regression-tree builder for both the random forest and gradient boosting. A node's split gain is
// the second-order (XGBoost) objective: G_L^2/(H_L+lambda) + G_R^2/(H_R+lambda) - G^2/(H+lambda), with
// leaf weight -G/(H+lambda). With g = -y, h = 1 and lambda = 0 this is exactly the squared-error
// (variance-reduction) criterion and the leaf value is the mean, as in a CART regression tree.
import type { BinMapper, BinnedMatrix } from "./binning";
import { type Rng, sampleWithoutReplacement } from "./rng";

export interface TreeParams {
  maxDepth: number;
  /** Minimum number of (possibly repeated) samples per leaf. */
  minLeaf: number;
  /** Minimum hessian sum per child (XGBoost min_child_weight). */
  minChildWeight: number;
  /** L2 penalty on leaf weights. */
  lambda: number;
  /** Minimum loss reduction (XGBoost gamma) for a split; the gain is halved first, as in XGBoost. */
  gamma: number;
  /** Features tried at each node (random forest mtry); all of `features` when >= its length. */
  featuresPerNode: number;
}

/** Flat tree: node k is a leaf when feature[k] < 0. */
export interface Tree {
  feature: Int32Array;
  threshold: Float64Array;
  /** Split bin (training-time shortcut; x_bin <= bin goes left). */
  bin: Int32Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
}

interface Builder {
  feature: number[];
  threshold: number[];
  bin: number[];
  left: number[];
  right: number[];
  value: number[];
}

export interface BuildInput {
  data: BinnedMatrix;
  mapper: BinMapper;
  grad: Float64Array;
  hess: Float64Array;
  /** Row indices of the training sample (repeats allowed: bootstrap). Reordered in place. */
  indices: Int32Array;
  /** Candidate features for this tree (column subsampling). */
  features: Int32Array;
  params: TreeParams;
  rng: Rng;
}

const rowMajorCache = new WeakMap<BinnedMatrix, Uint8Array>();

/** The bins row by row (bins[r * cols + f]), made once per matrix. */
function rowMajor(data: BinnedMatrix): Uint8Array {
  let out = rowMajorCache.get(data);
  if (!out) {
    out = new Uint8Array(data.rows * data.cols);
    for (let f = 0; f < data.cols; f++) for (let r = 0; r < data.rows; r++) out[r * data.cols + f] = data.bins[f * data.rows + r];
    rowMajorCache.set(data, out);
  }
  return out;
}

export function buildTree(input: BuildInput): Tree {
  const { data, mapper, grad, hess, indices, features, params, rng } = input;
  const mtry = Math.min(params.featuresPerNode, features.length);
  // One histogram per tried feature, side by side (`stride` bins each).
  const stride = Math.max(...mapper.nBins);
  const histG = new Float64Array(stride * mtry);
  const histH = new Float64Array(stride * mtry);
  const histN = new Int32Array(stride * mtry);
  const scratch = new Int32Array(features.length);
  const picked = new Int32Array(mtry);
  const cols = data.cols;
  const rowBins = rowMajor(data);
  const b: Builder = { feature: [], threshold: [], bin: [], left: [], right: [], value: [] };
  // Gradients (and hessians) in the order of `indices`, partitioned with them: the histogram loop then
  // reads them in sequence, and the bins of a row from one place (row-major copy). Squared error (both the
  // forest and the booster) has every hessian 1: a hessian sum is then the sample count, exact in floating
  // point, so the loop skips the hessians and every gain, split and leaf is the same as with them.
  const n = indices.length;
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  let unitHess = true;
  for (let i = 0; i < n; i++) {
    g[i] = grad[indices[i]];
    h[i] = hess[indices[i]];
    if (h[i] !== 1) unitHess = false;
  }

  const grow = (start: number, end: number, depth: number): number => {
    let G = 0;
    let H = 0;
    for (let i = start; i < end; i++) {
      G += g[i];
      H += h[i];
    }
    const node = b.feature.length;
    b.feature.push(-1);
    b.threshold.push(0);
    b.bin.push(0);
    b.left.push(-1);
    b.right.push(-1);
    b.value.push(-G / (H + params.lambda));
    const count = end - start;
    if (depth >= params.maxDepth || count < 2 * params.minLeaf) return node;

    const parentScore = (G * G) / (H + params.lambda);
    let bestGain = 0;
    let bestFeature = -1;
    let bestBin = -1;
    const tried = mtry < features.length ? sampleWithoutReplacement(features.length, mtry, rng, scratch) : null;
    for (let k = 0; k < mtry; k++) picked[k] = features[tried ? tried[k] : k];
    histG.fill(0, 0, mtry * stride);
    histN.fill(0, 0, mtry * stride);
    if (!unitHess) histH.fill(0, 0, mtry * stride);
    // One pass over the node's rows (row-major bins: a row's features sit together) fills every tried
    // feature's histogram; each histogram still sums its rows in the same order.
    for (let i = start; i < end; i++) {
      const base = indices[i] * cols;
      const gi = g[i];
      for (let k = 0; k < mtry; k++) {
        const at = k * stride + rowBins[base + picked[k]];
        histG[at] += gi;
        histN[at]++;
      }
      if (!unitHess) {
        const hi = h[i];
        for (let k = 0; k < mtry; k++) histH[k * stride + rowBins[base + picked[k]]] += hi;
      }
    }
    for (let k = 0; k < mtry; k++) {
      const f = picked[k];
      const nb = mapper.nBins[f];
      if (nb < 2) continue;
      const o = k * stride;
      let gl = 0;
      let hl = 0;
      let nl = 0;
      for (let s = 0; s < nb - 1; s++) {
        gl += histG[o + s];
        nl += histN[o + s];
        hl = unitHess ? nl : hl + histH[o + s];
        if (histN[o + s] === 0) continue;
        const nr = count - nl;
        if (nl < params.minLeaf) continue;
        if (nr < params.minLeaf) break;
        const hr = H - hl;
        if (hl < params.minChildWeight || hr < params.minChildWeight) continue;
        const gr = G - gl;
        const gain = (gl * gl) / (hl + params.lambda) + (gr * gr) / (hr + params.lambda) - parentScore;
        if (gain > bestGain) {
          bestGain = gain;
          bestFeature = f;
          bestBin = s;
        }
      }
    }
    if (bestFeature < 0 || 0.5 * bestGain <= params.gamma) return node;

    // Partition indices[start:end] (and their gradients) so rows going left come first.
    const col = bestFeature * data.rows;
    let i = start;
    let j = end - 1;
    while (i <= j) {
      if (data.bins[col + indices[i]] <= bestBin) i++;
      else {
        const ti = indices[i];
        indices[i] = indices[j];
        indices[j] = ti;
        const tg = g[i];
        g[i] = g[j];
        g[j] = tg;
        const th = h[i];
        h[i] = h[j];
        h[j] = th;
        j--;
      }
    }
    b.feature[node] = bestFeature;
    b.threshold[node] = mapper.edges[bestFeature][bestBin];
    b.bin[node] = bestBin;
    b.left[node] = grow(start, i, depth + 1);
    b.right[node] = grow(i, end, depth + 1);
    return node;
  };

  grow(0, n, 0);
  return {
    feature: Int32Array.from(b.feature),
    threshold: Float64Array.from(b.threshold),
    bin: Int32Array.from(b.bin),
    left: Int32Array.from(b.left),
    right: Int32Array.from(b.right),
    value: Float64Array.from(b.value),
  };
}

/** Prediction from raw feature values (row-major x starting at offset); NaN goes right. */
export function predictTree(tree: Tree, x: Float64Array, offset = 0): number {
  let k = 0;
  while (tree.feature[k] >= 0) k = x[offset + tree.feature[k]] <= tree.threshold[k] ? tree.left[k] : tree.right[k];
  return tree.value[k];
}

/** Prediction for training row r straight from its bins. */
export function predictTreeBinned(tree: Tree, data: BinnedMatrix, r: number): number {
  let k = 0;
  while (tree.feature[k] >= 0) k = data.bins[tree.feature[k] * data.rows + r] <= tree.bin[k] ? tree.left[k] : tree.right[k];
  return tree.value[k];
}
