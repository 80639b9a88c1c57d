// The one Inngest client, and defineJobFunction: every job function is declared once and becomes both an
// Inngest function (served at /api/inngest) and a spec the in-process runner executes with the same handler.
import { Inngest, type InngestFunction } from "inngest";
import type { z } from "zod";
import { getEnv } from "@/env";
import { toTimeStr } from "@/server/jobs/durations";
import { wrapJobFunction, type JobFunctionSpec, type JobHandlerArgs } from "@/server/jobs/define";
import { createJobStore } from "@/server/jobs/store";
import { getDb } from "@/lib/db";
import { events, type EventName } from "./events";

const env = getEnv();

export const inngest = new Inngest({
  id: "stock-hub",
  eventKey: env.INNGEST_EVENT_KEY,
  baseUrl: env.INNGEST_BASE_URL,
  isDev: env.INNGEST_DEV ? !["0", "false", "no"].includes(env.INNGEST_DEV.toLowerCase()) : undefined,
});

export interface JobFunction {
  fn: InngestFunction.Any;
  spec: JobFunctionSpec;
  /** The wrapped handler both backends execute. */
  handler: ReturnType<typeof wrapJobFunction>;
}

type Retries = NonNullable<InngestFunction.Options["retries"]>;

export function defineJobFunction<N extends EventName>(opts: {
  id: string;
  event: N;
  cron?: string;
  retries?: Retries;
  handler: (args: JobHandlerArgs<z.output<(typeof events)[N]>>) => Promise<unknown>;
}): JobFunction {
  const spec: JobFunctionSpec = { ...opts, schema: events[opts.event] } as JobFunctionSpec;
  const handler = wrapJobFunction(spec);
  const fn = inngest.createFunction(
    {
      id: opts.id,
      triggers: [{ event: opts.event }, ...(opts.cron ? [{ cron: opts.cron }] : [])],
      retries: opts.retries,
      timeouts: { finish: toTimeStr(env.JOB_TIMEOUT_MS) },
      // Runs out of retries: record the failure on the Job row the queue created.
      onFailure: async ({ event, error }) => {
        const jobId = (event.data as { event?: { data?: { jobId?: unknown } } }).event?.data?.jobId;
        if (typeof jobId === "string") {
          await createJobStore(getDb).finish({ id: jobId, status: "failed", error: error.message });
        }
      },
    },
    // Inngest's context is a superset of the JobRunContext the wrapper reads.
    (ctx) => handler(ctx as unknown as Parameters<typeof handler>[0]),
  );
  return { fn, spec, handler };
}
