import { describe, expect, it } from "vitest";
import { progressWriter, type ProgressRow } from "@/server/training/progress-writer";

const row = (i: number): ProgressRow => ({ value: i / 10, message: `row ${i}` });

describe("a training job's progress rows", () => {
  it("are written at most one per interval: the first at once, the latest of those made meanwhile after it", async () => {
    const written: { row: ProgressRow; at: number }[] = [];
    const t0 = performance.now();
    const w = progressWriter(async (r) => void written.push({ row: r, at: performance.now() - t0 }), { everyMs: 80 });
    for (let i = 1; i <= 5; i++) w.say(row(i));
    await new Promise((res) => setTimeout(res, 200));
    expect(written.map((x) => x.row)).toEqual([row(1), row(5)]);
    expect(written[1].at - written[0].at).toBeGreaterThanOrEqual(75);
    // Nothing is left to write, and a row made later is written (after the interval since the last one).
    await w.drain();
    w.say(row(6));
    await new Promise((res) => setTimeout(res, 200));
    expect(written.map((x) => x.row.message)).toEqual(["row 1", "row 5", "row 6"]);
    expect(written[2].at - written[1].at).toBeGreaterThanOrEqual(75);
  });

  it("drain() writes the waiting row at once, not at the end of the interval (a retrain's steps take milliseconds)", async () => {
    const written: string[] = [];
    const w = progressWriter(async (r) => void written.push(r.message), { everyMs: 10_000 });
    w.say(row(1));
    w.say(row(2));
    w.say(row(3));
    const t0 = performance.now();
    await w.drain();
    expect(written).toEqual(["row 1", "row 3"]);
    // The interval is 10 s: a drain that waited it out would take that long.
    expect(performance.now() - t0).toBeLessThan(5_000);
    // After the drain the interval holds again for rows said without one.
    w.say(row(4));
    await new Promise((res) => setTimeout(res, 50));
    expect(written).toEqual(["row 1", "row 3"]);
    await w.drain();
    expect(written).toEqual(["row 1", "row 3", "row 4"]);
  });

  it("keep the order made, one write at a time, and a failed write does not stop the next", async () => {
    let inFlight = 0;
    let most = 0;
    const written: string[] = [];
    const errors: unknown[] = [];
    const w = progressWriter(
      async (r) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((res) => setTimeout(res, 20));
        inFlight--;
        if (r.message === "row 1") throw new Error("database busy");
        written.push(r.message);
      },
      { everyMs: 10, onError: (e) => errors.push(e) },
    );
    w.say(row(1));
    await new Promise((res) => setTimeout(res, 5));
    w.say(row(2));
    await new Promise((res) => setTimeout(res, 40));
    w.say(row(3));
    await w.drain();
    expect(written).toEqual(["row 2", "row 3"]);
    expect(errors.map((e) => (e as Error).message)).toEqual(["database busy"]);
    expect(most).toBe(1);
  });
});
