// One model spec: its name, label, inputs, walk-forward refit cadence and artifact state format beside
// fit and load. defineModel does the state checks every model's load would otherwise repeat.
import type { FittedModel, ModelSpec, ModelState } from "./types";

export function defineModel<const N extends string>(def: ModelSpec<N>): ModelSpec<N> {
  return {
    ...def,
    load: (state: ModelState) => {
      if (!state || state.name !== def.name || state.format !== def.format) {
        throw new Error(`${def.name}: unsupported state ${state?.name}/${state?.format}`);
      }
      if (state.params === null || typeof state.params !== "object") throw new Error(`${def.name}: bad params`);
      return def.load(state) as FittedModel | Promise<FittedModel>;
    },
  };
}
