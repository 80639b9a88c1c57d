// The in-process job runner (embedded default): executes the same wrapped handlers Inngest would, with the
// same step semantics, retries with exponential backoff, bounded concurrency, a per-run timeout and
// status persisted through the JobStore. Also fires cron triggers while started.
import { randomUUID } from "node:crypto";
import { logger } from "@/lib/logger";
import { nextCronTime } from "./cron";
import type { WrappedContext, WrappedJob } from "./define";
import { createStepTools, type JobYieldedError, RunCancelledError, type RunMemory } from "./step-tools";
import type { JobStore } from "./store";

export interface RunnableFunction {
  id: string;
  event: string;
  cron?: string;
  retries?: number;
  handler: WrappedJob;
}

export interface InProcessRunnerOptions {
  store: JobStore;
  functions: RunnableFunction[];
  concurrency: number;
  timeoutMs: number;
  /** Delay before retry number `attempt` (1-based); Inngest-like exponential backoff by default. */
  retryDelayMs?: (attempt: number) => number;
}

interface Pending {
  jobId: string;
  fn: RunnableFunction;
  data: Record<string, unknown>;
  /** Higher runs first; equal priorities keep their order. */
  priority: number;
  /** Steps a run that yielded had completed: replayed when it resumes, so nothing is computed twice. */
  memory?: RunMemory;
}


const DEFAULT_RETRIES = 4; // Inngest's default
const defaultDelay = (attempt: number) => Math.min(30_000, 1000 * 2 ** (attempt - 1));
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref?.());

export class InProcessRunner {
  private readonly byEvent = new Map<string, RunnableFunction>();
  private readonly queue: Pending[] = [];
  private active = 0;
  private idleWaiters: (() => void)[] = [];
  private cronTimers: NodeJS.Timeout[] = [];
  private readonly cancelled = new Set<string>();
  private readonly running = new Map<string, AbortController>();
  private readonly runningPriority = new Map<string, number>();

  constructor(private readonly opts: InProcessRunnerOptions) {
    for (const fn of opts.functions) {
      if (this.byEvent.has(fn.event)) throw new Error(`Two functions handle ${fn.event}; the in-process queue runs one per event`);
      this.byEvent.set(fn.event, fn);
    }
  }

  handles(event: string): boolean {
    return this.byEvent.has(event);
  }

  get stats(): { running: number; waiting: number } {
    return { running: this.active, waiting: this.queue.length };
  }

  /** Creates the Job row ("queued") and schedules the run; resolves as soon as the row exists. */
  async enqueue({ event, data }: { event: string; data: Record<string, unknown> }): Promise<{ jobId: string }> {
    if (!this.byEvent.has(event)) throw new Error(`No function handles event ${event}`);
    const { id } = await this.opts.store.create({ name: event, input: data });
    return this.start({ jobId: id, event, data });
  }

  /** Schedules a run for a Job row that already exists. */
  start({ jobId, event, data, priority = 0 }: { jobId: string; event: string; data: Record<string, unknown>; priority?: number }): { jobId: string } {
    const fn = this.byEvent.get(event);
    if (!fn) throw new Error(`No function handles event ${event}`);
    this.insert({ jobId, fn, data, priority });
    return { jobId };
  }

  private insert(entry: Pending): void {
    // Before the first lower-priority entry: a symbol a person asks for jumps background warm-ups.
    const at = this.queue.findIndex((p) => p.priority < entry.priority);
    this.queue.splice(at === -1 ? this.queue.length : at, 0, entry);
    this.pump();
  }

  /** True while the run is waiting or running in this process (a Job row left "running" by a restart is not). */
  holds(jobId: string): boolean {
    return this.running.has(jobId) || this.queue.some((p) => p.jobId === jobId);
  }

  /** True when a run of higher priority than `jobId`'s is waiting for a slot (the running job should yield). */
  outranked(jobId: string): boolean {
    const mine = this.runningPriority.get(jobId);
    return mine !== undefined && this.queue.some((p) => p.priority > mine);
  }

  /**
   * Moves a waiting run up to `priority` (never down); false when it is not waiting here or already that high.
   * A running one keeps running at the new priority (a warm-up a person joined no longer yields).
   */
  prioritize(jobId: string, priority: number): boolean {
    const held = this.runningPriority.get(jobId);
    if (held !== undefined) {
      if (held >= priority) return false;
      this.runningPriority.set(jobId, priority);
      return true;
    }
    const i = this.queue.findIndex((p) => p.jobId === jobId);
    if (i === -1 || this.queue[i].priority >= priority) return false;
    const [entry] = this.queue.splice(i, 1);
    const at = this.queue.findIndex((p) => p.priority < priority);
    this.queue.splice(at === -1 ? this.queue.length : at, 0, { ...entry, priority });
    return true;
  }

  /** Drops a waiting run, or flags a running one so it stops at its next step or boundary. */
  cancel(jobId: string): void {
    const i = this.queue.findIndex((p) => p.jobId === jobId);
    if (i !== -1) this.queue.splice(i, 1);
    const run = this.running.get(jobId);
    if (run) {
      this.cancelled.add(jobId);
      run.abort();
    }
    if (this.active === 0 && this.queue.length === 0) for (const w of this.idleWaiters.splice(0)) w();
  }

  /** Resolves when nothing is running or waiting (tests, graceful shutdown). */
  idle(): Promise<void> {
    if (this.active === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Starts timers for every function's cron trigger. Each firing is claimed in the job store first: with several
   * processes on one database, only the first to claim a scheduled minute enqueues the job.
   */
  startCron(now: () => Date = () => new Date()): void {
    this.stopCron();
    for (const fn of this.opts.functions) {
      const cron = fn.cron;
      if (!cron) continue;
      const arm = () => {
        const at = nextCronTime(cron, now());
        const delay = Math.max(0, at.getTime() - now().getTime());
        // setTimeout caps at ~24.8 days; re-arm in steps so long gaps still work.
        const timer = setTimeout(() => {
          if (delay > 2 ** 31 - 1) return arm();
          this.fire(fn, at);
          arm();
        }, Math.min(delay, 2 ** 31 - 1));
        timer.unref?.();
        this.cronTimers.push(timer);
      };
      arm();
    }
  }

  private fire(fn: RunnableFunction, at: Date): void {
    void this.opts.store
      .claimTick({ name: fn.id, at })
      .then((mine) => (mine ? this.enqueue({ event: fn.event, data: { reason: "schedule" } }) : null))
      .catch((err: unknown) => logger.error("cron enqueue failed", { fn: fn.id, err }));
  }

  stopCron(): void {
    for (const t of this.cronTimers) clearTimeout(t);
    this.cronTimers = [];
  }

  private pump(): void {
    while (this.active < this.opts.concurrency && this.queue.length > 0) {
      const next = this.queue.shift()!;
      this.active++;
      this.execute(next)
        .catch((err: unknown) => logger.error("job runner error", { jobId: next.jobId, err }))
        .finally(() => {
          this.active--;
          this.pump();
          if (this.active === 0 && this.queue.length === 0) {
            for (const w of this.idleWaiters.splice(0)) w();
          }
        });
    }
  }

  private async execute(p: Pending): Promise<void> {
    const abort = new AbortController();
    this.running.set(p.jobId, abort);
    this.runningPriority.set(p.jobId, p.priority);
    let yielded: Pending | null = null;
    try {
      yielded = await this.run(p, abort);
    } finally {
      this.running.delete(p.jobId);
      this.runningPriority.delete(p.jobId);
      this.cancelled.delete(p.jobId);
    }
    // Back in line behind what outranked it; it resumes from its recorded steps.
    if (yielded) this.insert(yielded);
  }

  /** Runs a job to its end; returns the entry to queue again when it yielded its slot. */
  private async run(p: Pending, abort: AbortController): Promise<Pending | null> {
    const { jobId, fn, data } = p;
    const { store, timeoutMs } = this.opts;
    const retries = fn.retries ?? DEFAULT_RETRIES;
    const delay = this.opts.retryDelayMs ?? defaultDelay;
    const memory: RunMemory = p.memory ?? { steps: new Map() };
    const runId = randomUUID();
    const deadline = Date.now() + timeoutMs;
    let cancelled: string | null = null;
    const timedOut = `timed out after ${timeoutMs} ms`;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => {
        cancelled = timedOut;
        abort.abort();
        resolve("timeout");
      }, timeoutMs);
      timer.unref?.();
    });
    try {
      for (let attempt = 0; ; attempt++) {
        await store.markRunning({ id: jobId, attempts: attempt + 1 });
        const isCancelled = () => cancelled ?? (this.cancelled.has(jobId) ? "Job cancelled" : null);
        const step = createStepTools({ memory, isCancelled });
        const outranked = () => this.outranked(jobId);
        const ctx: WrappedContext = { event: { name: fn.event, data: { ...data, jobId } }, step, attempt, runId, jobStore: store, inProcess: true, isCancelled, signal: abort.signal, outranked, priority: () => this.runningPriority.get(jobId) ?? p.priority };
        const run = fn.handler(ctx).then(
          () => ({ ok: true as const }),
          (err: unknown) => ({ ok: false as const, err }),
        );
        const outcome = await Promise.race([run, timeout]);
        if (outcome === "timeout") {
          await store.finish({ id: jobId, status: "timeout", error: `Job ${timedOut}` });
          return null;
        }
        if (outcome.ok) return null; // the wrapper recorded the result in its "job-done" step
        const err = outcome.err;
        if ((err as { name?: string })?.name === "JobYieldedError") {
          await store.requeue({ id: jobId, message: (err as JobYieldedError).note });
          logger.info("job yielded its slot", { jobId, fn: fn.id });
          return { ...p, memory };
        }
        const message = err instanceof Error ? err.message : String(err);
        const name = (err as { name?: string })?.name;
        // Retrying cannot fix a cancelled run, a payload that fails its schema, or an error marked non-retriable.
        const fatal = err instanceof RunCancelledError || name === "RunCancelledError" || name === "NonRetriableError" || name === "ZodError";
        const wait = delay(attempt + 1);
        if (fatal || attempt >= retries || Date.now() + wait >= deadline) {
          await store.finish({ id: jobId, status: "failed", error: message });
          logger.warn("job failed", { jobId, fn: fn.id, attempts: attempt + 1, error: message });
          return null;
        }
        logger.info("job attempt failed, retrying", { jobId, fn: fn.id, attempt: attempt + 1, retryInMs: wait, error: message });
        const slept = await Promise.race([sleep(wait).then(() => "slept" as const), timeout]);
        if (slept === "timeout") {
          await store.finish({ id: jobId, status: "timeout", error: `Job ${timedOut}` });
          return null;
        }
      }
    } finally {
      clearTimeout(timer);
    }
  }
}
