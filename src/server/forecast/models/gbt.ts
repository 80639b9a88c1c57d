// Gradient-boosted trees (XGBoost style) on technical features, one booster per horizon, predicting the
// h-day log return. The round count is chosen by early stopping on the most recent 20% of the window
// (after a gap of h rows, because h-day targets overlap), then the booster is refit on the whole window
// with that many rounds so the latest bars are learned from too. Walk-forward refits between two cold
// ones (every fourth quarterly refit, see refits.ts) keep the cold fit's round counts and skip the probe.
import { defineModel } from "../define-model";
import { FEATURE_NAMES } from "../features";
import { binMatrix, fitBins } from "../trees/binning";
import { fitBoosting, predictBoosting, type BoostParams } from "../trees/boosting";
import { packTrees, unpackTrees, type PackedTrees } from "../trees/pack";
import type { Tree } from "../trees/tree";
import { horizonsOf, makeForecasts } from "../point";
import { HORIZON_KEYS, HORIZONS, type FittedModel, type HorizonKey, type ModelSpec, type ModelState } from "../types";
import { buildTrainingSet, checkFeatureNames, recentFeatures, rowsWithTarget } from "./ml-dataset";

const FORMAT = 1;

export interface GbtHyper extends Omit<BoostParams, "seed"> {
  horizons: HorizonKey[];
  window: number;
  validationFraction: number;
  maxBins: number;
  seed: number;
}

export const GBT_DEFAULTS: Omit<GbtHyper, "horizons" | "seed"> = {
  window: 2500,
  validationFraction: 0.2,
  maxBins: 64,
  maxRounds: 300,
  eta: 0.05,
  maxDepth: 3,
  lambda: 1,
  gamma: 0,
  minChildWeight: 30,
  subsample: 0.8,
  colsample: 0.8,
  patience: 30,
};

interface Booster {
  base: number;
  rounds: number;
  trees: PackedTrees;
}

interface Params {
  featureNames: string[];
  boosters: Partial<Record<HorizonKey, Booster>>;
  /** Round counts chosen by early stopping in this fit, or kept from the fit it was warm-started from. */
  roundsFrom?: "early_stopping" | "warm";
}

/** Per horizon, the round count of the fit a warm start comes from (when it is a GBT state with every horizon). */
function warmRounds(warm: ModelState | undefined, horizons: readonly HorizonKey[]): Partial<Record<HorizonKey, number>> | undefined {
  const b = warm?.name === "gbt" ? (warm.params as Params).boosters : undefined;
  if (!b || !horizons.every((h) => Number.isInteger(b[h]?.rounds))) return undefined;
  return Object.fromEntries(horizons.map((h) => [h, b[h]!.rounds]));
}

type Live = Partial<Record<HorizonKey, { base: number; trees: Tree[] }>>;

function build(hyper: GbtHyper, params: Params, boosters: Live): FittedModel {
  return {
    name: "gbt",
    predict: (series) => {
      const fm = recentFeatures({ series, count: 1 });
      return makeForecasts({ series, horizons: hyper.horizons, logReturn: (_, h) => predictBoosting(boosters[h]!, fm.data) });
    },
    toState: (): ModelState => ({ name: "gbt", format: FORMAT, hyperparameters: { ...hyper }, params }),
  };
}

export const gbtModel: ModelSpec<"gbt"> = defineModel({
  name: "gbt",
  label: "Gradient-boosted trees",
  features: FEATURE_NAMES,
  refitEvery: 63,
  format: FORMAT,
  config: GBT_DEFAULTS,
  warmStart: { coldEvery: 4 },
  // Early stopping kept no round: the booster is its base value, the training-mean return.
  fellBack: (model) => {
    const p = model.toState().params as Params;
    return (Object.keys(p.boosters) as HorizonKey[]).filter((h) => p.boosters[h]!.rounds === 0);
  },
  fit: (series, opts) => {
    const hyper: GbtHyper = { ...GBT_DEFAULTS, horizons: opts?.horizons ?? [...HORIZON_KEYS], seed: opts?.seed ?? 42 };
    const set = buildTrainingSet({ series, window: hyper.window });
    if (set.rows < 100) throw new Error(`gbt: ${series.symbol} has too few complete rows (${set.rows})`);
    const mapper = fitBins(set.X, set.rows, set.cols, hyper.maxBins);
    const data = binMatrix(set.X, set.rows, set.cols, mapper);
    const live: Live = {};
    const kept = warmRounds(opts?.warm, hyper.horizons);
    const params: Params = { featureNames: set.names, boosters: {}, roundsFrom: kept ? "warm" : "early_stopping" };
    hyper.horizons.forEach((h, k) => {
      const all = rowsWithTarget(set, h);
      const bp: BoostParams = { ...hyper, seed: hyper.seed + 1000 * k };
      let rounds = kept?.[h];
      if (rounds === undefined) {
        const nValid = Math.floor(all.length * hyper.validationFraction);
        const train = all.slice(0, Math.max(0, all.length - nValid - HORIZONS[h]));
        const valid = all.slice(all.length - nValid);
        rounds = fitBoosting({ data, mapper, y: set.y[h], train, valid, params: bp }).trees.length;
      }
      const final = fitBoosting({ data, mapper, y: set.y[h], train: all, params: { ...bp, maxRounds: rounds } });
      live[h] = final;
      params.boosters[h] = { base: final.base, rounds, trees: packTrees(final.trees) };
    });
    return build(hyper, params, live);
  },
  load: (state) => {
    const params = state.params as Params;
    checkFeatureNames(params.featureNames, "gbt");
    const hyper = { ...(state.hyperparameters as unknown as GbtHyper), horizons: horizonsOf(state.hyperparameters) };
    const live: Live = {};
    for (const h of hyper.horizons) {
      const b = params.boosters?.[h];
      if (!b || typeof b.base !== "number") throw new Error(`gbt: state lacks the ${h} booster`);
      live[h] = { base: b.base, trees: unpackTrees(b.trees) };
    }
    return build(hyper, params, live);
  },
});
