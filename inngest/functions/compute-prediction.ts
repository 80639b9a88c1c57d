// A symbol's first prediction: trains its models when none is active (GET /api/predictions/{symbol}
// answered 202 with this job's id), then forecasts from the artifacts and caches the payload.
import type { z } from "zod";
import { usesInngest } from "@/lib/queue";
import type { JobHandler } from "@/lib/queue/types";
import { predictAndCache, servableVersions } from "@/server/predictions/compute";
import { trainingProgress } from "@/server/training/progress";
import { trainSymbolInSteps } from "@/server/training/train-in-steps";
import { trainSymbol, type TrainProgress } from "@/server/training/train-symbol";
import type { events } from "../events";

export const computePrediction: JobHandler<z.output<(typeof events)["predictions/forecast.requested"]>> = async (args) => {
  const { step, progress, data, liveProgress } = args;
  await progress({ value: 0.02, message: "loading data" });
  const active = await step.run("find-active-models", async () => (await servableVersions({ symbol: data.symbol })).map((v) => v.model));
  if (active.length === 0) {
    const onProgress = (p: TrainProgress) => liveProgress(trainingProgress(p, { from: 0.05, to: 0.9 }));
    if (usesInngest()) {
      // Hosted: one step per model, each well inside a function's time limit.
      const r = await trainSymbolInSteps({ symbol: data.symbol, reason: "first-request", step, onProgress, signal: args.signal });
      if ("error" in r) throw new Error(r.error);
    } else {
      await step.run("train-models", async () => {
        const r = await trainSymbol({ symbol: data.symbol, reason: "first-request", onProgress, signal: args.signal });
        return { version: r.version, models: r.models.map((m) => ({ model: m.model, status: m.status })) };
      });
    }
  }
  await progress({ value: 0.92, message: "predicting" });
  const result = await step.run("predict", () => predictAndCache({ symbol: data.symbol, userId: data.userId ?? null }));
  await progress({ value: 1, message: "done" });
  return result;
};
