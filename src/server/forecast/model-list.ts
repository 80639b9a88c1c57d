// Every model the engine can train, in display order (the names: model-names.ts). The ensemble combines all
// the others. The app hands this list to training and serving (as statsforecast passes its models); the
// engine's train.ts and serve.ts never import it.
import { arimaModel } from "./models/arima";
import { driftModel } from "./models/drift";
import { createEnsembleSpec } from "./models/ensemble";
import { gbtModel } from "./models/gbt";
import { lstmModel } from "./models/lstm";
import { naiveModel } from "./models/naive";
import { prophetModel } from "./models/prophet";
import { randomForestModel } from "./models/random-forest";
import { MODEL_NAMES, type ModelName } from "./model-names";
import type { ModelSpec } from "./types";

/** Models fitted on their own (the ensemble's members). Adding a model: its file, one entry here, its name in model-names.ts. */
export const BASE_MODELS = [naiveModel, driftModel, arimaModel, randomForestModel, gbtModel, lstmModel, prophetModel] as const;

export const ensembleModel: ModelSpec<"ensemble"> = createEnsembleSpec(BASE_MODELS as readonly ModelSpec[]);

export const MODELS = [...BASE_MODELS, ensembleModel] as const;

// The list's names are exactly the vocabulary's (model-names.ts): a model missing on either side fails to compile.
type ListNames = (typeof MODELS)[number]["name"];
const sameNames: [ListNames] extends [ModelName] ? ([ModelName] extends [ListNames] ? true : never) : never = true;
void sameNames;
export { MODEL_NAMES, type ModelName };
export const AVAILABLE_MODEL_NAMES: readonly ModelName[] = MODEL_NAMES;
export const MODEL_LABELS = Object.fromEntries(MODELS.map((m) => [m.name, m.label])) as Record<ModelName, string>;

export function getModelSpec(name: string): ModelSpec {
  const spec = (MODELS as readonly ModelSpec<string>[]).find((m) => m.name === name);
  if (!spec) throw new Error(`Unknown model "${name}". Available: ${AVAILABLE_MODEL_NAMES.join(", ")}`);
  return spec as ModelSpec;
}
