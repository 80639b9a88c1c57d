// The job handlers, bound to the job catalog (src/server/jobs/catalog.ts): the top of the app, the one place
// that knows both the queue and the domain code each job runs. Only the start-up hook (src/instrumentation.ts,
// which binds them for the in-process runner) and the /api/inngest route (serve.ts) import this folder; domain
// code enqueues through the catalog and never imports a handler. Each handler module is imported on its job's
// first run.
// The binding and the catalog only, not the queue: binding the handlers loads neither the queue nor the database.
import { bindJobs, type JobBindings } from "@/lib/queue/bindings";
import type { JobDefinition, JobHandler } from "@/lib/queue/types";
import { jobCatalog, type JobId } from "@/server/jobs/catalog";

export const jobHandlers = {
  "warm-cache": async () => (await import("./warm-cache")).warmCache,
  "compute-prediction": async () => (await import("./compute-prediction")).computePrediction,
  "train-models": async () => (await import("./train-models")).trainModels,
  "warm-models": async () => (await import("./warm-models")).warmModels,
  "fill-actuals": async () => (await import("./fill-actuals")).fillActuals,
  "deliver-webhook": async () => (await import("./deliver-webhook")).deliverWebhook,
  "send-mail": async () => (await import("./send-mail")).sendMail,
  "retry-mail": async () => (await import("./retry-mail")).retryMail,
  "retry-webhooks": async () => (await import("./retry-webhooks")).retryWebhooks,
  "refresh-market": async () => (await import("./refresh-market")).refreshMarket,
  "prune-notifications": async () => (await import("./prune-notifications")).pruneNotificationsJob,
} satisfies Record<JobId, JobBindings["handlers"][string]>;

/** A failed or timed-out run is announced (job.failed: streams, webhooks, operators). */
export const onJobFailed: NonNullable<JobBindings["onFailed"]> = async (args) => (await import("@/server/events")).announceJobFailure(args);

/** Every job with its handler (what /api/inngest serves). */
export const jobDefinitions: readonly JobDefinition[] = jobCatalog.map((spec) => ({ ...spec, load: jobHandlers[spec.id] as () => Promise<JobHandler<unknown>> }));

/** Binds the handlers for this process's queue (the in-process runner runs them). */
export function bindJobHandlers(): void {
  bindJobs({ handlers: jobHandlers, onFailed: onJobFailed });
}
