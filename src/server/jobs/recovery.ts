import "server-only";
// Jobs a dead process left behind. The in-process runner keeps its runs in memory: after a kill -9 or a crash
// their rows stay "queued" or "running" for ever, the symbol's models say "training" and nothing retries
// them. Each process that runs jobs in-process beats a heartbeat on the rows it holds (their updatedAt, every
// HEARTBEAT_MS); a row nobody has touched for STALE_AFTER_MS belongs to a process that is gone and is marked
// "interrupted", so readiness stops saying "training" and the next request trains afresh. With the embedded
// database only one process can run (PGlite locks its folder), so at start every row it did not write
// itself is a dead process's, and is marked at once. Under Inngest nothing here runs: Inngest owns its runs.
import { getEnv } from "@/env";
import { getDb } from "@/lib/db";
import { logger } from "@/lib/logger";
import { queue } from "./queue";

export const HEARTBEAT_MS = 5_000;
/** Several missed heartbeats: a process blocked for a moment is not declared dead. */
export const STALE_AFTER_MS = 20_000;
export const INTERRUPTED_ERROR = "Interrupted: the server running this job stopped before it finished; ask again to start over";
const PENDING = ["queued", "running"];
const processStartedAt = new Date();

/** One heartbeat and one sweep; returns the ids it marked interrupted. */
export async function recoverInterruptedJobs({ now = new Date() }: { now?: Date } = {}): Promise<string[]> {
  const runner = queue.runner();
  if (!runner) return [];
  const db = await getDb();
  const rows = await db.job.findMany({ where: { status: { in: PENDING } }, select: { id: true, updatedAt: true } });
  const held = rows.filter((r) => runner.holds(r.id)).map((r) => r.id);
  if (held.length > 0) await db.job.updateMany({ where: { id: { in: held }, status: { in: PENDING } }, data: { updatedAt: now } });
  const cutoff = getEnv().DATABASE_URL ? new Date(now.getTime() - STALE_AFTER_MS) : processStartedAt;
  const dead = rows.filter((r) => !runner.holds(r.id) && r.updatedAt < cutoff).map((r) => r.id);
  if (dead.length === 0) return [];
  // The conditions again in the write: a row another process touched since the read is alive.
  await db.job.updateMany({
    where: { id: { in: dead }, status: { in: PENDING }, updatedAt: { lt: cutoff } },
    data: { status: "interrupted", finishedAt: now, error: INTERRUPTED_ERROR },
  });
  logger.warn("jobs left by a stopped process marked interrupted", { jobs: dead });
  return dead;
}

let timer: NodeJS.Timeout | undefined;

/** Sweeps now and then every HEARTBEAT_MS (the server's start-up); a failed sweep is retried at the next beat. */
export function startJobRecovery(): () => void {
  const beat = () => void recoverInterruptedJobs().catch((err: unknown) => logger.warn("job heartbeat failed", { err }));
  if (!timer) {
    beat();
    timer = setInterval(beat, HEARTBEAT_MS);
    timer.unref();
  }
  return () => {
    clearInterval(timer);
    timer = undefined;
  };
}
