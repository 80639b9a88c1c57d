// Request schemas of the predictions, models and recommendations routes (described in the OpenAPI document).
import { z } from "zod";
import { formatQuery } from "@/lib/csv";
import { MODEL_NAMES } from "@/server/forecast/model-list";
import { HORIZON_KEYS, type HorizonKey } from "@/server/forecast/types";
import { symbolSchema } from "@/server/market/types";
import { HISTORY_MAX_DAYS } from "./history";
import { MAX_BATCH_SYMBOLS } from "./served";

export const horizonSchema = z.enum(HORIZON_KEYS as [HorizonKey, ...HorizonKey[]]);
export const modelNameSchema = z.enum(MODEL_NAMES, { error: `Model must be one of ${MODEL_NAMES.join(", ")}` });

/** "AAPL,MSFT" -> ["AAPL", "MSFT"]; absent means the watchlist. */
export const symbolListParam = (max: number) =>
  z
    .string()
    .optional()
    .transform((s) => (s ? s.split(",").map((x) => x.trim()).filter(Boolean) : undefined))
    .pipe(z.array(symbolSchema).max(max, `At most ${max} symbols`).optional());

export const predictionsQuery = z.object({ symbols: symbolListParam(50), format: formatQuery });

export const batchBody = z.strictObject({
  symbols: z.array(symbolSchema).min(1, "Give at least one symbol").max(MAX_BATCH_SYMBOLS, `At most ${MAX_BATCH_SYMBOLS} symbols per batch`),
  horizons: z.array(horizonSchema).min(1).max(HORIZON_KEYS.length).optional(),
});

export const precomputeQuery = z.object({ symbols: symbolListParam(100) });

export const historyQuery = z.object({
  days: z.coerce.number().int().min(1).max(HISTORY_MAX_DAYS).optional(),
  model: modelNameSchema.optional(),
  horizon: horizonSchema.optional(),
  format: formatQuery,
});

export const retrainBody = z.strictObject({ models: z.array(modelNameSchema).min(1).max(MODEL_NAMES.length).optional() });
export const rollbackBody = z.strictObject({ model: modelNameSchema, reason: z.string().trim().min(1).max(200).optional() });

export const recommendationsQuery = z.object({ symbols: symbolListParam(50), format: formatQuery });
export const symbolParams = z.object({ symbol: symbolSchema });
