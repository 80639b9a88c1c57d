// Which forecast models this deployment trains and serves: FORECAST_MODELS (comma-separated) or all.
// Naive is always included: it is the baseline every accuracy figure is measured against.
import { getEnv } from "@/env";
import { AVAILABLE_MODEL_NAMES, getModelSpec, MODELS } from "@/server/forecast/model-list";
import type { ModelName, ModelSpec } from "@/server/forecast/vocabulary";

export function configuredModels(): ModelName[] {
  const raw = getEnv().FORECAST_MODELS;
  if (!raw) return [...AVAILABLE_MODEL_NAMES];
  return resolveModels(raw.split(","));
}

/**
 * What serving needs: the configured names, and every model spec (the list the app hands to the engine's
 * serving; the worker thread hands the same list to training, train-worker.ts).
 */
export const servedModels = (): { configured: ModelName[]; specs: readonly ModelSpec[] } => ({ configured: configuredModels(), specs: MODELS });

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
