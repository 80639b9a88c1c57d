import "server-only";
// `import { queue } from "@/server/jobs"`: the app's queue, handed every job definition. Built on first
// use; the definitions load their handlers lazily, so a job poll loads none of the forecast code.
import { createQueue } from "@/lib/queue";
import { jobDefinitions } from "../../../inngest/index";

export const queue = createQueue({
  definitions: jobDefinitions,
  inngest: async () => (await import("../../../inngest/client")).getInngest(),
  // Imported on first failure: the announcement reaches the webhooks, which enqueue through this queue.
  onFailed: async (args) => (await import("@/server/events/job-failed")).announceJobFailure(args),
});
