import "server-only";
// /api/predictions/{symbol}. GET: cached payload -> forecast from the active artifacts -> for a symbol never
// trained, its calibrated baseline first (predictions/baseline.ts), never a model training. POST (a person
// asks for the models): a job that trains the rest (202 + job id): the one already queued or running for it
// when there is one (someone else's request, or the symbol's background warm-up, which then runs at a
// person's priority), else a new one. Model training never happens on the request path.
import { AppError, unavailable } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { FORECAST_EVENT, queue, shareJob, WARM_EVENT, withSymbolLock } from "@/server/jobs";
import { assertTrainable } from "@/server/price-history";
import { cachedOrComputed, type CachedPrediction } from "./cache";
import { forecastFrom } from "./compute";
import { assertTrainingAllowed } from "./training-requests";
import { ensureBaseline } from "./baseline";
import { loadPredictionInputs, withCurrentVersions, type PredictionInputs } from "./inputs";
import { joinableJob, rememberPendingJob } from "./pending-job";
import type { PredictionRead, PredictionResponse, TrainingRef } from "./types";

/** A person's request; background warm-ups run at WARM_PRIORITY (-10). */
const USER_PRIORITY = 10;

/** The cached or freshly computed forecast from the active models; null when nothing is trained (never queues). */
export async function readyPrediction({ symbol, userId = null }: { symbol: string; userId?: string | null }): Promise<CachedPrediction | null> {
  return answer({ inputs: await loadPredictionInputs({ symbol }), userId });
}

const answer = ({ inputs, userId }: { inputs: PredictionInputs; userId: string | null }): Promise<CachedPrediction | null> =>
  cachedOrComputed({ inputs, compute: () => forecastFrom({ inputs, userId }) });

/**
 * GET: the forecast at once. A symbol never trained first gets its calibrated baseline (fast lane, seconds;
 * no quota). Never starts a model training: `training` names the symbol's job when one is queued or running
 * (someone's, or its warm-up's), shared with the reader so their page can follow it.
 */
export async function getPrediction({ symbol, userId = null }: { symbol: string; userId?: string | null }): Promise<PredictionRead> {
  const inputs = await loadPredictionInputs({ symbol });
  const { history } = inputs;
  const sym = history.series.symbol;
  let ready = await answer({ inputs, userId });
  if (!ready) {
    assertTrainable(history);
    await ensureBaseline({ history, configured: inputs.configured });
    ready = await answer({ inputs: await withCurrentVersions(inputs), userId });
    if (!ready) throw new Error(`No baseline for ${sym} after training it`);
  }
  const training = ready.body.stage === "complete" ? null : await trainingRef({ symbol: sym, asOf: history.asOf, userId });
  return { status: 200, cache: ready.cache, body: { ...ready.body, training } };
}

/** The symbol's queued or running training job, shared with `userId`; null when there is none. */
async function trainingRef({ symbol, asOf, userId }: { symbol: string; asOf: string; userId: string | null }): Promise<TrainingRef | null> {
  const pending = await joinableJob({ symbol, asOf });
  if (!pending) return null;
  await shareJob({ jobId: pending.id, userId });
  return { job_id: pending.id, status: pending.status, poll: `/api/jobs/${pending.id}` };
}

/**
 * POST: a person asks for the full model set. 200 when every configured model is trained already; else 202
 * with the symbol's job: the one queued or running (joined, no quota), or a new one (counted against the
 * user's training quota). Training never happens on the request path: with the queue down, 503.
 */
export async function requestModels({ symbol, userId = null, isAdmin = false }: { symbol: string; userId?: string | null; isAdmin?: boolean }): Promise<PredictionResponse> {
  const inputs = await loadPredictionInputs({ symbol });
  const { history } = inputs;
  const sym = history.series.symbol;
  const ready = await answer({ inputs, userId });
  if (ready?.body.stage === "complete") return { status: 200, ...ready };

  // One job per symbol, shared by everyone who asks meanwhile (also across app processes: withSymbolLock).
  assertTrainable(history);
  return withSymbolLock({ scope: "forecast", symbol: sym }, () => joinOrStart({ symbol: sym, asOf: history.asOf, userId, isAdmin }));
}

async function joinOrStart({ symbol: sym, asOf, userId, isAdmin }: { symbol: string; asOf: string; userId: string | null; isAdmin: boolean }): Promise<PredictionResponse> {
  const pending = await joinableJob({ symbol: sym, asOf });
  if (pending) {
    // A warm-up now runs as the person's own job would: before every other warm-up, and it no longer yields.
    if (pending.name === WARM_EVENT) await queue.prioritize(pending.id, USER_PRIORITY);
    await shareJob({ jobId: pending.id, userId });
    await rememberPendingJob({ symbol: sym, asOf, jobId: pending.id });
    return { status: 202, body: { job_id: pending.id, status: pending.status, poll: `/api/jobs/${pending.id}` } };
  }
  await assertTrainingAllowed({ userId, symbol: sym, isAdmin });
  let jobId: string;
  try {
    ({ jobId } = await queue.enqueue(FORECAST_EVENT, { symbol: sym, ...(userId ? { userId } : {}) }, { userId, priority: USER_PRIORITY }));
  } catch (err) {
    if (err instanceof AppError && err.code === "unavailable") {
      logger.warn("prediction job could not be queued", { symbol: sym });
      throw unavailable(`The models for ${sym} cannot be trained now: the job queue is unavailable; try again later`, 60);
    }
    throw err;
  }
  await rememberPendingJob({ symbol: sym, asOf, jobId });
  return { status: 202, body: { job_id: jobId, status: "queued", poll: `/api/jobs/${jobId}` } };
}
