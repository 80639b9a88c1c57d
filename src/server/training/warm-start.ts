import "server-only";
// One-off costs taken off the first training and the first forecast of the embedded server. At start the
// pool's threads load the engine (not TensorFlow.js: the first LSTM fit loads it) and compute the market term
// (volatility/shipped-market.ts reads all 23 shipped CSVs: ~220 ms of CPU), all off the thread serving HTTP,
// and hands the market term back: the server's forecasts use it (the same function on the same files, so the
// same numbers). A forecast needed before the worker is done, or with no pool (FORECAST_WORKERS=0, Inngest),
// computes the term on its own thread, once per process.
import { getEnv } from "@/env";
import { logger } from "@/lib/logger";
import { processService } from "@/lib/services";
import { type MarketVariance, shippedMarketVariance } from "@/server/forecast";
import { trainingExecutor } from "./executor";
import { trainPool } from "./train-pool";
import type { WarmUpResult } from "./worker-protocol";

/**
 * The market term forecasts are scaled with (the shipped set's average range variance by date): a process-wide
 * value, since Next gives the start-up hook and every route bundle their own copy of this module.
 */
export function servingMarketVariance(): MarketVariance {
  return processService("marketTerm", shippedMarketVariance);
}

/**
 * Starts the training pool's threads and warms them (engine loaded, market term
 * computed). Resolves with how long that took, or null when there is no pool. Never throws: a warm-up
 * that fails leaves the first training to start the thread as before.
 */
export async function warmTrainPool(): Promise<{ ms: number; threadId: number } | null> {
  const started = performance.now();
  try {
    const pool = trainPool();
    if (!pool) return null;
    // One warm-up per thread (all are kept): the thread free for people is as ready as the other.
    const [r] = await Promise.all(Array.from({ length: pool.size }, () => pool.run<WarmUpResult>({ warmUp: true })));
    // Kept unless a forecast already computed it on its own thread (same function, same files).
    processService("marketTerm", () => r.market);
    const ms = Math.round(performance.now() - started);
    logger.info("training worker ready", { ms, threadId: r.threadId });
    return { ms, threadId: r.threadId };
  } catch (err) {
    logger.warn("training worker warm-up failed", { err });
    return null;
  }
}

/**
 * The embedded server's start (src/instrumentation.ts, not awaited): warms the training pool's thread, or
 * with no pool computes the market term here. Nothing under Inngest (each function run is its own process).
 * Resolves with the shape, so the caller knows whether to prime the forecast cache.
 */
export async function warmStart(): Promise<"embedded" | "hosted"> {
  if (!trainingExecutor().warmsAtStart) return "hosted";
  if (getEnv().FORECAST_WORKERS > 0) await warmTrainPool();
  else servingMarketVariance();
  return "embedded";
}
