import { describe, expect, it } from "vitest";
import { runAtMost } from "@/server/training/train-in-steps";

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe("runAtMost: a person's models side by side, never more than the threads", () => {
  it("runs at most `width` items at a time, starts the next as soon as one ends, and does all of them", async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await runAtMost([30, 5, 5, 5, 10], () => 2, async (ms) => {
      running++;
      peak = Math.max(peak, running);
      await tick(ms);
      running--;
      done.push(ms);
    });
    expect(peak).toBe(2);
    // The long first item runs beside all the short ones: they finish before it.
    expect(done).toEqual([5, 5, 5, 10, 30]);
  });

  it("asks for the width before each start (a lane that changes mid-run) and never goes below one", async () => {
    let width = 0;
    const starts: number[] = [];
    let running = 0;
    await runAtMost([1, 2, 3], () => width, async () => {
      running++;
      starts.push(running);
      width = 3;
      await tick();
      running--;
    });
    expect(starts[0]).toBe(1);
    expect(starts).toEqual([1, 2, 3]);
  });

  it("on a failure lets the started items finish, starts nothing new, and throws the first error", async () => {
    const started: string[] = [];
    const finished: string[] = [];
    const run = runAtMost(["a", "b", "c", "d"], () => 2, async (x) => {
      started.push(x);
      if (x === "a") {
        await tick(1);
        throw new Error("a failed");
      }
      await tick(20);
      finished.push(x);
    });
    await expect(run).rejects.toThrow("a failed");
    // b was running when a failed: it finished; nothing new started after the failure.
    expect(started).toEqual(["a", "b"]);
    expect(finished).toEqual(["b"]);
  });
});
