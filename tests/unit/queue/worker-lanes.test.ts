import { describe, expect, it } from "vitest";
import { LaneScheduler, type Lane, type RunningTask } from "@/lib/workers/lanes";

/** A task that finishes when the test says so, recording when it started. */
function gate(log: string[], name: string) {
  let open!: () => void;
  const done = new Promise<void>((r) => (open = r));
  return { task: async () => { log.push(`start ${name}`); await done; log.push(`end ${name}`); }, open };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe("worker pool lanes", () => {
  it("with one thread: fast before person before background, each lane in order, background yielding at its task boundary", async () => {
    const lanes = new LaneScheduler(1);
    const log: string[] = [];
    const bg1 = gate(log, "bg1");
    const bg2 = gate(log, "bg2");
    const p1 = gate(log, "p1");
    const f1 = gate(log, "f1");
    const waits: RunningTask[][] = [];
    const runs = [
      lanes.run({ lane: "background", label: { subject: "AAPL", expectMs: 5000 }, task: bg1.task }),
      lanes.run({ lane: "background", task: bg2.task }),
      lanes.run({ lane: "person", task: p1.task, onWait: (h) => waits.push(h) }),
      lanes.run({ lane: "fast", task: f1.task }),
    ];
    await tick();
    expect(log).toEqual(["start bg1"]);
    // The person's task was told what holds the thread: AAPL's background task.
    expect(waits).toHaveLength(1);
    expect(waits[0]).toMatchObject([{ lane: "background", subject: "AAPL", expectMs: 5000 }]);
    bg1.open();
    await tick();
    await tick();
    // The next background task waits: the fast and the person's tasks go first.
    expect(log).toEqual(["start bg1", "end bg1", "start f1"]);
    f1.open();
    await tick();
    await tick();
    expect(log.slice(-2)).toEqual(["end f1", "start p1"]);
    p1.open();
    await tick();
    await tick();
    expect(log.slice(-2)).toEqual(["end p1", "start bg2"]);
    bg2.open();
    await Promise.all(runs);
    expect(lanes.runningTasks()).toEqual([]);
  });

  it("with two threads: background holds one at most, the other is kept for people", async () => {
    const lanes = new LaneScheduler(2);
    const log: string[] = [];
    const gates = ["bg1", "bg2", "p1", "p2"].map((n) => gate(log, n));
    const lane = (i: number): Lane => (i < 2 ? "background" : "person");
    const runs = gates.map((g, i) => lanes.run({ lane: lane(i), task: g.task }));
    await tick();
    expect(log).toEqual(["start bg1", "start p1"]);
    expect(lanes.runningTasks().map((t) => t.lane).sort()).toEqual(["background", "person"]);
    gates[2].open(); // p1 ends: p2 takes the thread, bg2 still waits behind bg1's thread
    await tick();
    await tick();
    expect(log).toEqual(["start bg1", "start p1", "end p1", "start p2"]);
    gates[0].open();
    await tick();
    await tick();
    expect(log.slice(-2)).toEqual(["end bg1", "start bg2"]);
    gates[1].open();
    gates[3].open();
    await Promise.all(runs);
  });
});
