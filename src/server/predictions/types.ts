// The prediction payloads' types, derived from their schemas (./schemas.ts): what GET /api/predictions/{symbol}
// returns and what a finished compute-prediction job holds as result.
import type { z } from "zod";
import type { forecastStageSchema, historyRowSchema, historySchema, historySummarySchema, precomputeEntrySchema, predictionReadSchema, predictionSchema, servedForecastSchema, trainingRefSchema } from "./schemas";

export type LevelKey = "80" | "95" | "99";
export type PredictionResult = z.output<typeof predictionSchema>;
export type ModelPrediction = PredictionResult["models"][number];
export type HorizonPrediction = NonNullable<ModelPrediction["horizons"]["1d"]>;
/** Where the served set stands (predictions/baseline.ts). */
export type ForecastStage = z.output<typeof forecastStageSchema>;
/** A training job of the symbol that a reader may follow (queued or running). */
export type TrainingRef = z.output<typeof trainingRefSchema>;
export type SymbolForecast = z.output<typeof servedForecastSchema>;
export type PredictionHistory = z.output<typeof historySchema>;
export type HistoryRow = z.output<typeof historyRowSchema>;
export type HistorySummary = z.output<typeof historySummarySchema>;
export type PrecomputeEntry = z.output<typeof precomputeEntrySchema>;

/** GET: the forecast, with the symbol's training job when one is queued or running (null otherwise). */
export type PredictionRead = { status: 200; cache: "hit" | "miss"; body: z.output<typeof predictionReadSchema> };

/** POST (a person asks for the models): 200 when every model is trained already, else 202 with the job. */
export type PredictionResponse = { status: 200; cache: "hit" | "miss"; body: PredictionResult } | { status: 202; body: TrainingRef };
