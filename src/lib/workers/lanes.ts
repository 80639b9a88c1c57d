// The order in which the worker pool hands tasks to its threads. Three lanes: "fast" (short tasks a person
// waits for with nothing on screen yet, e.g. a baseline forecast), "person" (a person's training) and
// "background" (warm-ups, scheduled retrains). A task is only handed to piscina when a thread is free, so
// piscina's own FIFO queue stays empty and this order is the one that counts: fast, then person, then
// background. Background work may hold at most `size - 1` threads when there are several (one is kept for
// people) and waits while a person's task waits: it yields at its next task boundary.

export type Lane = "fast" | "person" | "background";
const ORDER: readonly Lane[] = ["fast", "person", "background"];
/** How often a waiting task's `onWait` is told again what holds the threads. */
export const WAIT_REFRESH_MS = 2000;

/** What a task says about itself, for the progress text of whoever waits behind it. */
export interface TaskLabel {
  /** e.g. the symbol being trained. */
  subject?: string;
  /** What the task does, e.g. a model name. */
  what?: string;
  /** Expected duration (ms), when the caller has an estimate. */
  expectMs?: number;
}

export interface RunningTask extends TaskLabel {
  lane: Lane;
  startedAt: number;
}

interface Waiting {
  lane: Lane;
  label: TaskLabel;
  start: (entry: RunningTask) => void;
}

export class LaneScheduler {
  private readonly waiting: Waiting[] = [];
  private readonly running = new Set<RunningTask>();

  constructor(private readonly size: number) {}

  /** Threads background work may hold: all of them with one thread, all but one with several. */
  get backgroundLimit(): number {
    return this.size > 1 ? this.size - 1 : this.size;
  }

  /** What holds the threads now (for "waiting for background training of AAPL (about 12 s)"). */
  runningTasks(): RunningTask[] {
    return [...this.running];
  }

  /** Tasks waiting in `lane`, or in every lane. */
  waitingCount(lane?: Lane): number {
    return lane ? this.waiting.filter((w) => w.lane === lane).length : this.waiting.length;
  }

  /**
   * Runs `task` when its turn comes. `onWait` is told, with the tasks holding the threads, when the task cannot
   * start at once, and again every WAIT_REFRESH_MS while it waits (the wait's text is re-estimated: a task
   * past its estimate is not promised "about 1 s" for a minute).
   */
  async run<T>({ lane, label = {}, task, onWait }: { lane: Lane; label?: TaskLabel; task: () => Promise<T>; onWait?: (holding: RunningTask[]) => void }): Promise<T> {
    let started = false;
    let refresh: ReturnType<typeof setInterval> | undefined;
    const entry = await new Promise<RunningTask>((resolve) => {
      this.waiting.push({
        lane,
        label,
        start: (e) => {
          started = true;
          clearInterval(refresh);
          resolve(e);
        },
      });
      this.pump();
      if (!started && onWait) {
        onWait(this.runningTasks());
        refresh = setInterval(() => onWait(this.runningTasks()), WAIT_REFRESH_MS);
        refresh.unref?.();
      }
    });
    try {
      return await task();
    } finally {
      this.running.delete(entry);
      this.pump();
    }
  }

  /** Starts every waiting task that may start now, best lane first. */
  private pump(): void {
    for (let next = this.next(); next; next = this.next()) {
      this.waiting.splice(this.waiting.indexOf(next), 1);
      const entry: RunningTask = { ...next.label, lane: next.lane, startedAt: Date.now() };
      this.running.add(entry);
      next.start(entry);
    }
  }

  private next(): Waiting | undefined {
    if (this.running.size >= this.size) return undefined;
    for (const lane of ORDER) {
      const w = this.waiting.find((x) => x.lane === lane);
      if (!w) continue;
      // Lanes ahead in ORDER have nothing waiting here; background also leaves one thread for people.
      if (lane === "background" && this.countRunning("background") >= this.backgroundLimit) return undefined;
      return w;
    }
    return undefined;
  }


  private countRunning(lane: Lane): number {
    let n = 0;
    for (const r of this.running) if (r.lane === lane) n++;
    return n;
  }
}
