// The business-free wrapper around every job function: parses the event payload with its zod schema
// first, keeps the Job row in step with the run (each write inside step.run, so replays and retries
// do not repeat it) and hands the function a progress reporter. Both backends execute this wrapper.
import type { z } from "zod";
import { getDb } from "@/lib/db";
import { createJobStore, type JobStore } from "./store";
import type { JobRunContext } from "./types";

export interface JobHandlerArgs<D> extends JobRunContext {
  data: D;
  jobId: string;
  /** Records progress (0..1) and an optional message on the Job row. */
  progress(args: { value: number; message?: string }): Promise<void>;
}

export interface JobFunctionSpec<S extends z.ZodType = z.ZodType> {
  /** Inngest function id (kebab-case), e.g. "warm-cache". */
  id: string;
  /** Triggering event, `domain/noun.verb`. */
  event: string;
  schema: S;
  /** Optional schedule, Inngest cron syntax (optionally prefixed with "TZ=Area/City "). */
  cron?: string;
  /** Retries after the first attempt (Inngest's default is 4). */
  retries?: number;
  handler: (args: JobHandlerArgs<z.infer<S>>) => Promise<unknown>;
}

/**
 * The in-process runner passes its own store and `inProcess` (it records failures and timeouts itself);
 * under Inngest the app database is used and the wrapper records the failure of a run's last attempt.
 */
export type WrappedContext = JobRunContext & { jobStore?: JobStore; inProcess?: boolean; maxAttempts?: number };

// Errors after which Inngest does not call the function again: a step that used up its retries, or one
// marked non-retriable.
const FINAL_ERRORS = new Set(["StepError", "NonRetriableError"]);

let defaultStore: JobStore | undefined;
const appJobStore = (): JobStore => (defaultStore ??= createJobStore(getDb));

export function wrapJobFunction<S extends z.ZodType>(spec: JobFunctionSpec<S>) {
  return async (ctx: WrappedContext): Promise<unknown> => {
    const payload = (ctx.event.data ?? {}) as Record<string, unknown>;
    const data = spec.schema.parse(payload) as z.infer<S>;
    const store = ctx.jobStore ?? appJobStore();
    // Scheduled runs and events sent from elsewhere have no Job row yet: create one so every run is visible.
    const jobId =
      typeof payload.jobId === "string"
        ? payload.jobId
        : (await ctx.step.run("job-create", () => store.create({ name: spec.event, input: data, status: "running" }))).id;
    await ctx.step.run("job-start", () => store.markRunning({ id: jobId }));
    let n = 0;
    const progress = async ({ value, message }: { value: number; message?: string }) => {
      await ctx.step.run(`job-progress-${++n}`, () => store.progress({ id: jobId, progress: value, message }));
    };
    let result: unknown;
    try {
      result = await spec.handler({ ...ctx, data, jobId, progress });
    } catch (err) {
      const name = (err as { name?: string })?.name ?? "";
      const maxAttempts = ctx.maxAttempts ?? (spec.retries ?? 4) + 1; // Inngest's default: 4 retries
      const lastAttempt = ctx.attempt + 1 >= maxAttempts;
      if (!ctx.inProcess && (FINAL_ERRORS.has(name) || lastAttempt)) {
        await store.finish({ id: jobId, status: "failed", error: err instanceof Error ? err.message : String(err) });
      }
      throw err;
    }
    await ctx.step.run("job-done", () => store.finish({ id: jobId, status: "done", result }));
    return result;
  };
}
