// Every model the engine can train, in display order. The ensemble combines all the others.
import { arimaModel } from "./models/arima";
import { driftModel } from "./models/drift";
import { createEnsembleSpec } from "./models/ensemble";
import { gbtModel } from "./models/gbt";
import { lstmModel } from "./models/lstm";
import { naiveModel } from "./models/naive";
import { prophetModel } from "./models/prophet";
import { randomForestModel } from "./models/random-forest";
import type { ModelSpec } from "./types";

/** Models fitted on their own (the ensemble's members). Adding a model: its file, and one entry here. */
export const BASE_MODELS = [naiveModel, driftModel, arimaModel, randomForestModel, gbtModel, lstmModel, prophetModel] as const;

export const ensembleModel: ModelSpec<"ensemble"> = createEnsembleSpec(BASE_MODELS as readonly ModelSpec[]);

export const MODELS = [...BASE_MODELS, ensembleModel] as const;

/** The model names, derived from the list. */
export type ModelName = (typeof MODELS)[number]["name"];
export const MODEL_NAMES = MODELS.map((m) => m.name) as unknown as readonly [ModelName, ...ModelName[]];
export const AVAILABLE_MODEL_NAMES: readonly ModelName[] = MODEL_NAMES;
export const MODEL_LABELS = Object.fromEntries(MODELS.map((m) => [m.name, m.label])) as Record<ModelName, string>;

export function getModelSpec(name: string): ModelSpec {
  const spec = (MODELS as readonly ModelSpec<string>[]).find((m) => m.name === name);
  if (!spec) throw new Error(`Unknown model "${name}". Available: ${AVAILABLE_MODEL_NAMES.join(", ")}`);
  return spec as ModelSpec;
}
