// Weekly retraining (Sunday 03:00 UTC) and on-demand training (POST /api/train, the Inngest dashboard):
// walk-forward backtest -> fit -> artifact + metrics -> promotion rule, one step per symbol.
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import type { JobHandler } from "@/lib/queue/types";
import { getWatchlist } from "@/server/market";
import { trainingProgress } from "@/server/training/progress";
import { trainSymbol } from "@/server/training/train-symbol";
import type { events } from "../events";

export const trainModels: JobHandler<z.output<(typeof events)["models/training.requested"]>> = async (args) => {
  const { step, progress, data, liveProgress } = args;
  const symbols = data.symbols ?? getWatchlist();
  const results = [];
  for (const [i, symbol] of symbols.entries()) {
    await args.checkCancelled();
    await progress({ value: i / symbols.length, message: `training ${symbol} (${i + 1} of ${symbols.length})` });
    const span = { from: i / symbols.length, to: (i + 1) / symbols.length };
    results.push(
      await step.run(`train-${symbol}`, async () => {
        // An unknown symbol or a market outage for one symbol must not stop the others.
        const r = await trainSymbol({
          symbol,
          models: data.models,
          reason: data.reason ?? "schedule",
          signal: args.signal,
          onProgress: (p) => {
            const { value, message } = trainingProgress(p, span);
            return liveProgress({ value, message: `${symbol}: ${message}` });
          },
        }).catch((err: unknown) => {
          if (err instanceof AppError) return { error: err.message } as const;
          throw err;
        });
        if ("error" in r) return { symbol, error: r.error };
        return { symbol: r.symbol, version: r.version, trainedTo: r.trainedTo, models: r.models.map(({ model, status, reason, maeRatio }) => ({ model, status, reason, maeRatio })) };
      }),
    );
  }
  const trained = results.filter((r) => !("error" in r)).length;
  await progress({ value: 1, message: `trained ${trained} of ${symbols.length} symbol(s)` });
  return { symbols: results };
};
