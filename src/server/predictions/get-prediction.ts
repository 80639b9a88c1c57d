import "server-only";
// GET /api/predictions/{symbol}: cached payload -> forecast from the active artifacts -> otherwise a job
// that trains the symbol first (202 + job id): the one already queued or running for it when there is one
// (someone else's request, or the symbol's background warm-up, which then runs at a person's priority), else
// a new one. Training never happens on the request path: when the queue is down and nothing is trained yet
// the answer is 503 with Retry-After.
import { cache } from "@/lib/cache";
import { AppError, unavailable } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { queue } from "@/server/jobs";
import { shareJob } from "@/server/jobs/access";
import { assertTrainingAllowed } from "@/server/jobs/training-requests";
import { assertTrainable, loadHistory } from "@/server/training/history";
import { pendingJobKey, predictionCacheKey, PREDICTION_TTL_SEC } from "@/server/training/prediction-cache-key";
import { activeSymbolJob, FORECAST_EVENT, WARM_EVENT } from "@/server/training/symbol-jobs";
import { predictFromActive, type PredictionRequest } from "./compute";
import type { PredictionResponse, PredictionResult } from "./types";

const PENDING_TTL_SEC = 15 * 60;
/** A person's request; background warm-ups run at WARM_PRIORITY (-10). */
const USER_PRIORITY = 10;

/** The cached or freshly computed forecast from the active models; null when nothing is trained (never queues). */
export async function readyPrediction({ symbol, userId = null, history }: PredictionRequest): Promise<{ cache: "hit" | "miss"; body: PredictionResult } | null> {
  const hist = history ?? (await loadHistory({ symbol }));
  const key = predictionCacheKey({ symbol: hist.series.symbol, asOf: hist.asOf });
  const hit = await cache.get<PredictionResult>(key);
  if (hit) return { cache: "hit", body: hit };
  const computed = await predictFromActive({ symbol: hist.series.symbol, userId, history: hist });
  if (!computed) return null;
  await cache.set(key, computed, { ttlSec: PREDICTION_TTL_SEC });
  return { cache: "miss", body: computed };
}

export async function getPrediction({ symbol, userId = null, isAdmin = false }: { symbol: string; userId?: string | null; isAdmin?: boolean }): Promise<PredictionResponse> {
  const history = await loadHistory({ symbol });
  const sym = history.series.symbol;
  const ready = await readyPrediction({ symbol: sym, userId, history });
  if (ready) return { status: 200, ...ready };

  // Nothing trained yet: one job per symbol, shared by everyone who asks meanwhile.
  assertTrainable(history);
  const pendingKey = pendingJobKey({ symbol: sym, asOf: history.asOf });
  const pending = await joinableJob({ symbol: sym, pendingKey });
  if (pending) {
    // A warm-up still waiting now runs before every other warm-up, as the person's own job would.
    if (pending.name === WARM_EVENT && pending.status === "queued") await queue.prioritize(pending.id, USER_PRIORITY);
    await shareJob({ jobId: pending.id, userId });
    await cache.set(pendingKey, pending.id, { ttlSec: PENDING_TTL_SEC });
    return { status: 202, body: { job_id: pending.id, status: pending.status, poll: `/api/jobs/${pending.id}` } };
  }
  await assertTrainingAllowed({ userId, symbol: sym, isAdmin });
  let jobId: string;
  try {
    ({ jobId } = await queue.enqueue({ event: FORECAST_EVENT, data: { symbol: sym, ...(userId ? { userId } : {}) }, userId, priority: USER_PRIORITY }));
  } catch (err) {
    if (err instanceof AppError && err.code === "unavailable") {
      logger.warn("prediction job could not be queued", { symbol: sym });
      throw unavailable(`No trained models for ${sym} yet and the job queue is unavailable; try again later`, 60);
    }
    throw err;
  }
  await cache.set(pendingKey, jobId, { ttlSec: PENDING_TTL_SEC });
  return { status: 202, body: { job_id: jobId, status: "queued", poll: `/api/jobs/${jobId}` } };
}

/**
 * The queued or running job whose result will be this symbol's forecast: the one recorded under the pending
 * key, else the newest forecast job or warm-up for the symbol in the Job table (a warm-up ends with the
 * forecast as its result too, inngest/functions/warm-models.ts).
 */
async function joinableJob({ symbol, pendingKey }: { symbol: string; pendingKey: string }): Promise<{ id: string; name: string; status: "queued" | "running" } | null> {
  const pendingId = await cache.get<string>(pendingKey);
  if (pendingId) {
    const job = await queue.getJob(pendingId).catch(() => null);
    if (job && (job.status === "queued" || job.status === "running")) return { id: job.id, name: job.name, status: job.status };
  }
  return activeSymbolJob({ symbol });
}
