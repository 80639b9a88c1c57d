// Prediction payloads are cached per model version tag, symbol and origin date; training a symbol drops
// its entry so a newly promoted model is served at once. Kept in training/ so predictions/ (which reads the
// cache) depends on training/ and never the other way round.
import { getEnv } from "@/env";

export const PREDICTION_TTL_SEC = 60 * 60;

export const predictionCacheKey = ({ symbol, asOf }: { symbol: string; asOf: string }): string =>
  `pred:${getEnv().MODEL_VERSION}:${symbol.toUpperCase()}:${asOf}`;

/** The job computing a symbol's first prediction, so concurrent requests poll the same one. */
export const pendingJobKey = ({ symbol, asOf }: { symbol: string; asOf: string }): string =>
  `pred-job:${getEnv().MODEL_VERSION}:${symbol.toUpperCase()}:${asOf}`;
