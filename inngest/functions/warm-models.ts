// Warm-up of the watchlist on the embedded shape's first start (src/server/training/warm-models.ts): one
// symbol per run, then the next symbol's run is queued at the same low priority.
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import type { JobHandler } from "@/lib/queue/types";
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
        const { value, message } = trainingProgress(p, { from: 0, to: 1 });
        return liveProgress({ value, message: `${data.symbol}: ${message}` });
      },
    }).catch((err: unknown) => {
      // A symbol that cannot be trained must not stop the warm-up of the others; a cancelled run stops it.
      if ((err as Error)?.name === "RunCancelledError" || args.signal.aborted) throw err;
      return { symbol: data.symbol, error: err instanceof AppError ? err.message : "training failed" };
    }),
  );
  const next = await step.run("queue-next", () => queueNextWarm({ then: data.then }));
  await progress({ value: 1, message: `warmed ${data.symbol}` });
  return { ...result, next };
};
