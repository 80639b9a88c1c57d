import "server-only";
// Who may see or cancel a job: the user who asked for it, a user who was handed the same shared job (a
// second person asking for a symbol that is already training), or an admin. Everyone else gets the same
// 404 as for an id that does not exist, so job ids cannot be probed.
import { cache } from "@/lib/cache";
import { conflict, notFound } from "@/lib/errors";
import { publicJob, type JobView, type StoredJob } from "@/lib/queue";
import type { Principal } from "@/server/auth/principal";
import type { events } from "../../../inngest/events";
import { queue } from "./index";

const VIEWER_TTL_SEC = 24 * 3600;
// The warm-up's event (training/warm-models.ts), named here so that a job poll loads no training code.
const WARM_EVENT = "models/warm.requested" satisfies keyof typeof events;
const viewerKey = (jobId: string, userId: string) => `job-viewer:${jobId}:${userId}`;

/** Lets `userId` follow a job someone else started (called when a pending job is shared). */
export async function shareJob({ jobId, userId }: { jobId: string; userId: string | null }): Promise<void> {
  if (userId) await cache.set(viewerKey(jobId, userId), true, { ttlSec: VIEWER_TTL_SEC });
}

async function mayAccess(job: StoredJob, viewer: Principal | null): Promise<boolean> {
  if (!viewer) return false;
  if (viewer.role === "admin") return true;
  if (!viewer.userId) return false;
  if (job.userId === viewer.userId) return true;
  return (await cache.get<boolean>(viewerKey(job.id, viewer.userId))) === true;
}

async function accessibleJob({ id, viewer }: { id: string; viewer: Principal | null }): Promise<StoredJob> {
  const job = await queue.getJob(id);
  if (!job || !(await mayAccess(job, viewer))) throw notFound(`Job ${id} not found`);
  return job;
}

export async function getJobFor(args: { id: string; viewer: Principal | null }): Promise<JobView> {
  return publicJob(await accessibleJob(args));
}

/** Cancels a queued or running job; 409 when it already finished. */
export async function cancelJob(args: { id: string; viewer: Principal | null }): Promise<JobView> {
  const job = await accessibleJob(args);
  if (!(await queue.cancel(job.id))) throw conflict(`Job ${job.id} already finished (${job.status})`);
  // A person who joined a symbol's warm-up stops only that symbol's: the rest of the watchlist still warms.
  if (job.name === WARM_EVENT) {
    const { afterWarmCancelled } = await import("@/server/training/warm-models");
    await afterWarmCancelled({ jobId: job.id, byAdmin: args.viewer?.role === "admin" });
  }
  return publicJob((await queue.getJob(job.id))!);
}
