// Weekly retraining (Sunday 03:00 UTC: the configured watchlist and people's own watchlists) and on-demand
// training (POST /api/train, the Inngest dashboard): walk-forward backtest -> fit -> artifact + metrics ->
// promotion rule: one step per model of each symbol in both shapes (in the embedded one each is a task of the
// worker pool). A scheduled retrain is background work: it runs in the pool's background lane and yields to a
// person's job at a model boundary.
import { AppError } from "@/lib/errors";
import type { JobHandler, JobHandlerArgs } from "@/lib/queue/types";
import { cacheAfterTraining } from "@/server/predictions";
import { trainInJob, type TrainSymbolResult } from "@/server/training";
import { keptSymbols } from "@/server/watchlists";
import type { TRAINING_EVENT, HandlerOf } from "@/server/jobs";

const summary = (r: TrainSymbolResult) => ({
  symbol: r.symbol,
  version: r.version,
  trainedTo: r.trainedTo,
  models: r.models.map(({ model, status, reason, maeRatio }) => ({ model, status, reason, maeRatio })),
  // Walk-forward origins computed in this run and reused from the store, per model (a retrain computes few),
  // the walk-forward fits made and whether the final fit was the stored one; the volatility fits likewise.
  backtests: r.backtests.map(({ model, computed, reused, fits, finalReused }) => ({ model, computed, reused, fits, finalReused })),
  volatility: r.volatility,
});

export type TrainOutcome = ReturnType<typeof summary> | { symbol: string; error: string };

/**
 * Trains one symbol and caches its new forecast, in the job's steps: the daily refresh's incremental retrain
 * runs the same path. `span` is the share of the job's progress the symbol takes.
 */
export async function trainAndCache({
  args,
  symbol,
  span,
  models,
  reason,
}: {
  args: JobHandlerArgs<unknown>;
  symbol: string;
  span: { from: number; to: number };
  models?: string[];
  reason: "schedule" | "manual";
}): Promise<TrainOutcome> {
  const r = await trainInJob({ args, symbol, models, reason, background: reason === "schedule", onlyUntrained: false, span, prefix: `${symbol}: ` }).catch((err: unknown) => {
    // An unknown symbol or a market outage for one symbol must not stop the others.
    if (err instanceof AppError) return { symbol, error: err.message } as const;
    throw err;
  });
  if ("error" in r) return r;
  // The new models' forecast goes into the cache now, so the next request does not compute it.
  await args.step.run(`predict-${r.symbol}`, () => cacheAfterTraining({ symbol: r.symbol }));
  return summary(r);
}

export const trainModels: HandlerOf<typeof TRAINING_EVENT> = async (args) => {
  const { progress, data } = args;
  // The configured watchlist and the symbols on people's own watchlists (in a step: the list a run trains is fixed).
  const symbols = data.symbols ?? (await args.step.run("symbols", () => keptSymbols("weekly training")));
  const results: TrainOutcome[] = [];
  for (const [i, symbol] of symbols.entries()) {
    await args.checkCancelled();
    await progress({ value: i / symbols.length, message: `training ${symbol} (${i + 1} of ${symbols.length})` });
    const span = { from: i / symbols.length, to: (i + 1) / symbols.length };
    results.push(await trainAndCache({ args, symbol, span, models: data.models, reason: data.reason ?? "schedule" }));
  }
  const trained = results.filter((r) => !("error" in r)).length;
  await progress({ value: 1, message: `trained ${trained} of ${symbols.length} symbol(s)` });
  return { symbols: results };
};
