import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { threadId } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorkerPool, type WorkerPool } from "@/lib/workers/pool";
import { readSeriesCsv, windowSeries } from "@/server/forecast/data";
import { workerEntry } from "@/server/training/worker-entry";
import type { PoolTrainResult, WarmUpResult } from "@/server/training/worker-protocol";
// @ts-expect-error: a plain .mjs build script without type declarations
import { buildWorkerBundle } from "../../../scripts/build-worker.mjs";

// The production build's worker: train-worker.ts bundled to JavaScript (scripts/build-worker.mjs), loaded
// by a pool thread without tsx. Built here into a folder of its own inside the project (packages and
// tfjs's .wasm files resolve from it as from .next/worker).
const root = `${process.cwd()}/var/worker-bundle-test-${process.pid}`;
let pool: WorkerPool;
beforeAll(async () => {
  mkdirSync(`${root}/.next/worker`, { recursive: true });
  writeFileSync(`${root}/.next/BUILD_ID`, "build-1");
  await buildWorkerBundle({ dir: `${root}/.next/worker`, buildId: "build-1" });
  pool = createWorkerPool({ filename: workerEntry({ root, production: true }), size: 1 });
}, 60_000);
afterAll(async () => {
  await pool?.destroy();
  rmSync(root, { recursive: true, force: true });
});

describe("the prebuilt worker bundle", () => {
  it("is the production pool's entry only while its stamp is the current build's", () => {
    expect(workerEntry({ root, production: true })).toBe(`${root}/.next/worker/train-worker.mjs`);
    expect(workerEntry({ root, production: false })).toBe(`${root}/src/server/training/train-worker.ts`);
    writeFileSync(`${root}/.next/BUILD_ID`, "build-2");
    expect(workerEntry({ root, production: true })).toBe(`${root}/src/server/training/train-worker.ts`);
    writeFileSync(`${root}/.next/BUILD_ID`, "build-1");
  });

  it("loads TensorFlow.js on the first LSTM fit only, and trains the LSTM on a thread without tsx", async () => {
    // The bundle keeps packages external: tfjs is imported dynamically (models/lstm-net.ts), not at its top.
    const bundle = readFileSync(`${root}/.next/worker/train-worker.mjs`, "utf8");
    expect(bundle).not.toMatch(/^import[^;]*["']@tensorflow\//m);
    expect(bundle).toMatch(/import\(["']@tensorflow\/tfjs["']\)/);
    const warm = await pool.run<WarmUpResult>({ warmUp: true });
    expect(warm.threadId).not.toBe(threadId);
    expect(warm.tfjs).toBe(false);
    const full = readSeriesCsv({ symbol: "AAPL" });
    const series = windowSeries(full, full.dates.length - 700);
    const stages: string[] = [];
    const r = await pool.run<PoolTrainResult>(
      { series, models: ["lstm"], ensembleMembers: [], version: "v-test" },
      { onMessage: (m) => stages.push(`${(m as { model: string }).model}:${(m as { stage: string }).stage}`) },
    );
    // Every progress message arrives before the result is handed back, the last one included.
    expect(stages).toEqual(["lstm:backtest", "lstm:fit", "lstm:done"]);
    expect(r.models.map((m) => m.artifact.model)).toEqual(["lstm"]);
    expect(r.models[0].artifact.trainingWindow).toMatchObject({ to: "2024-03-08", n: 700 });
    expect(r.stores.map((s) => [s.model, s.computed])).toEqual([["lstm", 448]]);
    expect((await pool.run<WarmUpResult>({ warmUp: true })).tfjs).toBe(true);
  }, 120_000);
});
