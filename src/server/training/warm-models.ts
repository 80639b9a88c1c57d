import "server-only";
// Warm models: on the embedded shape's first start the watchlist is trained in the background, one symbol
// per job at low priority, each job queueing the next. So at most one warm-up holds a runner slot, and a
// symbol a person asks for (priority 10) runs before every warm-up still waiting. A person who asks for the
// symbol of the warm-up that is queued or running joins it (get-prediction.ts): the warm-up ends with the
// symbol's forecast as its result, like a forecast job.
import { getEnv } from "@/env";
import { getDb } from "@/lib/db";
import { logger } from "@/lib/logger";
import { usesInngest } from "@/lib/queue";
import { queue } from "@/server/jobs";
import { getWatchlist } from "@/server/market";
import { activeSymbolJob, FORECAST_EVENT, WARM_EVENT } from "./symbol-jobs";
import { trainSymbol, type TrainProgress } from "./train-symbol";

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

/**
 * One warm-up job: trains `symbol` unless it already has an active model or a person's forecast job is
 * already training it (that job trains it once, for both).
 */
export async function warmOne({ symbol, signal, onProgress }: { symbol: string; signal?: AbortSignal; onProgress?: (p: TrainProgress) => void | Promise<void> }) {
  const db = await getDb();
  if (await db.modelVersion.count({ where: { symbol, status: "active" } })) return { symbol, skipped: "already trained" as const };
  const asked = await activeSymbolJob({ symbol, names: [FORECAST_EVENT] });
  if (asked) return { symbol, skipped: "training for a request" as const, job: asked.id };
  const r = await trainSymbol({ symbol, reason: "warm", signal, onProgress });
  return { symbol: r.symbol, version: r.version, totalMs: r.totalMs };
}

/** Queues the warm-up of the next symbol, unless another warm-up than `current` is already queued or running. */
export async function queueNextWarm({ then, current }: { then: string[]; current?: string }): Promise<string | null> {
  const db = await getDb();
  const others = await db.job.findMany({ where: { name: WARM_EVENT, status: { in: ["queued", "running"] }, ...(current ? { id: { not: current } } : {}) }, select: { id: true } });
  // Rows a restart left behind belong to no run.
  if (others.some((j) => queue.runner()?.holds(j.id))) return null;
  return (await enqueueWarm(then))?.jobId ?? null;
}
