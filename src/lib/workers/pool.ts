import "server-only";
// A worker-thread pool (piscina) for CPU-heavy work beside the web server. Each task may stream messages
// (progress) back over its own MessagePort and be cancelled through a shared flag the worker checks at its
// own safe boundaries. A worker that crashes or runs out of memory fails only its task, with a clear error;
// piscina replaces the thread and the server keeps serving.
import { existsSync } from "node:fs";
import { MessageChannel } from "node:worker_threads";
import { Piscina } from "piscina";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { RunCancelledError } from "@/lib/queue/step-tools";
import { LaneScheduler, type Lane, type RunningTask, type TaskLabel } from "./lanes";
import { TASK_END } from "./task-end";

export type { Lane, RunningTask, TaskLabel } from "./lanes";

export interface PoolTaskContext {
  /** The task's port: the worker posts messages here. */
  port: MessagePort | import("node:worker_threads").MessagePort;
  /** Int32Array over a SharedArrayBuffer: [0] becomes 1 when the task is cancelled. */
  cancelFlag: Int32Array;
}

export interface PoolRunOptions {
  signal?: AbortSignal;
  onMessage?: (msg: unknown) => void;
  /** Which lane the task waits in (lanes.ts); "person" by default. */
  lane?: Lane;
  label?: TaskLabel;
  /** Told, with what holds the threads, when the task has to wait for one. */
  onWait?: (holding: RunningTask[]) => void;
}

export interface WorkerPool {
  run<T>(task: Record<string, unknown>, opts?: PoolRunOptions): Promise<T>;
  readonly size: number;
  /** What the threads are doing now. */
  runningTasks(): RunningTask[];
  /**
   * endWaits: results of streaming tasks handed back only after END_WAIT_MS, their end (TASK_END) not seen;
   * the thread stayed reserved, idle, for that long.
   */
  stats(): { threads: number; queued: number; completed: number; endWaits: number };
  destroy(): Promise<void>;
}

export class WorkerCrashedError extends AppError {
  constructor(detail: string) {
    super("internal", `The training worker stopped unexpectedly (${detail}); the job failed and the worker was replaced`);
    this.name = "WorkerCrashedError";
  }
}

/** A cancelled task is a cancelled run: the queue neither retries it nor reports it failed. */
export class TaskCancelledError extends RunCancelledError {
  constructor() {
    super("Job cancelled");
  }
}

/**
 * The loader workers run the TypeScript sources through. It is needed at run time (and its esbuild builds the
 * production worker bundle), so it is a production dependency: after `npm install --omit=dev` a devDependency would be missing and every training would fail.
 */
export const WORKER_LOADER = "tsx";

/** How long a finished task's last messages may take to arrive when it posts no TASK_END (task-end.ts). */
const END_WAIT_MS = 1_000;
/** True when `ended` settles first, false after END_WAIT_MS. */
async function endOrTimeout(ended: Promise<boolean>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((r) => {
    timer = setTimeout(() => r(false), END_WAIT_MS);
  });
  try {
    return await Promise.race([ended, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The module each thread preloads to lower its own priority (nice-thread.mjs). Next bundles this file, so the
 * module is addressed from the project root, as the training worker's entry is (src/server/training/worker-entry.ts).
 */
export const niceThreadModule = (root = process.cwd()) => `${root}/src/lib/workers/nice-thread.mjs`;

/** Whether this OS lowers one thread's priority (Linux: /proc/thread-self names the thread). */
export const perThreadNice = () => existsSync("/proc/thread-self");
const CRASH_CODES = new Set(["ERR_WORKER_OUT_OF_MEMORY", "ERR_WORKER_INIT_FAILED"]);

export function createWorkerPool({
  filename,
  size,
  minThreads = 0,
  idleTimeoutMs = 60_000,
  maxOldGenerationSizeMb,
  niceIncrement = 0,
}: {
  filename: string;
  size: number;
  /** Threads started with the pool and kept however long they idle (piscina starts them at once). */
  minThreads?: number;
  /** How long a thread beyond minThreads is kept idle. */
  idleTimeoutMs?: number;
  maxOldGenerationSizeMb?: number;
  /**
   * Added to the threads' nice value (Linux, per thread: nice-thread.mjs): when the cores are busy the threads
   * serving requests run first and the pool's work takes what is left. Elsewhere the threads keep their priority.
   */
  niceIncrement?: number;
}): WorkerPool {
  const nice = niceIncrement > 0 && perThreadNice() ? ["--import", niceThreadModule()] : [];
  if (niceIncrement > 0 && nice.length === 0) logger.info("worker threads keep the server's CPU priority: lowering one thread's priority needs Linux (/proc/thread-self)", { niceIncrement });
  const pool = new Piscina({
    filename,
    minThreads: Math.min(minThreads, size),
    maxThreads: size,
    // A TypeScript entry runs through tsx (the same loader the CLI uses); a prebuilt JavaScript bundle
    // (src/server/training/worker-entry.ts) needs no loader.
    execArgv: ["--conditions=react-server", ...nice, ...(filename.endsWith(".ts") ? ["--import", WORKER_LOADER] : [])],
    // Threads beyond minThreads stop after this long idle.
    idleTimeout: idleTimeoutMs,
    workerData: { niceIncrement },
    ...(maxOldGenerationSizeMb ? { resourceLimits: { maxOldGenerationSizeMb } } : {}),
  });
  const lanes = new LaneScheduler(size);
  let endWaits = 0;
  const runNow = async <T>(task: Record<string, unknown>, { signal, onMessage }: PoolRunOptions): Promise<T> => {
    if (signal?.aborted) throw new TaskCancelledError();
    const { port1, port2 } = new MessageChannel();
    const cancelFlag = new Int32Array(new SharedArrayBuffer(4));
    const onAbort = () => Atomics.store(cancelFlag, 0, 1);
    signal?.addEventListener("abort", onAbort, { once: true });
    // A task that streams messages posts TASK_END after its last one (train-worker.ts does: endTask), so every
    // message has arrived before its result is handed back (the result comes on piscina's own channel and
    // could overtake them). One that does not is waited for END_WAIT_MS, its thread reserved meanwhile.
    let ended: Promise<boolean> = Promise.resolve(true);
    if (onMessage) {
      ended = new Promise<boolean>((r) => {
        port1.on("message", (m) => (m === TASK_END ? r(true) : onMessage(m)));
        port1.once("close", () => r(true));
      });
    }
    try {
      const result = (await pool.run({ ...task, port: port2, cancelFlag }, { transferList: [port2] })) as T;
      if (!(await endOrTimeout(ended))) endWaits++;
      return result;
    } catch (err) {
      const e = err as { name?: string; code?: string; message?: string };
      if (e?.name === "RunCancelledError" || Atomics.load(cancelFlag, 0) === 1) throw new TaskCancelledError();
      // An error thrown by the task's own code arrives as an Error; anything else means the thread died.
      if (e?.code && CRASH_CODES.has(e.code)) throw new WorkerCrashedError(e.code === "ERR_WORKER_OUT_OF_MEMORY" ? "out of memory" : e.code);
      if (/worker (exited|terminated)|Terminating worker thread/i.test(e?.message ?? "")) throw new WorkerCrashedError(e.message!);
      throw err;
    } finally {
      signal?.removeEventListener("abort", onAbort);
      port1.close();
    }
  };
  return {
    size,
    run: <T>(task: Record<string, unknown>, opts: PoolRunOptions = {}) =>
      lanes.run({ lane: opts.lane ?? "person", label: opts.label, onWait: opts.onWait, task: () => runNow<T>(task, opts) }),
    runningTasks: () => lanes.runningTasks(),
    stats: () => ({ threads: pool.threads.length, queued: pool.queueSize + lanes.waitingCount(), completed: pool.completed, endWaits }),
    destroy: () => pool.destroy(),
  };
}
