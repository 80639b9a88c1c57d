// The HTTP endpoint Inngest calls to run functions (mounted at /api/inngest): every job of the catalog becomes
// an Inngest function executing the same wrapped handler the in-process runner runs.
import { NonRetriableError, type InngestFunction } from "inngest";
import { serve } from "inngest/next";
import { getEnv } from "@/env";
import { getDb } from "@/lib/db";
import { wrapJob } from "@/lib/queue/define";
import { toTimeStr } from "@/lib/queue/durations";
import { parseSchedules, scheduleOf } from "@/lib/queue/schedules";
import { RunCancelledError } from "@/lib/queue/step-tools";
import { createJobStore } from "@/lib/queue/store";
import type { JobDefinition } from "@/lib/queue/types";
import { getInngest } from "@/lib/queue/inngest-client";
import { bindJobHandlers, jobDefinitions, onJobFailed } from "./index";

type Retries = NonNullable<InngestFunction.Options["retries"]>;

export function toInngestFunction(def: JobDefinition): InngestFunction.Any {
  const handler = wrapJob(def);
  const cron = scheduleOf(def, parseSchedules(getEnv().JOB_SCHEDULES, jobDefinitions.map((d) => d.id)));
  const jobStore = createJobStore(getDb, { onFailed: onJobFailed });
  return getInngest().createFunction(
    {
      id: def.id,
      triggers: [{ event: def.event }, ...(cron ? [{ cron }] : [])],
      retries: def.retries as Retries | undefined,
      timeouts: { finish: toTimeStr(getEnv().JOB_TIMEOUT_MS) },
      // Runs out of retries: record the failure on the Job row the queue created.
      onFailure: async ({ event, error }: { event: { data: unknown }; error: Error }) => {
        const jobId = (event.data as { event?: { data?: { jobId?: unknown } } }).event?.data?.jobId;
        if (typeof jobId === "string") await jobStore.finish({ id: jobId, status: "failed", error: error.message });
      },
    },
    // Inngest's context is a superset of the JobRunContext the wrapper reads.
    async (ctx) => {
      try {
        const c = ctx as unknown as Parameters<typeof handler>[0];
        return await handler({ ...c, jobStore: c.jobStore ?? jobStore });
      } catch (err) {
        // A cancelled job must not be retried.
        if (err instanceof RunCancelledError) throw new NonRetriableError(err.message);
        throw err;
      }
    },
  );
}

let handlers: ReturnType<typeof serve> | undefined;

/** Built on the first request to /api/inngest. */
export function inngestHandlers(): ReturnType<typeof serve> {
  if (!handlers) {
    // The functions enqueue follow-up jobs; their queue announces failures through the binding.
    bindJobHandlers();
    handlers = serve({ client: getInngest(), functions: jobDefinitions.map(toInngestFunction) });
  }
  return handlers;
}
