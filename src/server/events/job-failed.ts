import "server-only";
// job.failed: called by the job store when a run ends failed or timed out (both backends record that
// through the store), so every failure is announced exactly once.
import type { PrismaClient } from "@/generated/prisma/client";
import { logger } from "@/lib/logger";
import { publishEvent } from "./publish";

export async function announceJobFailure({ db, id }: { db: PrismaClient; id: string }): Promise<void> {
  try {
    const job = await db.job.findUnique({ where: { id }, select: { id: true, name: true, status: true, error: true, attempts: true, finishedAt: true } });
    // The store calls this once the row is failed or timed out, statuses a job never leaves.
    if (!job || (job.status !== "failed" && job.status !== "timeout")) return;
    await publishEvent({
      type: "job.failed",
      id: `evt_job_${job.id}`,
      db,
      data: { jobId: job.id, name: job.name, status: job.status, error: job.error, attempts: job.attempts, finishedAt: job.finishedAt?.toISOString() ?? null },
    });
  } catch (err) {
    logger.warn("job failure announcement failed", { jobId: id, err });
  }
}
