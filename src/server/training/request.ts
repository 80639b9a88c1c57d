import "server-only";
// On-demand training: validates the model names up front (a typo is a 400, not a failed job) and queues
// the same job the weekly cron runs.
import { badRequest } from "@/lib/errors";
import { queue, TRAINING_EVENT } from "@/server/jobs";
import { getDaily, getWatchlist } from "@/server/market";
import { resolveModels, type TrainingAccepted } from "@/server/registry";

export async function requestTraining({ symbols, models, userId = null }: { symbols?: string[]; models?: string[]; userId?: string | null }): Promise<TrainingAccepted> {
  if (models) {
    try {
      resolveModels(models);
    } catch (err) {
      throw badRequest((err as Error).message.replace(/^FORECAST_MODELS: /, ""));
    }
  }
  const list = [...new Set(symbols ?? getWatchlist())];
  // An unknown symbol is a 404 now, not a job that fails later (getDaily throws it; known series are cached).
  if (symbols) for (const symbol of list) await getDaily({ symbol });
  const { jobId } = await queue.enqueue(TRAINING_EVENT, { symbols: list, ...(models ? { models } : {}), reason: "manual" }, { userId });
  return { job_id: jobId, symbols: list, poll: `/api/jobs/${jobId}` };
}
