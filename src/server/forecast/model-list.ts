// Every model the engine can train, in display order. The ensemble combines all the others.
import { FEATURE_NAMES } from "./features";
import { arimaModel } from "./models/arima";
import { driftModel } from "./models/drift";
import { createEnsembleSpec } from "./models/ensemble";
import { gbtModel } from "./models/gbt";
import { lstmModel } from "./models/lstm";
import { naiveModel } from "./models/naive";
import { prophetModel } from "./models/prophet";
import { randomForestModel } from "./models/random-forest";
import type { ModelName, ModelSpec } from "./types";

/** Models fitted on their own (the ensemble's members). */
export const BASE_MODELS: readonly ModelSpec[] = [naiveModel, driftModel, arimaModel, randomForestModel, gbtModel, lstmModel, prophetModel];

export const ensembleModel: ModelSpec = createEnsembleSpec([...BASE_MODELS]);

export const MODELS: readonly ModelSpec[] = [...BASE_MODELS, ensembleModel];

export const AVAILABLE_MODEL_NAMES: readonly ModelName[] = MODELS.map((m) => m.name);

export function getModelSpec(name: string): ModelSpec {
  const spec = MODELS.find((m) => m.name === name);
  if (!spec) throw new Error(`Unknown model "${name}". Available: ${AVAILABLE_MODEL_NAMES.join(", ")}`);
  return spec;
}

/** Inputs a model reads, recorded in its artifact. */
export function featuresOf(name: ModelName): string[] {
  switch (name) {
    case "random_forest":
    case "gbt":
    case "lstm":
      return [...FEATURE_NAMES];
    case "ensemble":
      return ["member forecasts"];
    default:
      return ["close"];
  }
}
