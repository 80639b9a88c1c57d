import "server-only";
// Warm models: on the embedded shape's first start the watchlist is trained in the background, one symbol
// per job at low priority, each job queueing the next. So at most one warm-up holds a runner slot, and a
// symbol a person asks for (priority 10) runs before every warm-up still waiting. A person who asks for the
// symbol of the warm-up that is queued or running joins it (get-prediction.ts): the warm-up ends with the
// symbol's forecast as its result, like a forecast job.
import { getEnv } from "@/env";
import { getDb } from "@/lib/db";
import { logger } from "@/lib/logger";
import { FORECAST_EVENT, queue, WARM_EVENT } from "@/server/jobs";
import { recentSymbols, shippedSymbols } from "@/server/market";
import { activeSymbolJob } from "./symbol-jobs";
import { trainingExecutor } from "./executor";
import { configuredModels, untrainedModels } from "@/server/registry";
import { loadHistory } from "@/server/price-history";
import { keptSymbols } from "@/server/watchlists";

/** Below everything a person asks for (0 and up). */
export const WARM_PRIORITY = -10;

const enqueueWarm = (symbols: string[]) =>
  symbols.length ? queue.enqueue(WARM_EVENT, { symbol: symbols[0], then: symbols.slice(1) }, { priority: WARM_PRIORITY }) : Promise.resolve(null);

/**
 * Queues the warm-up when this is the first start: embedded shape, WARM_MODELS on, no model trained yet
 * and no warm-up ever queued: the watchlist, the symbols on people's own watchlists (a restored database may
 * have some), then `after` (default: every symbol the install ships).
 * Returns the first job's id, or null when there is nothing to do.
 */
export async function startWarmModels({ after }: { after?: string[] } = {}): Promise<string | null> {
  if (!getEnv().WARM_MODELS || !trainingExecutor().warmsAtStart) return null;
  const db = await getDb();
  const [versions, warmups] = await Promise.all([db.modelVersion.count(), db.job.count({ where: { name: WARM_EVENT } })]);
  if (versions > 0 || warmups > 0) return null;
  // The configured watchlist and the symbols on people's own watchlists first, then the symbols people viewed
  // recently (a live install whose models were wiped), then everything else the install ships, so a newcomer
  // browsing the catalogue finds forecasts ready.
  const kept = await keptSymbols("warm-up");
  const viewed = await recentSymbols().catch(() => [] as string[]);
  const order = [...new Set([...kept, ...viewed, ...(after ?? shippedSymbols())])];
  const job = await enqueueWarm(order);
  if (job) logger.info("warming the watchlist's models in the background", { jobId: job.jobId });
  return job?.jobId ?? null;
}

/**
 * Before a warm-up trains `symbol`: null when it should, else why not (every configured model is active on
 * the current bars, or a person's forecast job is already training it: that job trains it once, for both).
 */
export async function warmCheck({ symbol }: { symbol: string }): Promise<{ symbol: string; skipped: "already trained" | "training for a request"; job?: string } | null> {
  const { series } = await loadHistory({ symbol });
  const left = await untrainedModels({ symbol: series.symbol, lastDate: series.dates[series.dates.length - 1], names: configuredModels() });
  if (left.length === 0) return { symbol, skipped: "already trained" };
  const asked = await activeSymbolJob({ symbol, names: [FORECAST_EVENT] });
  if (asked) return { symbol, skipped: "training for a request", job: asked.id };
  return null;
}

/** Queues the warm-up of the next symbol, unless another warm-up than `current` is already queued or running. */
export async function queueNextWarm({ then, current }: { then: string[]; current?: string }): Promise<string | null> {
  const db = await getDb();
  const others = await db.job.findMany({ where: { name: WARM_EVENT, status: { in: ["queued", "running"] }, ...(current ? { id: { not: current } } : {}) }, select: { id: true } });
  // Rows a restart left behind belong to no run.
  if (others.some((j) => queue.runner()?.holds(j.id))) return null;
  return (await enqueueWarm(then))?.jobId ?? null;
}
