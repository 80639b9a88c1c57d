import { threadId } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import { createWorkerPool } from "@/lib/workers/pool";
import { readSeriesCsv, windowSeries } from "@/server/forecast/data";
import type { PoolTrainResult, WarmUpResult } from "@/server/training/worker-protocol";

// The real training worker (the file the app's pool runs) on the last 700 shipped AAPL bars.
const pool = createWorkerPool({ filename: `${process.cwd()}/src/server/training/train-worker.ts`, size: 1 });
afterAll(() => pool.destroy());
const full = readSeriesCsv({ symbol: "AAPL" });
const series = windowSeries(full, full.dates.length - 700);

describe("the training worker thread", () => {
  // Worker threads load the sources through tsx's require hook, where the LSTM's on-demand import() of its
  // tfjs training loop could not be resolved: every full training failed at the LSTM.
  it("trains the LSTM (its tfjs training loop loads in the worker)", async () => {
    // TensorFlow.js is loaded by the thread's first LSTM fit: neither its start, its warm-up task nor a
    // baseline (naive and drift) loads it (each warm-up answers whether the thread has it).
    expect((await pool.run<WarmUpResult>({ warmUp: true })).tfjs).toBe(false);
    const baseline = await pool.run<PoolTrainResult>({ series, models: ["naive", "drift"], ensembleMembers: [], version: "v-test" });
    expect(baseline.models.map((m) => m.artifact.model)).toEqual(["naive", "drift"]);
    expect((await pool.run<WarmUpResult>({ warmUp: true })).tfjs).toBe(false);
    const stages: string[] = [];
    const r = await pool.run<PoolTrainResult>(
      { series, models: ["lstm"], ensembleMembers: [], version: "v-test" },
      { onMessage: (m) => stages.push(`${(m as { model: string }).model}:${(m as { stage: string }).stage}`) },
    );
    expect(r.threadId).not.toBe(threadId);
    expect(stages).toEqual(["lstm:backtest", "lstm:fit", "lstm:done"]);
    expect(r.models.map((m) => m.artifact.model)).toEqual(["lstm"]);
    expect(r.models[0].artifact.trainingWindow).toMatchObject({ to: "2024-03-08", n: 700 });
    expect(r.stores.map((s) => [s.model, s.computed])).toEqual([["lstm", 448]]);
    expect((await pool.run<WarmUpResult>({ warmUp: true })).tfjs).toBe(true);
  });
});
