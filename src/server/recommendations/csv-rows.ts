// Flat rows of GET /api/recommendations?format=csv: one per symbol and horizon.
import type { RecommendationsResponse } from "./schemas";

export const RECOMMENDATION_COLUMNS = [
  "symbol",
  "model",
  "horizon",
  "target_date",
  "signal",
  "probability_up",
  "hit_rate",
  "always_up_rate",
  "p_value",
  "adjusted_p_value",
  "brier",
  "brier_baseline",
  "entry",
  "target",
  "stop",
  "lower_80",
  "upper_80",
  "as_of",
] as const;

export const recommendationCsvRows = (r: RecommendationsResponse) =>
  r.recommendations.flatMap((s) =>
    s.status !== "ready"
      ? []
      : s.horizons.map((h) => ({
          symbol: s.symbol,
          model: s.model,
          horizon: h.horizon,
          target_date: h.targetDate,
          signal: h.signal,
          probability_up: h.probabilityUp,
          hit_rate: h.skill?.hitRate,
          always_up_rate: h.skill?.alwaysUpRate,
          p_value: h.skill?.pValue,
          adjusted_p_value: h.skill?.adjustedPValue,
          brier: h.confidence?.brier,
          brier_baseline: h.confidence?.brierBaseline,
          entry: h.levels?.entry,
          target: h.levels?.target,
          stop: h.levels?.stop,
          lower_80: h.range80?.[0],
          upper_80: h.range80?.[1],
          as_of: s.asOf,
        })),
  );
