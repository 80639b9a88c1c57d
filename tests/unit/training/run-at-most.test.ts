import { describe, expect, it } from "vitest";
import { runAtMost } from "@/server/training/train-in-steps";

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe("runAtMost: a person's models side by side, never more than the threads", () => {
  it("runs at most `width` items at a time, starts the next as soon as one ends, and does all of them", async () => {
    // Each item ends when the test says so (no timers: the order cannot depend on the machine's load).
    const gates = new Map<string, () => void>();
    const started: string[] = [];
    const done: string[] = [];
    let running = 0;
    let peak = 0;
    const run = runAtMost(["long", "a", "b", "c", "d"], () => 2, async (x) => {
      running++;
      peak = Math.max(peak, running);
      started.push(x);
      await new Promise<void>((r) => gates.set(x, r));
      running--;
      done.push(x);
    });
    const settle = () => new Promise((r) => setImmediate(r));
    await settle();
    expect(started).toEqual(["long", "a"]);
    // The long first item runs beside all the short ones: each short one's end starts the next.
    for (const [end, next] of [["a", "b"], ["b", "c"], ["c", "d"]]) {
      gates.get(end)!();
      await settle();
      expect(started.at(-1)).toBe(next);
    }
    gates.get("d")!();
    await settle();
    expect(done).toEqual(["a", "b", "c", "d"]);
    gates.get("long")!();
    await run;
    expect(peak).toBe(2);
    expect(done).toEqual(["a", "b", "c", "d", "long"]);
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
