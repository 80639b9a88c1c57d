import { describe, expect, it } from "vitest";
import { createStepTools, RunCancelledError, type RunMemory } from "@/lib/queue/step-tools";

describe("in-process step tools", () => {
  it("runs a step once per run and replays its JSON result on later attempts", async () => {
    const memory: RunMemory = { steps: new Map() };
    let calls = 0;
    const body = () => {
      calls++;
      return { at: new Date("2024-03-08T21:00:00Z"), n: calls };
    };
    const first = await createStepTools({ memory, isCancelled: () => null }).run("load", body);
    const second = await createStepTools({ memory, isCancelled: () => null }).run("load", body);
    expect(calls).toBe(1);
    // Like Inngest, the value a step yields is its JSON serialization (a Date comes back as a string).
    expect(first).toEqual({ at: "2024-03-08T21:00:00.000Z", n: 1 });
    expect(second).toEqual(first);
  });

  it("gives repeated ids within one execution distinct memo slots", async () => {
    const memory: RunMemory = { steps: new Map() };
    const step = createStepTools({ memory, isCancelled: () => null });
    expect(await step.run("tick", () => 1)).toBe(1);
    expect(await step.run("tick", () => 2)).toBe(2);
    expect([...memory.steps.keys()]).toEqual(["tick", "tick:1"]);
  });

  it("does not record a step that threw, so the retry runs it again", async () => {
    const memory: RunMemory = { steps: new Map() };
    await expect(createStepTools({ memory, isCancelled: () => null }).run("flaky", () => Promise.reject(new Error("503")))).rejects.toThrow("503");
    expect(await createStepTools({ memory, isCancelled: () => null }).run("flaky", () => "ok")).toBe("ok");
  });

  it("sleeps for the given duration once, then replays instantly", async () => {
    const memory: RunMemory = { steps: new Map() };
    let t = performance.now();
    await createStepTools({ memory, isCancelled: () => null }).sleep("pause", "120ms");
    expect(performance.now() - t).toBeGreaterThanOrEqual(110);
    t = performance.now();
    await createStepTools({ memory, isCancelled: () => null }).sleep("pause", "120ms");
    expect(performance.now() - t).toBeLessThan(50);
  });

  it("refuses to start steps once the run is cancelled", async () => {
    let reason: string | null = null;
    const step = createStepTools({ memory: { steps: new Map() }, isCancelled: () => reason });
    await step.run("a", () => 1);
    reason = "timed out after 10 ms";
    let ran = false;
    await expect(step.run("b", () => (ran = true))).rejects.toBeInstanceOf(RunCancelledError);
    expect(ran).toBe(false);
  });
});
