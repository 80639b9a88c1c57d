import "server-only";
// Warm models: on the embedded shape's first start the watchlist is trained in the background, one symbol
// per job at low priority, each job queueing the next. So at most one warm-up holds a runner slot, and a
// symbol a person asks for (priority 10) runs before every warm-up still waiting.
import { getEnv } from "@/env";
import { getDb } from "@/lib/db";
import { logger } from "@/lib/logger";
import { usesInngest } from "@/lib/queue";
import { queue } from "@/server/jobs";
import { getWatchlist } from "@/server/market";
import { trainSymbol, type TrainProgress } from "./train-symbol";

export const WARM_EVENT = "models/warm.requested";
/** Below everything a person asks for (0 and up). */
export const WARM_PRIORITY = -10;

const enqueueWarm = (symbols: string[]) =>
  symbols.length ? queue.enqueue({ event: WARM_EVENT, data: { symbol: symbols[0], then: symbols.slice(1) }, priority: WARM_PRIORITY }) : Promise.resolve(null);

/**
 * Queues the warm-up when this is the first start: embedded shape, WARM_MODELS on, no model trained yet
 * and no warm-up ever queued. Returns the first job's id, or null when there is nothing to do.
 */
export async function startWarmModels(): Promise<string | null> {
  if (!getEnv().WARM_MODELS || usesInngest()) return null;
  const db = await getDb();
  const [versions, warmups] = await Promise.all([db.modelVersion.count(), db.job.count({ where: { name: WARM_EVENT } })]);
  if (versions > 0 || warmups > 0) return null;
  const job = await enqueueWarm(getWatchlist());
  if (job) logger.info("warming the watchlist's models in the background", { jobId: job.jobId });
  return job?.jobId ?? null;
}

/** One warm-up job: trains `symbol` unless it already has an active model, then queues the next symbol. */
export async function warmOne({ symbol, signal, onProgress }: { symbol: string; signal?: AbortSignal; onProgress?: (p: TrainProgress) => void | Promise<void> }) {
  const db = await getDb();
  if (await db.modelVersion.count({ where: { symbol, status: "active" } })) return { symbol, skipped: "already trained" as const };
  const r = await trainSymbol({ symbol, reason: "warm", signal, onProgress });
  return { symbol: r.symbol, version: r.version, totalMs: r.totalMs };
}

export async function queueNextWarm({ then }: { then: string[] }): Promise<string | null> {
  return (await enqueueWarm(then))?.jobId ?? null;
}
