// Contracts shared by the job definitions, the in-process runner and the Inngest backend.
import type { z } from "zod";
import type { Health } from "@/lib/health";

// "interrupted": the process running it stopped (kill -9, crash) before it finished (src/server/jobs/recovery.ts).
export const JOB_STATUSES = ["queued", "running", "done", "failed", "timeout", "cancelled", "interrupted"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
/** Statuses a job never leaves. */
export const FINISHED_STATUSES: readonly JobStatus[] = ["done", "failed", "timeout", "cancelled", "interrupted"];

/** What GET /api/jobs/{id} and queue.getJob return; `R` is the job's result (src/server/jobs: ResultOf). */
export interface JobView<R = unknown> {
  id: string;
  name: string;
  status: JobStatus;
  progress: number;
  message: string | null;
  /** What the handler returned (or reported so far while it runs); null before that. */
  result: R | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** A job row plus who asked for it and what it is about (kept out of what API clients see). */
export type StoredJob = JobView & { userId: string | null; subject: string | null };

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

/** `P`: what the handler reports as its result while it runs (liveResult); by default its final result's type. */
export interface JobHandlerArgs<D, P = unknown> extends JobRunContext {
  data: D;
  jobId: string;
  /** Records progress (0..1) and an optional message on the Job row (inside a step). */
  progress(args: { value: number; message?: string }): Promise<void>;
  /** Writes progress straight to the Job row, for reports from inside a long step. */
  liveProgress(args: { value: number; message?: string }): Promise<void>;
  /** Writes progress and what is done so far (the Job row's `result` while it runs). */
  liveResult(args: { value: number; message?: string; result: P }): Promise<void>;
  /**
   * At a safe boundary of background work: when a higher-priority job waits for this run's slot (in-process
   * runner only), the run stops here and is queued again; it resumes from its recorded steps. `note` is the
   * Job row's message meanwhile.
   */
  yieldIfOutranked(note: string): void;
  /** The run's priority in the in-process runner (raised when a person joins it); 0 under Inngest. */
  priority(): number;
  /** Run by the in-process runner (steps may then run side by side on the worker pool's threads). */
  inProcess: boolean;
  /** Throws RunCancelledError when the job was cancelled or timed out; call it at safe boundaries. */
  checkCancelled(): Promise<void>;
  /** Aborted when the in-process runner cancels or times out the run (pass it to long work). */
  signal: AbortSignal;
}

/** A job's code: `D` its parsed payload, `R` the result it returns (the Job row's `result`), `P` its partial results. */
export type JobHandler<D = Record<string, unknown>, R = unknown, P = R> = (args: JobHandlerArgs<D, P>) => Promise<R>;

/** A provider-neutral job without its code: what triggers it, its payload schema, schedule and retries. */
export interface JobSpec<S extends z.ZodType = z.ZodType> {
  /** Function id (kebab-case), e.g. "warm-cache". */
  id: string;
  /** Triggering event, `domain/noun.verb`. */
  event: string;
  schema: S;
  /** Optional schedule, Inngest cron syntax (optionally prefixed with "TZ=Area/City "). */
  cron?: string;
  /** Retries after the first attempt (Inngest's default is 4). */
  retries?: number;
}

/**
 * A job and how to load its handler. The handler module is imported on first run, so listing the jobs (the
 * queue, GET /api/jobs/{id}) loads none of the code they run.
 */
export interface JobDefinition<S extends z.ZodType = z.ZodType> extends JobSpec<S> {
  load: () => Promise<JobHandler<z.output<S>>>;
}

export interface Queue {
  readonly backend: "inprocess" | "inngest";
  /** Creates the Job row (status "queued") and hands the event to the backend. */
  enqueue(args: { event: string; data?: Record<string, unknown>; userId?: string | null; priority?: number }): Promise<{ jobId: string }>;
  getJob(id: string): Promise<StoredJob | null>;
  /**
   * Raises a queued job's priority (higher runs first) when the backend orders its queue (the in-process
   * runner); false when the job is not waiting there or already that high (Inngest: always false).
   */
  prioritize(id: string, priority: number): Promise<boolean>;
  /** Marks a queued or running job cancelled; a running one stops at its next boundary. False when already finished. */
  cancel(id: string): Promise<boolean>;
  health(): Promise<Health>;
}

/** Job ids are Prisma cuids. */
export const JOB_ID_PATTERN = /^c[a-z0-9]{20,40}$/;
