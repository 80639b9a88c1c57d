import "server-only";
// Who may see or cancel a job. The user who asked for it, a user who was handed the same shared job (a second
// person asking for a symbol that is already training) and admins may see it; everyone else gets the same 404
// as for an id that does not exist, so job ids cannot be probed. Only the user who asked for it or an admin
// may cancel it: a person who joined stops following it (leaves) and the work goes on for the others.
import { z } from "zod";
import { cache } from "@/lib/cache";
import { conflict, forbidden, notFound } from "@/lib/errors";
import { JOB_ID_PATTERN, publicJob, type JobView, type StoredJob } from "@/lib/queue";
import { queue } from "./queue";

/** Who asks (a route's Principal): jobs know only the user and the role, not how they signed in. */
export interface JobViewer {
  userId: string | null;
  role: "user" | "admin";
}

/** The {id} of the job routes. */
export const jobParams = z.object({ id: z.string().regex(JOB_ID_PATTERN, "must be a job id") });

const VIEWER_TTL_SEC = 24 * 3600;
const viewerKey = (jobId: string, userId: string) => `job-viewer:${jobId}:${userId}`;

/** Lets `userId` follow a job someone else started (called when a pending job is shared). */
export async function shareJob({ jobId, userId }: { jobId: string; userId: string | null }): Promise<void> {
  if (userId) await cache.set(viewerKey(jobId, userId), true, { ttlSec: VIEWER_TTL_SEC });
}

async function mayAccess(job: StoredJob, viewer: JobViewer | null): Promise<boolean> {
  if (!viewer) return false;
  if (viewer.role === "admin") return true;
  if (!viewer.userId) return false;
  if (job.userId === viewer.userId) return true;
  return (await cache.get<boolean>(viewerKey(job.id, viewer.userId))) === true;
}

async function accessibleJob({ id, viewer }: { id: string; viewer: JobViewer | null }): Promise<StoredJob> {
  const job = await queue.getJob(id);
  if (!job || !(await mayAccess(job, viewer))) throw notFound(`Job ${id} not found`);
  return job;
}

export async function getJobFor(args: { id: string; viewer: JobViewer | null }): Promise<JobView> {
  return publicJob(await accessibleJob(args));
}

const startedIt = (job: StoredJob, viewer: JobViewer | null) => viewer?.role === "admin" || (!!viewer?.userId && job.userId === viewer.userId);

/** Cancels a queued or running job (whoever asked for it, or an admin); 403 for a joiner, 409 when it already finished. */
export async function cancelJob(args: { id: string; viewer: JobViewer | null }): Promise<JobView> {
  const job = await accessibleJob(args);
  if (!startedIt(job, args.viewer)) {
    throw forbidden(`Only whoever started job ${job.id}, or an admin, can cancel it; POST /api/jobs/${job.id}/leave stops following it`);
  }
  if (!(await queue.cancel(job.id))) throw conflict(`Job ${job.id} already finished (${job.status})`);
  return publicJob((await queue.getJob(job.id))!);
}

/** A joiner stops following a shared job (it goes on for the others); 409 for whoever started it (cancel instead). */
export async function leaveJob(args: { id: string; viewer: JobViewer | null }): Promise<{ id: string; left: true }> {
  const job = await accessibleJob(args);
  if (startedIt(job, args.viewer)) throw conflict(`You started job ${job.id}; cancel it with DELETE /api/jobs/${job.id}`);
  await cache.del(viewerKey(job.id, args.viewer!.userId!));
  return { id: job.id, left: true };
}
