// The baseline every model is measured against: tomorrow's price is today's close.
import { defineModel } from "../define-model";
import { horizonsOf, makeForecasts } from "../point";
import { HORIZON_KEYS, type FittedModel, type ModelSpec, type ModelState } from "../types";

const FORMAT = 1;

function build(hyperparameters: Record<string, unknown>): FittedModel {
  const horizons = horizonsOf(hyperparameters);
  return {
    name: "naive",
    predict: (series) => makeForecasts({ series, horizons, logReturn: () => 0 }),
    toState: (): ModelState => ({ name: "naive", format: FORMAT, hyperparameters, params: {} }),
  };
}

export const naiveModel: ModelSpec<"naive"> = defineModel({
  name: "naive",
  label: "Naive (last close)",
  features: ["close"],
  format: FORMAT,
  config: {},
  fit: (_series, opts) => build({ horizons: opts?.horizons ?? [...HORIZON_KEYS] }),
  load: (state) => {
    return build(state.hyperparameters);
  },
});
