// Random forest on technical features, one forest per horizon, predicting the h-day log return.
import { defineModel } from "../define-model";
import { FEATURE_NAMES } from "../features";
import { binMatrix, fitBins } from "../trees/binning";
import { fitForest, predictForest, type ForestParams } from "../trees/forest";
import { packTrees, unpackTrees, type PackedTrees } from "../trees/pack";
import type { Tree } from "../trees/tree";
import { horizonsOf, makeForecasts } from "../point";
import { HORIZON_KEYS, type FittedModel, type HorizonKey, type ModelSpec, type ModelState } from "../types";
import { buildTrainingSet, checkFeatureNames, recentFeatures, rowsWithTarget } from "./ml-dataset";

const FORMAT = 1;

export interface RandomForestHyper {
  horizons: HorizonKey[];
  /** Most recent complete-feature rows used for training (~10 years). */
  window: number;
  nTrees: number;
  maxDepth: number;
  /** Large leaves: daily returns are mostly noise, so small leaves just memorise it. */
  minLeaf: number;
  mtry: number;
  sampleFraction: number;
  maxBins: number;
  seed: number;
}

export const RANDOM_FOREST_DEFAULTS: Omit<RandomForestHyper, "horizons" | "seed" | "mtry"> = {
  window: 2500,
  nTrees: 100,
  maxDepth: 6,
  minLeaf: 40,
  sampleFraction: 1,
  maxBins: 64,
};

interface Params {
  featureNames: string[];
  forests: Partial<Record<HorizonKey, PackedTrees>>;
}

function build(hyper: RandomForestHyper, params: Params, forests: Partial<Record<HorizonKey, Tree[]>>): FittedModel {
  return {
    name: "random_forest",
    predict: (series) => {
      const fm = recentFeatures({ series, count: 1 });
      return makeForecasts({ series, horizons: hyper.horizons, logReturn: (_, h) => predictForest(forests[h]!, fm.data) });
    },
    toState: (): ModelState => ({ name: "random_forest", format: FORMAT, hyperparameters: { ...hyper }, params }),
  };
}

export const randomForestModel: ModelSpec<"random_forest"> = defineModel({
  name: "random_forest",
  label: "Random forest",
  features: FEATURE_NAMES,
  refitEvery: 63,
  format: FORMAT,
  config: RANDOM_FOREST_DEFAULTS,
  fit: (series, opts) => {
    const set = buildTrainingSet({ series, window: RANDOM_FOREST_DEFAULTS.window });
    const hyper: RandomForestHyper = {
      ...RANDOM_FOREST_DEFAULTS,
      horizons: opts?.horizons ?? [...HORIZON_KEYS],
      mtry: Math.max(1, Math.floor(set.cols / 3)),
      seed: opts?.seed ?? 42,
    };
    if (set.rows < 2 * hyper.minLeaf) throw new Error(`random_forest: ${series.symbol} has too few complete rows (${set.rows})`);
    const mapper = fitBins(set.X, set.rows, set.cols, hyper.maxBins);
    const data = binMatrix(set.X, set.rows, set.cols, mapper);
    const forests: Partial<Record<HorizonKey, Tree[]>> = {};
    hyper.horizons.forEach((h, k) => {
      const fp: ForestParams = { ...hyper, bootstrap: true, seed: hyper.seed + 1000 * k };
      forests[h] = fitForest({ data, mapper, y: set.y[h], rows: rowsWithTarget(set, h), params: fp });
    });
    const packed: Params["forests"] = {};
    for (const h of hyper.horizons) packed[h] = packTrees(forests[h]!);
    return build(hyper, { featureNames: set.names, forests: packed }, forests);
  },
  load: (state) => {
    const params = state.params as Params;
    checkFeatureNames(params.featureNames, "random_forest");
    const hyper = { ...(state.hyperparameters as unknown as RandomForestHyper), horizons: horizonsOf(state.hyperparameters) };
    const forests: Partial<Record<HorizonKey, Tree[]>> = {};
    for (const h of hyper.horizons) {
      if (!params.forests?.[h]) throw new Error(`random_forest: state lacks the ${h} forest`);
      forests[h] = unpackTrees(params.forests[h]);
    }
    return build(hyper, params, forests);
  },
});
