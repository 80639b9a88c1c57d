// XGBoost-style gradient boosting for squared error: each round fits a tree to the gradient and hessian
// of the loss at the current prediction, leaf weights -G/(H+lambda) scaled by eta, with row and column
// subsampling. Early stopping watches a validation set; the number of rounds kept is the best one.
import type { BinMapper, BinnedMatrix } from "./binning";
import { createRng, sampleWithoutReplacement } from "./rng";
import { buildTree, predictTree, predictTreeBinned, type Tree } from "./tree";

export interface BoostParams {
  maxRounds: number;
  eta: number;
  maxDepth: number;
  lambda: number;
  gamma: number;
  minChildWeight: number;
  /** Fraction of training rows sampled (without replacement) per round. */
  subsample: number;
  /** Fraction of features sampled per tree. */
  colsample: number;
  /** Stop after this many rounds without a better validation loss. */
  patience: number;
  seed: number;
}

export interface BoostedModel {
  base: number;
  trees: Tree[];
  /** Validation MSE per round (empty without a validation set). */
  validationLoss: number[];
}

export function fitBoosting({
  data,
  mapper,
  y,
  train,
  valid,
  params,
}: {
  data: BinnedMatrix;
  mapper: BinMapper;
  y: Float64Array;
  train: Int32Array;
  /** Rows for early stopping; without them all maxRounds rounds are kept. */
  valid?: Int32Array;
  params: BoostParams;
}): BoostedModel {
  const rng = createRng(params.seed);
  let base = 0;
  for (const r of train) base += y[r];
  base /= Math.max(1, train.length);
  const pred = new Float64Array(y.length).fill(base);
  const grad = new Float64Array(y.length);
  const hess = new Float64Array(y.length).fill(1);
  const nRows = Math.max(1, Math.round(train.length * params.subsample));
  const nCols = Math.max(1, Math.round(data.cols * params.colsample));
  const rowScratch = new Int32Array(train.length);
  const colScratch = new Int32Array(data.cols);
  const trees: Tree[] = [];
  const validationLoss: number[] = [];
  let best = Infinity;
  let bestRounds = 0;
  const validLoss = () => {
    let s = 0;
    for (const r of valid!) s += (pred[r] - y[r]) ** 2;
    return s / valid!.length;
  };
  const hasValid = valid !== undefined && valid.length > 0;
  if (hasValid) best = validLoss();

  for (let round = 0; round < params.maxRounds; round++) {
    for (const r of train) grad[r] = pred[r] - y[r];
    const picked = sampleWithoutReplacement(train.length, nRows, rng, rowScratch);
    const indices = new Int32Array(nRows);
    for (let i = 0; i < nRows; i++) indices[i] = train[picked[i]];
    const features = sampleWithoutReplacement(data.cols, nCols, rng, colScratch).sort();
    const tree = buildTree({
      data,
      mapper,
      grad,
      hess,
      indices,
      features,
      params: {
        maxDepth: params.maxDepth,
        minLeaf: 1,
        minChildWeight: params.minChildWeight,
        lambda: params.lambda,
        gamma: params.gamma,
        featuresPerNode: nCols,
      },
      rng,
    });
    for (let k = 0; k < tree.value.length; k++) tree.value[k] *= params.eta;
    trees.push(tree);
    for (const r of train) pred[r] += predictTreeBinned(tree, data, r);
    if (!hasValid) continue;
    for (const r of valid!) pred[r] += predictTreeBinned(tree, data, r);
    const loss = validLoss();
    validationLoss.push(loss);
    if (loss < best) {
      best = loss;
      bestRounds = round + 1;
    } else if (round + 1 - bestRounds >= params.patience) break;
  }
  return { base, trees: hasValid ? trees.slice(0, bestRounds) : trees, validationLoss };
}

export function predictBoosting(model: { base: number; trees: Tree[] }, x: Float64Array, offset = 0): number {
  let s = model.base;
  for (const t of model.trees) s += predictTree(t, x, offset);
  return s;
}
