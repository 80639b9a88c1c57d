// In-process implementation of the step tools with Inngest's semantics: a step's result is recorded
// (as JSON, exactly what Inngest would replay) and returned without re-running it on later attempts;
// a repeated id within one execution gets Inngest's ":n" suffix.
import { durationMs } from "./durations";
import type { JobStepTools } from "./types";

export class RunCancelledError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "RunCancelledError";
  }
}

/** Thrown by a handler that gives its slot to a higher-priority job at a safe boundary (yieldIfOutranked). */
export class JobYieldedError extends Error {
  constructor(readonly note: string) {
    super(note);
    this.name = "JobYieldedError";
  }
}

export interface RunMemory {
  steps: Map<string, unknown>;
}

export function createStepTools({
  memory,
  isCancelled,
  onStep,
}: {
  memory: RunMemory;
  isCancelled: () => string | null;
  onStep?: (id: string, replayed: boolean) => void;
}): JobStepTools {
  const seen = new Map<string, number>();
  const uniqueId = (id: string) => {
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    return n === 0 ? id : `${id}:${n}`;
  };
  const checkCancelled = () => {
    const reason = isCancelled();
    if (reason) throw new RunCancelledError(reason);
  };
  return {
    async run<T>(rawId: string, fn: () => T | Promise<T>): Promise<Awaited<T>> {
      const id = uniqueId(rawId);
      if (memory.steps.has(id)) {
        onStep?.(id, true);
        return memory.steps.get(id) as Awaited<T>;
      }
      checkCancelled();
      const value = await fn();
      checkCancelled();
      const recorded = value === undefined ? null : JSON.parse(JSON.stringify(value));
      memory.steps.set(id, recorded);
      onStep?.(id, false);
      return recorded as Awaited<T>;
    },
    async sleep(rawId: string, duration: number | string): Promise<void> {
      const id = uniqueId(rawId);
      if (memory.steps.has(id)) return;
      checkCancelled();
      const ms = durationMs(duration);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, ms);
        t.unref?.();
      });
      checkCancelled();
      memory.steps.set(id, null);
    },
  };
}
