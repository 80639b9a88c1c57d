// The predictions area's front door: what other areas, routes, pages, jobs and scripts may use (written by
// scripts/front-doors.ts; keep it to what others import).
import "server-only";
export { fillActuals } from "./actuals";
export { cacheAfterTraining, forecastMemo, predictAndCache, predictFromActive } from "./compute";
export type { ForecastMemo } from "./compute";
export { crossSectionForecast } from "./cross-section";
export { crossSectionSchema } from "./cross-section-schemas";
export type { CrossSectionView } from "./cross-section-schemas";
export { HISTORY_COLUMNS, PREDICTION_COLUMNS, historyCsvRows, predictionCsvRows } from "./csv-rows";
export { getPrediction, readyPrediction, requestModels } from "./get-prediction";
export { predictionHistory, storedPredictions, summarizeHistory } from "./history";
export { servableVersions } from "./inputs";
export { forecastJobResultSchema, warmJobResultSchema } from "./job-results";
export type { ForecastJobResult, ForecastJobView, PartialForecast, WarmJobResult } from "./job-results";
export { precompute } from "./precompute";
export { primeForecasts } from "./prime";
export { batchBody, historyQuery, historySchema, precomputeQuery, precomputeSchema, predictionReadSchema, predictionSchema, predictionsListSchema, predictionsQuery, recommendationsQuery, retrainBody, rollbackBody, symbolParams } from "./schemas";
export { batchForecasts, servedForecasts } from "./served";
export { forecastReadiness, forecastsReady, symbolsWithForecasts, trainingEstimateSec } from "./training-requests";
export type { HistoryRow, HorizonPrediction, ModelPrediction, PredictionHistory, PredictionResult, SymbolForecast, TrainingRef } from "./types";
