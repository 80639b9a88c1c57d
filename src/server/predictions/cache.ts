import "server-only";
// The prediction cache, owned here: one payload per model version tag, symbol and origin date. An entry is
// served only while it names exactly the versions the request loaded (inputs.ts), so a promotion, a
// rollback or a change of FORECAST_MODELS is a miss at once, and neither training nor the registry has to
// drop anything.
import { getEnv } from "@/env";
import { cache } from "@/lib/cache";
import type { PredictionInputs } from "./inputs";
import type { PredictionResult } from "./types";

export const PREDICTION_TTL_SEC = 60 * 60;

export const predictionCacheKey = ({ symbol, asOf }: { symbol: string; asOf: string }): string =>
  `pred:${getEnv().MODEL_VERSION}:${symbol.toUpperCase()}:${asOf}`;

const sameVersions = (result: PredictionResult, versions: PredictionInputs["versions"]): boolean =>
  result.models.length === versions.length && result.models.every((m, i) => m.name === versions[i].model && m.version === versions[i].version);

export type CachedPrediction = { cache: "hit" | "miss"; body: PredictionResult };

/** The cached forecast of these inputs, else `compute()`'s, cached; null when there is nothing to forecast from. */
export async function cachedOrComputed({ inputs, compute }: { inputs: PredictionInputs; compute: () => Promise<PredictionResult | null> }): Promise<CachedPrediction | null> {
  const key = predictionCacheKey({ symbol: inputs.history.series.symbol, asOf: inputs.history.asOf });
  const hit = await cache.get<PredictionResult>(key);
  if (hit && sameVersions(hit, inputs.versions)) return { cache: "hit", body: hit };
  const computed = await compute();
  if (!computed) return null;
  await cachePrediction(computed);
  return { cache: "miss", body: computed };
}

export async function cachePrediction(result: PredictionResult): Promise<void> {
  await cache.set(predictionCacheKey({ symbol: result.symbol, asOf: result.asOf }), result, { ttlSec: PREDICTION_TTL_SEC });
}
