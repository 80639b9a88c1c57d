import "server-only";
// Where trainings run, chosen once, by the queue's backend. With the in-process runner (the embedded shape)
// each model is a task of the worker pool beside the web server, whose threads the server warms at start, and
// a first start trains the watchlist in the background. Under Inngest each model is a step of the function's
// run, computed on the thread running the step (a function run is its own process): no pool, nothing warmed
// or trained at start. The rest of the code asks this object, never the environment.
import { queue } from "@/server/jobs";

export interface TrainingExecutor {
  readonly kind: "pool" | "steps";
  /** Models train on the worker pool (FORECAST_WORKERS > 0), else on the thread running the step. */
  readonly usesPool: boolean;
  /** The server warms the pool's threads at start and, on a first start, trains the watchlist (WARM_MODELS). */
  readonly warmsAtStart: boolean;
}

const IN_PROCESS_POOL: TrainingExecutor = { kind: "pool", usesPool: true, warmsAtStart: true };
const INNGEST_STEPS: TrainingExecutor = { kind: "steps", usesPool: false, warmsAtStart: false };

export const trainingExecutor = (): TrainingExecutor => (queue.backend === "inngest" ? INNGEST_STEPS : IN_PROCESS_POOL);
