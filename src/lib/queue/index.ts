import "server-only";
// The queue: Inngest when INNGEST_EVENT_KEY or INNGEST_DEV is set, otherwise the in-process runner. It
// receives the job definitions (it never imports them) and is built on first use, so importing it reads
// no environment and loads no job code.
import { getEnv } from "@/env";
import { getDb } from "@/lib/db";
import { processService } from "@/lib/services";
import { createInngestQueue, createInProcessQueue, type EventSender } from "./create";
import type { InProcessRunner } from "./runner";
import { parseSchedules } from "./schedules";
import type { OnJobFailed } from "./store";
import type { JobDefinition, Queue } from "./types";

export type { JobDefinition, JobHandler, JobHandlerArgs, JobStatus, JobView, Queue, StoredJob } from "./types";
export { JOB_ID_PATTERN } from "./types";
export { defineJob } from "./define";
export { publicJob } from "./store";

type Instance = Queue & { runner?: InProcessRunner };

export const usesInngest = (): boolean => {
  const env = getEnv();
  return Boolean(env.INNGEST_EVENT_KEY || env.INNGEST_DEV);
};

export interface AppQueue extends Queue {
  /** Starts the in-process cron triggers (Inngest schedules its own). */
  startSchedules(): void;
  /** The in-process runner, when that backend is active (tests, idle waits, stats). */
  runner(): InProcessRunner | undefined;
}

export function createQueue({
  definitions,
  inngest,
  onFailed,
}: {
  definitions: readonly JobDefinition[];
  inngest: () => Promise<EventSender>;
  onFailed?: OnJobFailed;
}): AppQueue {
  // A process-wide service so Next's dev reloads keep one runner (and one set of cron timers); tests switch
  // backends with resetServicesForTests(), which stops the timers.
  const build = (): Instance => {
    const env = getEnv();
    return usesInngest()
      ? createInngestQueue({
          db: getDb,
          definitions,
          sender: inngest,
          devServerUrl: env.INNGEST_EVENT_KEY ? undefined : (env.INNGEST_BASE_URL ?? "http://127.0.0.1:8288"),
          onFailed,
        })
      : createInProcessQueue({
          db: getDb,
          definitions,
          concurrency: env.JOB_CONCURRENCY,
          timeoutMs: env.JOB_TIMEOUT_MS,
          onFailed,
          schedules: parseSchedules(env.JOB_SCHEDULES, definitions.map((d) => d.id)),
        });
  };
  const current = (): Instance => processService("queue", build, (q) => q.runner?.stopCron());
  return {
    get backend() {
      return current().backend;
    },
    enqueue: (args) => current().enqueue(args),
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
