// Request schemas of the predictions, models and recommendations routes, and the response schemas of the
// prediction routes: the OpenAPI document renders these, and the types in ./types.ts are derived from them.
// Response objects are closed in the document (additionalProperties: false), so a field a route answers
// with but the schema does not list fails the contract test.
import { z } from "zod";
import { formatQuery } from "@/lib/csv";
import { MODEL_NAMES } from "@/server/forecast/model-list";
import { HORIZON_KEYS, type HorizonKey } from "@/server/forecast/vocabulary";
import { symbolSchema } from "@/server/market";
import { poll } from "@/server/jobs";
import { modelName, servedBacktestShape } from "@/server/registry";

export const MAX_BATCH_SYMBOLS = 25;
export const HISTORY_MAX_DAYS = 3650;

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

const iso = z.string().meta({ description: "ISO 8601 date or timestamp" });
const day = z.string().meta({ description: "Session date, YYYY-MM-DD" });
const num = z.number().nullable();
const pair = z.tuple([z.number(), z.number()]);
const errorOf = z.object({ code: z.string(), message: z.string() });

const horizonPrediction = z.object({
  steps: z.number().int(),
  price: z.number(),
  change: z.number(),
  changePercent: z.number(),
  targetDate: day,
  intervals: z.object({ "80": pair, "95": pair, "99": pair }).nullable().meta({ description: "Calibrated [lower, upper] per level; null when too few residuals to calibrate" }),
  quantiles: z.array(z.object({ level: z.number(), price: z.number() })).nullable(),
  volModel: z.string().nullable(),
  backtest: z.object(servedBacktestShape).nullable(),
});
const modelPrediction = z.object({
  name: modelName,
  label: z.string(),
  version: z.string(),
  trainedAt: iso,
  horizons: z.object({ "1d": horizonPrediction.optional(), "2d": horizonPrediction.optional(), "1w": horizonPrediction.optional() }),
});
export const forecastStageSchema = z.enum(["baseline", "partial", "complete"]).meta({
  description:
    "baseline: only the calibrated baseline (naive and drift: the volatility intervals on the walk-forward origins) is trained yet; partial: some of the configured models; complete: all of them",
});
const predictionFields = {
  asOf: day.meta({ description: "Date of the last daily bar the forecasts start from" }),
  source: z.string(),
  historical: z.boolean().meta({ description: "true on the shipped, as-of-dated data set (never live)" }),
  lastClose: z.number(),
  generatedAt: iso,
  models: z.array(modelPrediction),
  baseline: z.literal("naive"),
  stage: forecastStageSchema,
};
export const predictionSchema = z.object({ symbol: z.string(), ...predictionFields }).meta({ id: "Prediction" });
export const trainingRefSchema = z.object({ job_id: z.string(), status: z.enum(["queued", "running"]), poll }).meta({ id: "TrainingRef" });
export const predictionReadSchema = z
  .object({
    symbol: z.string(),
    ...predictionFields,
    training: trainingRefSchema.nullable().meta({ description: "The symbol's training job while one is queued or running (poll it: its result holds the models so far)" }),
  })
  .meta({ id: "PredictionRead" });

export const servedForecastSchema = z
  .discriminatedUnion("status", [
    z.object({ symbol: z.string(), status: z.literal("ready"), ...predictionFields }),
    z.object({ symbol: z.string(), status: z.literal("untrained") }),
    z.object({ symbol: z.string(), status: z.literal("queued"), job_id: z.string(), poll }),
    z.object({ symbol: z.string(), status: z.literal("error"), error: errorOf }),
  ])
  .meta({ id: "ServedForecast" });
export const predictionsListSchema = z.object({ predictions: z.array(servedForecastSchema) });

export const historyRowSchema = z.object({
  model: z.string(),
  version: z.string().nullable(),
  horizon: z.number().int().meta({ description: "Trading days ahead" }),
  originDate: day,
  targetDate: day,
  predicted: z.number(),
  lower80: num,
  upper80: num,
  lower95: num,
  upper95: num,
  actual: num.meta({ description: "Close of the target session; null until known" }),
  errorPercent: num,
  inside80: z.boolean().nullable(),
  inside95: z.boolean().nullable(),
});
export const historySummarySchema = z.object({ model: z.string(), horizon: z.number().int(), count: z.number().int(), filled: z.number().int(), maePercent: num, hit80: num, hit95: num });
export const historySchema = z
  .object({ symbol: z.string(), from: day.nullable(), to: day.nullable(), days: z.number().int(), rows: z.array(historyRowSchema), summary: z.array(historySummarySchema) })
  .meta({ id: "PredictionHistory" });

export const precomputeEntrySchema = z.discriminatedUnion("action", [
  z.object({ symbol: z.string(), action: z.enum(["train_and_cache", "retrain", "cache"]), job_id: z.string(), poll }),
  z.object({ symbol: z.string(), action: z.literal("none"), reason: z.string() }),
  z.object({ symbol: z.string(), action: z.literal("error"), error: errorOf }),
]);
export const precomputeSchema = z.object({ jobs: z.array(precomputeEntrySchema) });
