import "server-only";
// The queue: Inngest when INNGEST_EVENT_KEY or INNGEST_DEV is set, otherwise the in-process runner (the one
// place that choice is made; the rest asks `queue.backend` or the training executor). It receives the job
// catalog (it never imports it) and runs the handlers bound from the top (bindings.ts); it is built on first
// use, so importing it reads no environment and loads no job code.
import type { z } from "zod";
import { getEnv } from "@/env";
import { getDb } from "@/lib/db";
import { processService } from "@/lib/services";
import { boundDefinitions, boundOnFailed } from "./bindings";
import { createInngestQueue, createInProcessQueue } from "./create";
import type { InProcessRunner } from "./runner";
import { parseSchedules } from "./schedules";
import type { JobSpec, Queue } from "./types";

export type { JobDefinition, JobHandler, JobHandlerArgs, JobSpec, JobStatus, JobView, Queue, StoredJob } from "./types";
export { JOB_ID_PATTERN } from "./types";
export { bindJobs, type JobBindings } from "./bindings";
export { publicJob } from "./store";

type Instance = Queue & { runner?: InProcessRunner };

/** The backend, chosen from the environment. */
const chooseBackend = (): Queue["backend"] => {
  const env = getEnv();
  return env.INNGEST_EVENT_KEY || env.INNGEST_DEV ? "inngest" : "inprocess";
};

export interface EnqueueOptions {
  /** Who asked (the Job row's owner). */
  userId?: string | null;
  /** In-process runner order: higher runs first (Inngest orders its own runs). */
  priority?: number;
}

export interface AppQueue<P extends Record<string, z.ZodType>> extends Omit<Queue, "enqueue"> {
  /** Creates the Job row and hands the event to the backend; a payload its schema rejects is a 400, and nothing is stored. */
  enqueue<E extends keyof P & string>(event: E, data: z.input<P[E]>, opts?: EnqueueOptions): Promise<{ jobId: string }>;
  /** Starts the in-process cron triggers (Inngest schedules its own). */
  startSchedules(): void;
  /** The in-process runner, when that backend is active (tests, idle waits, stats). */
  runner(): InProcessRunner | undefined;
}

/** The app's queue over `jobs`; `P` maps each event name to its payload schema (the types of `enqueue`). */
export function createQueue<P extends Record<string, z.ZodType>>({ jobs }: { jobs: readonly JobSpec[] }): AppQueue<P> {
  // A process-wide service so Next's dev reloads keep one runner (and one set of cron timers); tests switch
  // backends with resetServicesForTests(), which stops the timers.
  const build = (): Instance => {
    const env = getEnv();
    const definitions = boundDefinitions(jobs);
    return chooseBackend() === "inngest"
      ? createInngestQueue({
          db: getDb,
          definitions,
          sender: async () => (await import("./inngest-client")).getInngest(),
          devServerUrl: env.INNGEST_EVENT_KEY ? undefined : (env.INNGEST_BASE_URL ?? "http://127.0.0.1:8288"),
          onFailed: boundOnFailed,
        })
      : createInProcessQueue({
          db: getDb,
          definitions,
          concurrency: env.JOB_CONCURRENCY,
          timeoutMs: env.JOB_TIMEOUT_MS,
          onFailed: boundOnFailed,
          schedules: parseSchedules(env.JOB_SCHEDULES, jobs.map((d) => d.id)),
        });
  };
  const current = (): Instance => processService("queue", build, (q) => q.runner?.stopCron());
  return {
    get backend() {
      return current().backend;
    },
    enqueue: (event, data, opts = {}) => current().enqueue({ event, data: data as Record<string, unknown>, ...opts }),
    getJob: (id) => current().getJob(id),
    prioritize: (id, priority) => current().prioritize(id, priority),
    cancel: (id) => current().cancel(id),
    health: () => current().health(),
    startSchedules() {
      if (getEnv().NODE_ENV === "test") return;
      current().runner?.startCron();
    },
    runner: () => current().runner,
  };
}
