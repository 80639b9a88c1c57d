// Warm-up of the watchlist on the embedded shape's first start (src/server/training/warm-models.ts): one
// symbol per run, then the next symbol's run is queued at the same low priority. The run ends with the
// symbol's forecast cached and as its result (plus `warm`: what the warm-up did), like a forecast job, since
// a person who asked for the symbol meanwhile polls this job for it.
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import type { JobHandler } from "@/lib/queue/types";
import { predictAndCache } from "@/server/predictions/compute";
import { trainingProgress } from "@/server/training/progress";
import { queueNextWarm, warmOne } from "@/server/training/warm-models";
import type { events } from "../events";

export const warmModels: JobHandler<z.output<(typeof events)["models/warm.requested"]>> = async (args) => {
  const { step, progress, data, liveProgress } = args;
  await progress({ value: 0, message: `warming ${data.symbol}` });
  const result = await step.run(`warm-${data.symbol}`, () =>
    warmOne({
      symbol: data.symbol,
      signal: args.signal,
      onProgress: (p) => {
        const { value, message } = trainingProgress(p, { from: 0, to: 0.95 });
        return liveProgress({ value, message: `${data.symbol}: ${message}` });
      },
    }).catch((err: unknown) => {
      // A symbol that cannot be trained must not stop the warm-up of the others; a cancelled run stops it.
      if ((err as Error)?.name === "RunCancelledError" || args.signal.aborted) throw err;
      return { symbol: data.symbol, error: err instanceof AppError ? err.message : "training failed" };
    }),
  );
  const next = await step.run("queue-next", () => queueNextWarm({ then: data.then, current: args.jobId }));
  // The job fails (after queueing the next symbol) rather than ending "done" without a forecast.
  if ("error" in result) throw Object.assign(new Error(`Warming ${data.symbol} failed: ${result.error}`), { name: "NonRetriableError" });
  const warm = { ...result, next };
  // A person's forecast job trains the symbol: that job's result is its forecast.
  if ("skipped" in result && result.skipped === "training for a request") return { symbol: data.symbol, warm };
  await progress({ value: 0.96, message: `${data.symbol}: predicting` });
  const prediction = await step.run("predict", () => predictAndCache({ symbol: data.symbol }));
  await progress({ value: 1, message: `warmed ${data.symbol}` });
  return { ...prediction, warm };
};
