import "server-only";
// Where a symbol's models are trained: in the worker pool beside the web server (embedded shape), or on
// the calling thread when FORECAST_WORKERS=0 or when the executor runs Inngest steps (executor.ts).
import { getEnv } from "@/env";
import { dropService, processService } from "@/lib/services";
import { createWorkerPool, type Lane, type RunningTask, type TaskLabel, type WorkerPool } from "@/lib/workers/pool";
import { trainingExecutor } from "./executor";
import { workerEntry } from "./worker-entry";
import type { PoolTrainResult, TrainEvent, TrainInput } from "./worker-protocol";

/** The training pool, built on first use; null when training runs on the calling thread. */
export function trainPool(): WorkerPool | null {
  const { FORECAST_WORKERS: size, TRAINING_NICE: niceIncrement } = getEnv();
  if (size === 0 || !trainingExecutor().usesPool) return null;
  // A process-wide service: one set of threads however many bundles import this; resetServicesForTests stops them.
  return processService(
    "workers",
    // Next bundles server code, so the worker's file is addressed from the project root (worker-entry.ts: the
    // prebuilt bundle in a production build, else the TypeScript source). One thread is
    // started with the pool; the server's warm start (warm-start.ts) starts the others, and they are kept for
    // half an hour idle: a person's baseline must not pay a thread's start (seconds of loading the engine) on
    // the thread kept free for people while a warm-up holds the other. The threads run TRAINING_NICE (default
    // 10) below the server's priority: when both cores are busy the thread serving requests runs first.
    () => createWorkerPool({ filename: workerEntry(), size, minThreads: 1, idleTimeoutMs: 30 * 60_000, niceIncrement }),
    (p) => p.destroy(),
  );
}

export async function trainModels(o: TrainInput & {
  signal?: AbortSignal;
  onProgress?: (e: TrainEvent) => void;
  /** The pool lane (src/lib/workers/lanes.ts): a baseline is "fast", a warm-up or scheduled retrain "background". */
  lane?: Lane;
  label?: TaskLabel;
  onWait?: (holding: RunningTask[]) => void;
}): Promise<PoolTrainResult> {
  const p = trainPool();
  if (p) {
    return p.run<PoolTrainResult>(
      { series: o.series, models: o.models, ensembleMembers: o.ensembleMembers, version: o.version, stored: o.stored, volStored: o.volStored },
      { signal: o.signal, onMessage: (m) => o.onProgress?.(m as TrainEvent), lane: o.lane, label: o.label, onWait: o.onWait },
    );
  }
  const { trainHere } = await import("./train-worker");
  return trainHere({ ...o, isCancelled: () => o.signal?.aborted ?? false });
}

/** Stops the pool's threads (tests, shutdown). */
export async function closeTrainPool(): Promise<void> {
  await dropService("workers");
}
