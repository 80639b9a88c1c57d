// Response schemas of the model-registry routes (GET /api/models/{symbol}, retrain, rollback, POST /api/train)
// and the walk-forward figures every forecast carries; the OpenAPI document renders them and the types are
// derived from them. BacktestFigures (catalog.ts) is what the registry computes; a check there keeps it and
// its documented shape in step.
import { z } from "zod";
import { poll } from "@/server/jobs";
import type { ModelName } from "@/server/forecast/vocabulary";

const iso = z.string().meta({ description: "ISO 8601 date or timestamp" });
const day = z.string().meta({ description: "Session date, YYYY-MM-DD" });
const num = z.number().nullable();
export const modelName = z.string().meta({ description: "Model id (naive, drift, arima, random_forest, gbt, lstm, prophet, ensemble)", example: "arima" });

/** Walk-forward figures on held-out origins, as a forecast serves them; errors and widths in % of price where named so. */
export const servedBacktestShape = {
  mae: num,
  naiveMae: num,
  maeRatio: num.meta({ description: "MAE over the naive last-price forecast's MAE on the same origins (below 1 beats it)" }),
  maeRatioNoise: num.meta({ description: "Half-width of the ratio's 95% noise band" }),
  directionAccuracy: num.meta({ description: "Share of held-out origins with a move where the forecast direction was right; an origin without a call counts as wrong" }),
  directionBaseline: num.meta({ description: "Accuracy of always calling up on the same origins" }),
  directionPValue: num,
  callRate: num.meta({ description: "Share of held-out origins where the model called a direction (a zero forecast abstains)" }),
  directionHitRate: num.meta({ description: "Share right among the origins where the model called a direction (directionAccuracy / callRate); null when it never calls" }),
  dmPValue: num.meta({ description: "Diebold–Mariano p-value against naive" }),
  coverage80: num,
  coverage95: num,
  coverage99: num,
  width95: num,
  winkler95: num,
  crps: num,
  coverage95ByVolTercile: z.tuple([num, num, num]),
  baselZone: z.enum(["green", "yellow", "red"]).nullable(),
  note: z.string().nullable(),
  origins: z.number().int(),
  mape: num,
};
export const backtestFiguresSchema = z
  .object({
    ...servedBacktestShape,
    rmse: num,
    dmStat: num,
    winkler80: num,
    winkler99: num,
    kupiec95P: num,
    kupiec99P: num,
    christoffersen95P: num,
    christoffersen99P: num,
    baselExceptions: num,
    volModel: z.string().nullable(),
    fellBackShare: num,
    coverage80ByVolTercile: z.tuple([num, num, num]).meta({ description: "80% coverage in the low, mid and high tercile of the forecast volatility at the origin" }),
  })
  .meta({ id: "BacktestFigures" });

const backtestByHorizon = z.object({ "1d": backtestFiguresSchema.optional(), "2d": backtestFiguresSchema.optional(), "1w": backtestFiguresSchema.optional() });
export const versionViewSchema = z
  .object({
    id: z.string(),
    model: modelName,
    version: z.string(),
    symbol: z.string(),
    status: z.enum(["candidate", "active", "retired", "rolled_back"]),
    artifactKey: z.string(),
    trainedAt: iso,
    trainingFrom: day,
    trainingTo: day,
    backtest: backtestByHorizon,
  })
  .meta({ id: "ModelVersion" });
export const readinessSchema = z.enum(["ready", "training", "stale"]);
export const modelStatusSchema = z.object({
  symbol: z.string(),
  asOf: day,
  trainingJobs: z.array(z.string()).meta({ description: "Queued or running jobs that train this symbol" }),
  models: z.array(
    z.object({
      model: modelName,
      version: z.string(),
      readiness: readinessSchema,
      trainedAt: iso,
      trainedTo: day,
      ageDays: z.number(),
      barsBehind: z.number().int(),
      backtest: backtestByHorizon,
    }),
  ),
  untrained: z.array(modelName).meta({ description: "Configured models with no active version yet" }),
  active: z.array(versionViewSchema),
  others: z.array(versionViewSchema),
});
export const rollbackSchema = z.object({
  symbol: z.string(),
  model: modelName,
  from: z.object({ id: z.string(), version: z.string() }),
  to: z.object({ id: z.string(), version: z.string(), trainedTo: day }),
  rollbackId: z.string(),
  at: iso,
});
export const trainingAcceptedSchema = z.object({ job_id: z.string(), symbols: z.array(z.string()), poll }).meta({ id: "TrainingAccepted" });

/** A stored version as the registry hands it on: its model is one the engine knows. */
export type VersionView = Omit<z.output<typeof versionViewSchema>, "model"> & { model: ModelName };
export type ModelStatus = z.output<typeof modelStatusSchema>;
export type Readiness = z.output<typeof readinessSchema>;
export type Rollback = z.output<typeof rollbackSchema>;
export type TrainingAccepted = z.output<typeof trainingAcceptedSchema>;
