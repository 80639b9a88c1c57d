// A job's progress rows while its models train, written at most one every `everyMs`: each write is a database
// update on the server's thread (the embedded database runs there), and a person's training reports three
// stages per model plus the waits, two models at a time. A row made while one waits replaces it (only the
// latest is shown); the last row made is always written, and `drain()` writes it at once (without the rest of
// the interval: a job drains once per finished model, and a retrain's steps take milliseconds) and waits for it,
// so nothing a job writes afterwards is overwritten by a late progress row. A failed write is reported, not
// thrown: training goes on.
export interface ProgressRow {
  value: number;
  message: string;
}

export function progressWriter(
  write: (row: ProgressRow) => Promise<void>,
  { everyMs = 250, onError }: { everyMs?: number; onError?: (err: unknown) => void } = {},
): { say(row: ProgressRow): void; drain(): Promise<void> } {
  let next: ProgressRow | null = null;
  let running: Promise<void> | null = null;
  let last = Number.NEGATIVE_INFINITY;
  let draining = 0;
  let wake: (() => void) | null = null;
  const loop = async () => {
    try {
      while (next) {
        const wait = last + everyMs - performance.now();
        if (wait > 0 && draining === 0)
          await new Promise<void>((r) => {
            const timer = setTimeout(r, wait);
            wake = () => (clearTimeout(timer), r());
          });
        wake = null;
        const row = next;
        next = null;
        last = performance.now();
        await write(row).catch((err: unknown) => onError?.(err));
      }
    } finally {
      running = null;
    }
  };
  return {
    say(row) {
      next = row;
      running ??= loop();
    },
    async drain() {
      draining += 1;
      wake?.();
      try {
        while (running) await running;
      } finally {
        draining -= 1;
      }
    },
  };
}
