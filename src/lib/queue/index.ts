import "server-only";
// `import { queue } from "@/lib/queue"`: Inngest when INNGEST_EVENT_KEY or INNGEST_DEV is set, otherwise the
// in-process runner executing the same functions. The instance is created on first use.
import { getEnv } from "@/env";
import { getDb } from "@/lib/db";
import { processService } from "@/lib/services";
import { inngest } from "../../../inngest/client";
import { jobFunctions } from "../../../inngest/index";
import { createInngestQueue, createInProcessQueue } from "./create";
import type { Queue } from "./types";

export type { Queue } from "./types";
export type { JobView, JobStatus } from "@/server/jobs/types";

type Instance = Queue & { runner?: { startCron(): void; stopCron(): void } };

export const usesInngest = (): boolean => {
  const env = getEnv();
  return Boolean(env.INNGEST_EVENT_KEY || env.INNGEST_DEV);
};

// A process-wide service so Next's dev reloads keep one runner (and one set of cron timers).
const current = (): Instance => processService("queue", build, (q) => q.runner?.stopCron());

function build(): Instance {
  const env = getEnv();
  return usesInngest()
    ? createInngestQueue({
        db: getDb,
        sender: inngest,
        devServerUrl: env.INNGEST_EVENT_KEY ? undefined : (env.INNGEST_BASE_URL ?? "http://127.0.0.1:8288"),
      })
    : createInProcessQueue({
        db: getDb,
        functions: jobFunctions.map((f) => ({ id: f.spec.id, event: f.spec.event, cron: f.spec.cron, retries: f.spec.retries, handler: f.handler })),
        concurrency: env.JOB_CONCURRENCY,
        timeoutMs: env.JOB_TIMEOUT_MS,
      });
}

export const queue: Queue = {
  get backend() {
    return current().backend;
  },
  enqueue: (args) => current().enqueue(args),
  getJob: (id) => current().getJob(id),
  health: () => current().health(),
};

/** Starts the in-process cron triggers (Inngest schedules its own). Called once from src/instrumentation.ts. */
export function startJobSchedules(): void {
  if (getEnv().NODE_ENV === "test") return;
  current().runner?.startCron();
}
