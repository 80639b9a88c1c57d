// The business-free wrapper around every job: parses the event payload with its zod schema first, keeps
// the Job row in step with the run (each write inside step.run, so replays and retries do not repeat it),
// loads the handler module on first use and hands it progress and cancellation helpers. Both backends
// execute this wrapper.
import type { z } from "zod";
import { JobYieldedError, RunCancelledError } from "./step-tools";
import type { JobStore } from "./store";
import type { JobDefinition, JobRunContext } from "./types";

/**
 * The in-process runner passes `inProcess` (it records failures and timeouts itself) and its own
 * cancellation flag; under Inngest the wrapper records the failure of a run's last attempt.
 */
export type WrappedContext = JobRunContext & {
  jobStore: JobStore;
  inProcess?: boolean;
  maxAttempts?: number;
  /** The runner's reason to stop (a timeout), checked beside the Job row's status. */
  isCancelled?: () => string | null;
  /** Aborted by the runner when the job is cancelled or times out. */
  signal?: AbortSignal;
  /** The in-process runner: true when a higher-priority job waits for this run's slot. */
  outranked?: () => boolean;
  /** The in-process runner: the run's current priority (raised when a person joins it). */
  priority?: () => number;
};

// Errors after which Inngest does not call the function again: a step that used up its retries, or one
// marked non-retriable.
const FINAL_ERRORS = new Set(["StepError", "NonRetriableError"]);

export type WrappedJob = (ctx: WrappedContext) => Promise<unknown>;

export function wrapJob<S extends z.ZodType>(def: JobDefinition<S>): WrappedJob {
  return async (ctx) => {
    const payload = (ctx.event.data ?? {}) as Record<string, unknown>;
    const data = def.schema.parse(payload) as z.output<S>;
    const store = ctx.jobStore;
    // Scheduled runs and events sent from elsewhere have no Job row yet: create one so every run is visible.
    const jobId =
      typeof payload.jobId === "string"
        ? payload.jobId
        : (await ctx.step.run("job-create", () => store.create({ name: def.event, input: data, status: "running" }))).id;
    await ctx.step.run("job-start", () => store.markRunning({ id: jobId }));
    let n = 0;
    const progress = async ({ value, message }: { value: number; message?: string }) => {
      await ctx.step.run(`job-progress-${++n}`, () => store.progress({ id: jobId, progress: value, message }));
    };
    const liveProgress = ({ value, message }: { value: number; message?: string }) => store.progress({ id: jobId, progress: value, message });
    const checkCancelled = async () => {
      const local = ctx.isCancelled?.();
      if (local) throw new RunCancelledError(local);
      const status = await store.status({ id: jobId });
      if (status === "cancelled") throw new RunCancelledError("Job cancelled");
    };
    const liveResult = ({ value, message, result }: { value: number; message?: string; result: unknown }) => store.progress({ id: jobId, progress: value, message, result });
    const yieldIfOutranked = (note: string) => {
      if (ctx.outranked?.()) throw new JobYieldedError(note);
    };
    let result: unknown;
    try {
      const handler = await def.load();
      const signal = ctx.signal ?? new AbortController().signal;
      result = await handler({ ...ctx, data, jobId, progress, liveProgress, liveResult, checkCancelled, yieldIfOutranked, priority: () => ctx.priority?.() ?? 0, inProcess: ctx.inProcess ?? false, signal });
    } catch (err) {
      const name = (err as { name?: string })?.name ?? "";
      const maxAttempts = ctx.maxAttempts ?? (def.retries ?? 4) + 1; // Inngest's default: 4 retries
      const lastAttempt = ctx.attempt + 1 >= maxAttempts;
      if (name === "JobYieldedError") throw err; // the runner queues the run again
      if (!ctx.inProcess && (FINAL_ERRORS.has(name) || lastAttempt || err instanceof RunCancelledError)) {
        await store.finish({ id: jobId, status: "failed", error: err instanceof Error ? err.message : String(err) });
      }
      throw err;
    }
    await ctx.step.run("job-done", () => store.finish({ id: jobId, status: "done", result }));
    return result;
  };
}
