import { threadId } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import { createWorkerPool, TaskCancelledError, WorkerCrashedError } from "@/lib/workers/pool";
import { threadNice } from "../../support/crash-worker";

const pool = createWorkerPool({ filename: `${process.cwd()}/tests/support/crash-worker.ts`, size: 1, maxOldGenerationSizeMb: 64 });
afterAll(() => pool.destroy());

describe("worker pool", () => {
  it("runs tasks on another thread than the caller's", async () => {
    const r = await pool.run<{ threadId: number; value: number }>({ kind: "echo", value: 21 });
    expect(r.value).toBe(42);
    expect(r.threadId).not.toBe(threadId);
  });

  it("passes a task's own error through unchanged", async () => {
    await expect(pool.run({ kind: "throw" })).rejects.toThrow("bad input for the task");
  });

  it("fails only the task whose worker exits or runs out of memory, and replaces the worker", async () => {
    const exit = await pool.run({ kind: "exit" }).catch((e: unknown) => e);
    expect(exit).toBeInstanceOf(WorkerCrashedError);
    expect((exit as Error).message).toMatch(/^The training worker stopped unexpectedly \(.+\); the job failed and the worker was replaced$/);
    const oom = await pool.run({ kind: "oom" }).catch((e: unknown) => e);
    expect(oom).toBeInstanceOf(WorkerCrashedError);
    expect((oom as Error).message).toContain("out of memory");
    // The next task gets a fresh worker.
    expect((await pool.run<{ value: number }>({ kind: "echo", value: 5 })).value).toBe(10);
  });

  it("streams messages and stops a task at its next boundary when cancelled", async () => {
    const seen: unknown[] = [];
    const ac = new AbortController();
    const run = pool.run({ kind: "wait" }, { signal: ac.signal, onMessage: (m) => seen.push(m) });
    while (seen.length < 3) await new Promise((r) => setTimeout(r, 10));
    ac.abort();
    await expect(run).rejects.toBeInstanceOf(TaskCancelledError);
    expect(seen.length).toBeLessThan(200);
    expect(seen[0]).toEqual({ step: 0 });
  });

  it("hands a streaming task's result back once its last message (TASK_END) arrives, not after the end wait", async () => {
    const seen: unknown[] = [];
    const before = pool.stats().endWaits;
    // Twice: between tasks piscina parks the thread in Atomics.wait, where a port's close made after an await
    // does not reach this side (the pool used to wait for that close and held the thread idle for 1 s).
    for (let i = 0; i < 2; i++) expect(await pool.run({ kind: "stream" }, { onMessage: (m) => seen.push(m) })).toEqual({ streamed: 3 });
    expect(seen).toEqual([{ step: 0 }, { step: 1 }, { step: 2 }, { step: 0 }, { step: 1 }, { step: 2 }]);
    expect(pool.stats().endWaits).toBe(before);
    // A task that only closes its port is waited for (END_WAIT_MS), and counted: the fallback is real.
    expect(await pool.run({ kind: "stream-no-end" }, { onMessage: (m) => seen.push(m) })).toEqual({ streamed: 3 });
    expect(seen).toHaveLength(9);
    expect(pool.stats().endWaits).toBe(before + 1);
  });

  it("lowers its threads' CPU priority by niceIncrement, not the caller's", async () => {
    const nicePool = createWorkerPool({ filename: `${process.cwd()}/tests/support/crash-worker.ts`, size: 1, niceIncrement: 7 });
    try {
      const before = threadNice();
      expect((await nicePool.run<{ nice: number }>({ kind: "nice" })).nice).toBe(before + 7);
      expect(threadNice()).toBe(before);
      // Without it the thread keeps the caller's priority.
      expect((await pool.run<{ nice: number }>({ kind: "nice" })).nice).toBe(before);
    } finally {
      await nicePool.destroy();
    }
  });
});
