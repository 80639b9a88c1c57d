// Weekly retraining (Sunday 03:00 UTC) and on-demand training (POST /api/train, the Inngest dashboard):
// walk-forward backtest -> fit -> artifact + metrics -> promotion rule: one step per model of each symbol
// in both shapes (in the embedded one each is a task of the worker pool).
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import type { JobHandler } from "@/lib/queue/types";
import { getWatchlist } from "@/server/market";
import { cacheAfterTraining } from "@/server/predictions/compute";
import { trainInJob } from "@/server/training/job-training";
import type { TrainSymbolResult } from "@/server/training/train-symbol";
import type { events } from "../events";

const summary = (r: TrainSymbolResult) => ({
  symbol: r.symbol,
  version: r.version,
  trainedTo: r.trainedTo,
  models: r.models.map(({ model, status, reason, maeRatio }) => ({ model, status, reason, maeRatio })),
});

export const trainModels: JobHandler<z.output<(typeof events)["models/training.requested"]>> = async (args) => {
  const { step, progress, data } = args;
  const symbols = data.symbols ?? getWatchlist();
  const reason = data.reason ?? "schedule";
  const results = [];
  for (const [i, symbol] of symbols.entries()) {
    await args.checkCancelled();
    await progress({ value: i / symbols.length, message: `training ${symbol} (${i + 1} of ${symbols.length})` });
    // One step per model (under Inngest each well inside a function's time limit), reusing stored backtests;
    // a scheduled retrain is background work: it yields to a person's job at a model boundary.
    const r = await trainInJob({
      args,
      symbol,
      models: data.models,
      reason,
      background: reason === "schedule",
      onlyUntrained: false,
      span: { from: i / symbols.length, to: (i + 1) / symbols.length },
      prefix: `${symbol}: `,
    }).catch((err: unknown) => {
      // An unknown symbol or a market outage for one symbol must not stop the others.
      if (err instanceof AppError) return { symbol, error: err.message } as const;
      throw err;
    });
    results.push("error" in r ? r : summary(r));
    // The new models' forecast goes into the cache now, so the next request does not compute it.
    if (!("error" in r)) await step.run(`predict-${r.symbol}`, () => cacheAfterTraining({ symbol: r.symbol }));
  }
  const trained = results.filter((r) => !("error" in r)).length;
  await progress({ value: 1, message: `trained ${trained} of ${symbols.length} symbol(s)` });
  return { symbols: results };
};
