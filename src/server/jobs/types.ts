// Contracts shared by the job functions, the in-process runner and the Inngest backend.
export const JOB_STATUSES = ["queued", "running", "done", "failed", "timeout"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** What GET /api/jobs/{id} and queue.getJob return. */
export interface JobView {
  id: string;
  name: string;
  status: JobStatus;
  progress: number;
  message: string | null;
  result: unknown;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** The subset of Inngest's step tools job functions may use; the in-process runner implements the same. */
export interface JobStepTools {
  /** Runs fn once per run: on a retry a completed step returns its recorded (JSON round-tripped) result. */
  run<T>(id: string, fn: () => T | Promise<T>): Promise<Awaited<T>>;
  /** Durable sleep; duration in ms or an Inngest time string ("30s", "5m", "1h"). */
  sleep(id: string, duration: number | string): Promise<void>;
}

/** The part of Inngest's handler context job functions rely on. */
export interface JobRunContext {
  event: { name: string; data?: unknown };
  step: JobStepTools;
  /** Zero-based attempt number, as in Inngest. */
  attempt: number;
  runId: string;
}

/** Job ids are Prisma cuids. */
export const JOB_ID_PATTERN = /^c[a-z0-9]{20,40}$/;
