import "server-only";
// POST /api/precompute: one job per symbol, so nothing heavy runs on the request. Untrained symbols get
// the forecast job (trains, then caches the forecast); stale ones a retrain; ready ones the forecast job,
// which only predicts from the active artifacts and caches the payload.
import { AppError } from "@/lib/errors";
import { FORECAST_EVENT, queue, TRAINING_EVENT } from "@/server/jobs";
import { getWatchlist } from "@/server/market";
import { modelStatus } from "@/server/registry";
import type { PrecomputeEntry } from "./types";

export async function precompute({ symbols, userId = null }: { symbols?: string[]; userId?: string | null }): Promise<PrecomputeEntry[]> {
  const out: PrecomputeEntry[] = [];
  for (const raw of new Set((symbols?.length ? symbols : getWatchlist()).map((s) => s.toUpperCase()))) {
    try {
      const status = await modelStatus({ symbol: raw });
      const symbol = status.symbol;
      if (status.trainingJobs.length) {
        out.push({ symbol, action: "none", reason: `already training (job ${status.trainingJobs[0]})` });
        continue;
      }
      const stale = status.models.some((m) => m.readiness === "stale");
      const action = status.models.length === 0 ? "train_and_cache" : stale ? "retrain" : "cache";
      const { jobId } =
        action === "retrain"
          ? await queue.enqueue(TRAINING_EVENT, { symbols: [symbol], reason: "manual" }, { userId })
          : await queue.enqueue(FORECAST_EVENT, { symbol, ...(userId ? { userId } : {}) }, { userId });
      out.push({ symbol, action, job_id: jobId, poll: `/api/jobs/${jobId}` });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      out.push({ symbol: raw, action: "error", error: { code: err.code, message: err.message } });
    }
  }
  return out;
}
