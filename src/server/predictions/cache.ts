import "server-only";
// The prediction cache, owned here: one payload per model version tag, symbol, origin date and filed-releases
// state. An entry is served only while it names exactly the versions the request loaded (inputs.ts), so a
// promotion, a rollback or a change of FORECAST_MODELS is a miss at once, and neither training nor the
// registry has to drop anything. Its key names the SEC-filed earnings releases the forecast was computed with
// (their count and the last one's acceptance time): a filing stored since is a miss too.
import { getEnv } from "@/env";
import { cache } from "@/lib/cache";
import type { History } from "@/server/price-history";
import type { PredictionInputs } from "./inputs";
import type { PredictionResult } from "./types";

export const PREDICTION_TTL_SEC = 60 * 60;

type Filed = History["series"]["filed"];

/** The filed releases a forecast read: "0" when none, else their count and the last one's acceptance time. */
export const filedState = (filed: Filed): string => (filed?.length ? `${filed.length}@${filed[filed.length - 1]!.filedAt}` : "0");

export const predictionCacheKey = ({ symbol, asOf, filed }: { symbol: string; asOf: string; filed: Filed }): string =>
  `pred:${getEnv().MODEL_VERSION}:${symbol.toUpperCase()}:${asOf}:filed=${filedState(filed)}`;

const sameVersions = (result: PredictionResult, versions: PredictionInputs["versions"]): boolean =>
  result.models.length === versions.length && result.models.every((m, i) => m.name === versions[i].model && m.version === versions[i].version);

export type CachedPrediction = { cache: "hit" | "miss"; body: PredictionResult };

/** The cached forecast of these inputs, else `compute()`'s, cached; null when there is nothing to forecast from. */
export async function cachedOrComputed({ inputs, compute }: { inputs: PredictionInputs; compute: () => Promise<PredictionResult | null> }): Promise<CachedPrediction | null> {
  const { series, asOf } = inputs.history;
  const key = predictionCacheKey({ symbol: series.symbol, asOf, filed: series.filed });
  const hit = await cache.get<PredictionResult>(key);
  if (hit && sameVersions(hit, inputs.versions)) return { cache: "hit", body: hit };
  const computed = await compute();
  if (!computed) return null;
  await cachePrediction({ result: computed, filed: series.filed });
  return { cache: "miss", body: computed };
}

/** Caches `result`, computed on the filed releases `filed` (the loaded series'). */
export async function cachePrediction({ result, filed }: { result: PredictionResult; filed: Filed }): Promise<void> {
  await cache.set(predictionCacheKey({ symbol: result.symbol, asOf: result.asOf, filed }), result, { ttlSec: PREDICTION_TTL_SEC });
}
