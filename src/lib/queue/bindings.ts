// The job handlers, bound to the job catalog from the top of the app (src/handlers: the start-up hook binds
// them, and the /api/inngest route serves them), so the queue and the domain code that enqueues never import
// job code. Held process-wide: Next bundles the start-up hook and each route separately, and the queue a
// route builds must find the handlers the start-up hook bound. Each handler module is still imported on its
// job's first run: a job poll loads none of it.
import { processState } from "@/lib/services";
import type { OnJobFailed } from "./store";
import type { JobDefinition, JobHandler, JobSpec } from "./types";

export interface JobBindings {
  /** Loads the handler of each job id (each takes its own job's payload, hence `never` here). */
  handlers: Readonly<Record<string, () => Promise<JobHandler<never>>>>;
  /** Announces a run that ended failed or timed out. */
  onFailed?: OnJobFailed;
}

const bindings = () => processState<{ bound?: JobBindings }>("jobBindings", () => ({}));

/** Binds the handlers (and the failure announcement) for this process; called once at start-up. */
export function bindJobs(b: JobBindings): void {
  bindings().bound = b;
}

/** The specs with their handlers, looked up when a job first runs. */
export function boundDefinitions(specs: readonly JobSpec[]): JobDefinition[] {
  return specs.map((spec) => ({
    ...spec,
    load: async () => {
      const load = bindings().bound?.handlers[spec.id];
      if (!load) throw new Error(`No handler bound for job ${spec.id}: src/handlers binds them at start-up`);
      return (await load()) as JobHandler<unknown>;
    },
  }));
}

/** The bound failure announcement (none before the binding). */
export const boundOnFailed: OnJobFailed = async (args) => {
  await bindings().bound?.onFailed?.(args);
};
