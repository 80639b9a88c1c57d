// A symbol's first prediction: trains its models when none is active (GET /api/predictions/{symbol}
// answered 202 with this job's id), then forecasts from the artifacts and caches the payload.
import type { WrappedContext } from "@/server/jobs/define";
import { predictAndCache, servableVersions } from "@/server/predictions/compute";
import { liveProgressWriter, trainingProgress } from "@/server/training/progress";
import { trainSymbol } from "@/server/training/train-symbol";
import { defineJobFunction } from "../client";

export const computePrediction = defineJobFunction({
  id: "compute-prediction",
  event: "predictions/forecast.requested",
  retries: 1,
  handler: async (args) => {
    const { step, progress, data, jobId } = args;
    await progress({ value: 0.02, message: "loading data" });
    const active = await step.run("find-active-models", async () => (await servableVersions({ symbol: data.symbol })).map((v) => v.model));
    if (active.length === 0) {
      const write = liveProgressWriter({ jobId, jobStore: (args as WrappedContext).jobStore });
      await step.run("train-models", async () => {
        const r = await trainSymbol({
          symbol: data.symbol,
          reason: "first-request",
          onProgress: (p) => write(trainingProgress(p, { from: 0.05, to: 0.9 })),
        });
        return { version: r.version, models: r.models.map((m) => ({ model: m.model, status: m.status })) };
      });
    }
    await progress({ value: 0.92, message: "predicting" });
    const result = await step.run("predict", () => predictAndCache({ symbol: data.symbol, userId: data.userId ?? null }));
    await progress({ value: 1, message: "done" });
    return result;
  },
});
