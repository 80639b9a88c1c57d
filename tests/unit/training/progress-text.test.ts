import { afterEach, describe, expect, it, vi } from "vitest";
import { LaneScheduler, WAIT_REFRESH_MS, type RunningTask } from "@/lib/workers/lanes";
import { resetServicesForTests } from "@/lib/services";
import { modelNumber, overrunWaitMs, trainingProgress, waitingMessage } from "@/server/training/progress";

afterEach(() => {
  resetServicesForTests();
  vi.useRealTimers();
});

describe("model k of N", () => {
  it("is the models finished so far + 1, within 1..N", () => {
    expect([0, 1, 2, 5, 6, 9].map((finished) => modelNumber({ finished, total: 6 }))).toEqual([1, 2, 3, 6, 6, 6]);
    expect(modelNumber({ finished: 0, total: 0 })).toBe(1);
  });

  it("is the same for models training side by side, whatever their place in the plan", () => {
    // Two models at once after two finished: both are "model 3 of 6" (the plan put them 6th and 4th).
    const k = modelNumber({ finished: 2, total: 6 });
    expect(trainingProgress({ model: "lstm", index: k, total: 6, stage: "backtest" }, { from: 0, to: 1 }).message).toBe("training model 3 of 6: LSTM (walk-forward backtest)");
    expect(trainingProgress({ model: "random_forest", index: k, total: 6, stage: "fit" }, { from: 0, to: 1 }).message).toBe("training model 3 of 6: Random forest (final fit)");
  });
});

describe("the wait for a training thread", () => {
  const now = 1_000_000;
  const held = (lane: RunningTask["lane"], subject: string, what: string, expectMs: number | undefined, ranMs: number): RunningTask => ({ lane, subject, what, expectMs, startedAt: now - ranMs });

  it("within its estimate: what is left of it", () => {
    expect(waitingMessage([held("background", "AMZN", "lstm", 9_000, 2_000)], now, { symbol: "DIS", lane: "person" })).toBe("waiting for background training of AMZN (about 7 s), then yours");
    // The last second still says about 1 s.
    expect(waitingMessage([held("background", "AMZN", "lstm", 9_000, 8_800)], now, { symbol: "DIS", lane: "person" })).toBe("waiting for background training of AMZN (about 1 s), then yours");
  });

  it("past its estimate: says so, re-estimates from the time so far, and names a busy machine", () => {
    expect([9_000, 20_000, 60_000, 120_000].map(overrunWaitMs)).toEqual([2_250, 5_000, 15_000, 30_000]);
    expect(overrunWaitMs(1_000)).toBe(2_000);
    const amzn = (ranMs: number) => [held("background", "AMZN", "lstm", 1_000, ranMs)];
    expect(waitingMessage(amzn(20_000), now, { symbol: "DIS", lane: "person" })).toBe(
      "waiting for background training of AMZN (taking longer than expected: about 5 s more), then yours",
    );
    // The newcomer's minute: no longer "about 1 s" throughout.
    expect(waitingMessage(amzn(60_000), now, { symbol: "DIS", lane: "person" }, true)).toBe(
      "waiting for background training of AMZN (taking longer than expected, the machine is busy: about 15 s more), then yours",
    );
    expect(waitingMessage([held("person", "DIS", "lstm", 8_000, 12_000)], now, { symbol: "DIS", lane: "person" }, true)).toBe(
      "waiting for this training's LSTM to finish (taking longer than expected, the machine is busy: about 3 s more), then the next model",
    );
    // A task without an estimate is not promised one.
    expect(waitingMessage([held("person", "portfolio risk", "", undefined, 4_000)], now, { symbol: "DIS", lane: "person" })).toBe(
      "waiting for another person's training of portfolio risk (no estimate: about 2 s more), then yours",
    );
  });

  it("the first thread to free up decides, an overrun one counted by its re-estimate", () => {
    // MSFT overran (60 s of 5 s: about 15 s more); AAPL has 9 s left: AAPL frees up first.
    expect(waitingMessage([held("background", "MSFT", "lstm", 5_000, 60_000), held("background", "AAPL", "arima", 11_000, 2_000)], now, { symbol: "DIS", lane: "person" })).toBe(
      "waiting for background training of AAPL (about 9 s), then yours",
    );
  });

  it("is told again every WAIT_REFRESH_MS while the task waits, and no more once it starts", async () => {
    vi.useFakeTimers();
    const lanes = new LaneScheduler(1);
    let release!: () => void;
    const holder = lanes.run({ lane: "background", label: { subject: "AMZN", expectMs: 1_000 }, task: () => new Promise<void>((r) => (release = r)) });
    const told: number[] = [];
    const mine = lanes.run({ lane: "person", task: async () => "ran", onWait: (h) => told.push(h.length) });
    await vi.advanceTimersByTimeAsync(0);
    expect(told).toEqual([1]);
    await vi.advanceTimersByTimeAsync(3 * WAIT_REFRESH_MS);
    expect(told).toEqual([1, 1, 1, 1]);
    release();
    await holder;
    expect(await mine).toBe("ran");
    await vi.advanceTimersByTimeAsync(3 * WAIT_REFRESH_MS);
    expect(told).toHaveLength(4);
  });
});
