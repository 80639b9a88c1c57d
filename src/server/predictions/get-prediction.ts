import "server-only";
// GET /api/predictions/{symbol}: cached payload -> forecast from the active artifacts -> otherwise a job
// that trains the symbol first (202 + job id). Training never happens on the request path: when the
// queue is down and nothing is trained yet the answer is 503 with Retry-After.
import { cache } from "@/lib/cache";
import { AppError, unavailable } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { queue } from "@/server/jobs";
import { shareJob } from "@/server/jobs/access";
import { assertTrainingAllowed } from "@/server/jobs/training-requests";
import { assertTrainable, loadHistory } from "@/server/training/history";
import { pendingJobKey, predictionCacheKey, PREDICTION_TTL_SEC } from "@/server/training/prediction-cache-key";
import { predictFromActive, type PredictionRequest } from "./compute";
import type { PredictionResponse, PredictionResult } from "./types";

export const FORECAST_EVENT = "predictions/forecast.requested";
const PENDING_TTL_SEC = 15 * 60;

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

  // Nothing trained yet: one job per symbol and origin, shared by everyone who asks meanwhile.
  assertTrainable(history);
  const pendingKey = pendingJobKey({ symbol: sym, asOf: history.asOf });
  const pendingId = await cache.get<string>(pendingKey);
  if (pendingId) {
    const job = await queue.getJob(pendingId).catch(() => null);
    if (job && (job.status === "queued" || job.status === "running")) {
      await shareJob({ jobId: job.id, userId });
      return { status: 202, body: { job_id: job.id, status: job.status, poll: `/api/jobs/${job.id}` } };
    }
  }
  await assertTrainingAllowed({ userId, symbol: sym, isAdmin });
  let jobId: string;
  try {
    ({ jobId } = await queue.enqueue({ event: FORECAST_EVENT, data: { symbol: sym, ...(userId ? { userId } : {}) }, userId, priority: 10 }));
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
