// Which forecast models this deployment trains and serves: FORECAST_MODELS (comma-separated) or all.
// Naive is always included: it is the baseline every accuracy figure is measured against.
import { getEnv } from "@/env";
import { AVAILABLE_MODEL_NAMES, getModelSpec } from "@/server/forecast/model-list";
import type { HorizonKey, ModelName } from "@/server/forecast/types";
import { HORIZONS } from "@/server/forecast/types";

export function configuredModels(): ModelName[] {
  const raw = getEnv().FORECAST_MODELS;
  if (!raw) return [...AVAILABLE_MODEL_NAMES];
  return resolveModels(raw.split(","));
}

/** Validates names (an unknown one fails fast and names the setting) and keeps display order. */
export function resolveModels(names: readonly string[]): ModelName[] {
  const wanted = new Set(names.map((n) => n.trim()).filter(Boolean));
  for (const n of wanted) {
    try {
      getModelSpec(n);
    } catch (err) {
      throw new Error(`FORECAST_MODELS: ${(err as Error).message}`);
    }
  }
  wanted.add("naive");
  return AVAILABLE_MODEL_NAMES.filter((n) => wanted.has(n));
}

/** ModelMetric.horizon and Prediction.horizon store trading days. */
export const horizonSteps = (h: HorizonKey): number => HORIZONS[h];
export const horizonKeyOf = (steps: number): HorizonKey | undefined =>
  (Object.keys(HORIZONS) as HorizonKey[]).find((k) => HORIZONS[k] === steps);
