import "server-only";
// The job that will end with a symbol's forecast (a person's forecast job, or the symbol's warm-up): recorded
// under a pending key when a request queues or joins it, so concurrent requests (under Inngest, where the Job
// table is not searched: symbol-jobs.ts) poll the same one.
import { getEnv } from "@/env";
import { cache } from "@/lib/cache";
import { queue } from "@/server/jobs";
import { activeSymbolJob } from "@/server/training";

const PENDING_TTL_SEC = 15 * 60;

const pendingJobKey = ({ symbol, asOf }: { symbol: string; asOf: string }): string =>
  `pred-job:${getEnv().MODEL_VERSION}:${symbol.toUpperCase()}:${asOf}`;

export async function rememberPendingJob({ symbol, asOf, jobId }: { symbol: string; asOf: string; jobId: string }): Promise<void> {
  await cache.set(pendingJobKey({ symbol, asOf }), jobId, { ttlSec: PENDING_TTL_SEC });
}

/**
 * The queued or running job whose result will be this symbol's forecast: the one recorded under the pending
 * key, else the newest forecast job or warm-up for the symbol in the Job table (a warm-up ends with the
 * forecast as its result too, src/handlers/warm-models.ts).
 */
export async function joinableJob({ symbol, asOf }: { symbol: string; asOf: string }): Promise<{ id: string; name: string; status: "queued" | "running" } | null> {
  const pendingId = await cache.get<string>(pendingJobKey({ symbol, asOf }));
  if (pendingId) {
    const job = await queue.getJob(pendingId).catch(() => null);
    if (job && (job.status === "queued" || job.status === "running")) return { id: job.id, name: job.name, status: job.status };
  }
  return activeSymbolJob({ symbol });
}
