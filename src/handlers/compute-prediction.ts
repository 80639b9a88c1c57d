// A person asked for a symbol's models (POST /api/predictions/{symbol} answered 202 with this job's id):
// trains the models it still lacks, one per step, each in the worker pool's person lane; after each model the
// job's `result` holds the forecast of the models trained so far (the page shows them as they finish, the
// ensemble last); then forecasts from the artifacts and caches the payload.
import { MODEL_LABELS } from "@/server/forecast/model-list";
import { forecastMemo, predictAndCache, predictFromActive, type ForecastJobResult, type PartialForecast } from "@/server/predictions";
import { trainInJob } from "@/server/training";
import type { FORECAST_EVENT, HandlerOf } from "@/server/jobs";

export const computePrediction: HandlerOf<typeof FORECAST_EVENT, ForecastJobResult, PartialForecast> = async (args) => {
  const { step, progress, data } = args;
  await progress({ value: 0.02, message: "loading data" });
  // The forecasts made so far: each partial forecast computes only the model just trained.
  const memo = forecastMemo();
  const r = await trainInJob({
    args,
    symbol: data.symbol,
    reason: "first-request",
    background: false,
    onlyUntrained: true,
    span: { from: 0.05, to: 0.9 },
    onModel: async ({ model, index, plan, value }) => {
      const partial = await predictFromActive({ symbol: plan.symbol, userId: data.userId ?? null, memo });
      if (partial) await args.liveResult({ value, message: `${MODEL_LABELS[model]} ready (${index} of ${plan.names.length})`, result: partial });
    },
  });
  if ("error" in r) throw new Error(r.error);
  await progress({ value: 0.92, message: "predicting" });
  const result = await step.run("predict", () => predictAndCache({ symbol: data.symbol, userId: data.userId ?? null, memo }));
  await progress({ value: 1, message: "done" });
  return result;
};
