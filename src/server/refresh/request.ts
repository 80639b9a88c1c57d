import "server-only";
// The daily refresh on demand (POST /api/admin/refresh): the same job the weekday cron runs after the US
// close, queued now, for an operator who wants new closes, actuals and alerts without waiting for 22:15 UTC.
import { queue, REFRESH_EVENT } from "@/server/jobs";


export async function requestRefresh({ userId = null }: { userId?: string | null } = {}) {
  const { jobId } = await queue.enqueue(REFRESH_EVENT, { reason: "manual" }, { userId });
  return { job_id: jobId, status: "queued" as const, poll: `/api/jobs/${jobId}` };
}
