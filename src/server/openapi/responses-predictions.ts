// Response shapes of the prediction, recommendation and model-registry routes, for the OpenAPI document and
// the contract test (which validates real responses against them; objects are closed, so a field the
// document does not list fails it). conformance.ts checks at compile time that the server's types fit.
import { z } from "zod";
import { HORIZON_KEYS } from "@/server/forecast/types";

const iso = z.string().meta({ description: "ISO 8601 date or timestamp" });
const day = z.string().meta({ description: "Session date, YYYY-MM-DD" });
const num = z.number().nullable();
const pair = z.tuple([z.number(), z.number()]);
const horizonKey = z.enum(HORIZON_KEYS).meta({ description: "1d = 1 trading day, 2d = 2 trading days, 1w = 5 trading days" });
const modelName = z.string().meta({ description: "Model id (naive, drift, arima, random_forest, gbt, lstm, prophet, ensemble)", example: "arima" });
const errorOf = z.object({ code: z.string(), message: z.string() });
const poll = z.string().meta({ description: "Job URL to poll", example: "/api/jobs/cm0abc123" });

/** Walk-forward figures on held-out origins; errors and widths in % of price where named so. */
const backtestFigures = {
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
const fullBacktest = z
  .object({
    ...backtestFigures,
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
  })
  .meta({ id: "BacktestFigures" });

const horizonPrediction = z.object({
  steps: z.number().int(),
  price: z.number(),
  change: z.number(),
  changePercent: z.number(),
  targetDate: day,
  intervals: z.object({ "80": pair, "95": pair, "99": pair }).nullable().meta({ description: "Calibrated [lower, upper] per level; null when too few residuals to calibrate" }),
  quantiles: z.array(z.object({ level: z.number(), price: z.number() })).nullable(),
  volModel: z.string().nullable(),
  backtest: z.object(backtestFigures).nullable(),
});
const modelPrediction = z.object({
  name: modelName,
  label: z.string(),
  version: z.string(),
  trainedAt: iso,
  horizons: z.object({ "1d": horizonPrediction.optional(), "2d": horizonPrediction.optional(), "1w": horizonPrediction.optional() }),
});
const predictionFields = {
  asOf: day.meta({ description: "Date of the last daily bar the forecasts start from" }),
  source: z.string(),
  historical: z.boolean().meta({ description: "true on the shipped, as-of-dated data set (never live)" }),
  lastClose: z.number(),
  generatedAt: iso,
  models: z.array(modelPrediction),
  baseline: z.literal("naive"),
  stage: z.enum(["baseline", "partial", "complete"]).meta({
    description:
      "baseline: only the calibrated baseline (naive and drift: the volatility intervals on the walk-forward origins) is trained yet; partial: some of the configured models; complete: all of them",
  }),
};
export const predictionSchema = z.object({ symbol: z.string(), ...predictionFields }).meta({ id: "Prediction" });
const trainingRef = z.object({ job_id: z.string(), status: z.enum(["queued", "running"]), poll }).meta({ id: "TrainingRef" });
export const predictionReadSchema = z
  .object({
    symbol: z.string(),
    ...predictionFields,
    training: trainingRef.nullable().meta({ description: "The symbol's training job while one is queued or running (poll it: its result holds the models so far)" }),
  })
  .meta({ id: "PredictionRead" });

const servedForecast = z
  .discriminatedUnion("status", [
    z.object({ symbol: z.string(), status: z.literal("ready"), ...predictionFields }),
    z.object({ symbol: z.string(), status: z.literal("untrained") }),
    z.object({ symbol: z.string(), status: z.literal("queued"), job_id: z.string(), poll }),
    z.object({ symbol: z.string(), status: z.literal("error"), error: errorOf }),
  ])
  .meta({ id: "ServedForecast" });
export const predictionsListSchema = z.object({ predictions: z.array(servedForecast) });

const historyRow = z.object({
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
const historySummary = z.object({ model: z.string(), horizon: z.number().int(), count: z.number().int(), filled: z.number().int(), maePercent: num, hit80: num, hit95: num });
export const historySchema = z
  .object({ symbol: z.string(), from: day.nullable(), to: day.nullable(), days: z.number().int(), rows: z.array(historyRow), summary: z.array(historySummary) })
  .meta({ id: "PredictionHistory" });

const reliabilityBin = z.object({ from: z.number(), to: z.number(), n: z.number().int(), meanStated: num, observedUp: num });
const horizonRecommendation = z.object({
  horizon: horizonKey,
  steps: z.number().int(),
  targetDate: day,
  signal: z.enum(["no_edge", "up", "down"]).meta({ description: "no_edge unless the direction skill is significant after the multiple-testing correction" }),
  probabilityUp: num,
  skill: z.object({ hitRate: z.number(), alwaysUpRate: z.number(), disagreements: z.number().int(), wins: z.number().int(), pValue: z.number(), adjustedPValue: num }).nullable(),
  levels: z.object({ entry: z.number(), target: z.number(), stop: z.number() }).nullable(),
  range80: pair.nullable(),
  range95: pair.nullable(),
  confidence: z.object({ brier: z.number(), brierBaseline: z.number(), n: z.number().int(), reliability: z.array(reliabilityBin) }).nullable(),
  factors: z.array(z.object({ name: z.string(), label: z.string(), value: num })),
  reason: z.string(),
});
const symbolRecommendation = z
  .discriminatedUnion("status", [
    z.object({ symbol: z.string(), status: z.literal("ready"), asOf: day, source: z.string(), historical: z.boolean(), lastClose: z.number(), model: modelName, version: z.string(), horizons: z.array(horizonRecommendation) }),
    z.object({ symbol: z.string(), status: z.enum(["untrained", "error"]), reason: z.string() }),
  ])
  .meta({ id: "Recommendation" });
const recommendationsFields = {
  generatedAt: iso,
  disclaimer: z.string(),
  correction: z.object({ method: z.literal("benjamini-hochberg"), tests: z.number().int(), alpha: z.number() }),
  recommendations: z.array(symbolRecommendation),
};
export const recommendationsSchema = z.object(recommendationsFields);
export const recommendationSchema = z.object({ ...recommendationsFields, recommendation: symbolRecommendation });

const versionView = z
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
    backtest: z.object({ "1d": fullBacktest.optional(), "2d": fullBacktest.optional(), "1w": fullBacktest.optional() }),
  })
  .meta({ id: "ModelVersion" });
export const modelStatusSchema = z.object({
  symbol: z.string(),
  asOf: day,
  trainingJobs: z.array(z.string()).meta({ description: "Queued or running jobs that train this symbol" }),
  models: z.array(
    z.object({
      model: modelName,
      version: z.string(),
      readiness: z.enum(["ready", "training", "stale"]),
      trainedAt: iso,
      trainedTo: day,
      ageDays: z.number(),
      barsBehind: z.number().int(),
      backtest: versionView.shape.backtest,
    }),
  ),
  untrained: z.array(modelName).meta({ description: "Configured models with no active version yet" }),
  active: z.array(versionView),
  others: z.array(versionView),
});

export const precomputeSchema = z.object({
  jobs: z.array(
    z.discriminatedUnion("action", [
      z.object({ symbol: z.string(), action: z.enum(["train_and_cache", "retrain", "cache"]), job_id: z.string(), poll }),
      z.object({ symbol: z.string(), action: z.literal("none"), reason: z.string() }),
      z.object({ symbol: z.string(), action: z.literal("error"), error: errorOf }),
    ]),
  ),
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
