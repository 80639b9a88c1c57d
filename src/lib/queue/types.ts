import type { Health } from "@/lib/health";
import type { JobView } from "@/server/jobs/types";

export interface Queue {
  readonly backend: "inprocess" | "inngest";
  /** Creates the Job row (status "queued") and hands the event to the backend. */
  enqueue(args: { event: string; data?: Record<string, unknown> }): Promise<{ jobId: string }>;
  getJob(id: string): Promise<JobView | null>;
  health(): Promise<Health>;
}
