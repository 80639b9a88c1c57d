// The registry area's front door: what other areas, routes, pages, jobs and scripts may use (written by
// scripts/front-doors.ts; keep it to what others import).
import "server-only";
export { loadArtifactOf } from "./artifacts";
export { activeVersions, figuresOf, untrainedModels } from "./catalog";
export type { VersionView } from "./catalog";
export { configuredModels, resolveModels, servedModels } from "./configured-models";
export { modelStatus } from "./readiness";
export { newVersion, register } from "./register";
export type { TrainedVersion } from "./register";
export { rollbackModel } from "./rollback";
export { modelName, modelStatusSchema, rollbackSchema, servedBacktestShape, trainingAcceptedSchema } from "./schemas";
export type { TrainingAccepted } from "./schemas";
export { loadStoredBacktestBytes, loadStoredBacktests, saveStoredBacktest, saveStoredBacktestBytes } from "./stored-backtests";
export { hasStoredVolatility, loadStoredVolatility, loadStoredVolatilityBytes, saveStoredVolatility, saveStoredVolatilityBytes } from "./stored-volatility";
export { calibrationsOf, recordDirectionCalibrations } from "./direction-calibrations";
export type { StoredCalibration } from "./direction-calibrations";
